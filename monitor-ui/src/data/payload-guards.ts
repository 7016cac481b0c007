/**
 * Validation of every payload on receipt, REST or socket: the browser trusts the contract's
 * types only after checking them, so a malformed or foreign message is dropped, not rendered.
 * Each parser answers the typed value or `undefined`.
 */
import type {
  LinkedCase, TriageView, Alert, AlertStats, CaseDetail, CaseHistoryEntry, CaseView, DiscussionEntry, EvidenceRecord, OpinionView,
  ProofStatus, QuarterSummary, ReportSignOff, Session, StatsPoint,
} from './contract.js';

type Json = Record<string, unknown>;

const DEPARTMENTS = new Set(['PBOC', 'NFRA', 'SAMR', 'CAC', 'SAFE']);
const ROLES = new Set(['analyst', 'reviewer', 'auditor', 'admin']);
const SEVERITIES = new Set(['low', 'medium', 'high', 'critical']);
const CASE_STATUSES = new Set(['open', 'confirmed', 'dismissed', 'escalated']);
const DECISIONS = new Set(['confirm', 'dismiss', 'request_info']);

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isOneOf = (set: Set<string>) => (v: unknown): boolean => isString(v) && set.has(v);
const optional = (check: (v: unknown) => boolean) => (v: unknown): boolean => v === undefined || check(v);

/** Checks that `value` has every listed field passing its check. */
function hasFields(value: unknown, fields: Record<string, (v: unknown) => boolean>): value is Json {
  if (!isObject(value)) return false;
  return Object.entries(fields).every(([key, check]) => check(value[key]));
}

/** Amounts travel as decimal strings; a number is accepted and normalized. */
function isAmount(v: unknown): boolean {
  return (isString(v) && /^-?\d+(\.\d+)?$/.test(v)) || isNumber(v);
}

function normalizeAmount<T extends { amount: string }>(value: T): T {
  return typeof value.amount === 'number' ? { ...value, amount: (value.amount as number).toFixed(2) } : value;
}

const isDepartmentList = (v: unknown): boolean => Array.isArray(v) && v.every(isOneOf(DEPARTMENTS));

export function parseAlert(value: unknown): Alert | undefined {
  const ok = hasFields(value, {
    id: isString, typology: isString, ruleVersion: isString, severity: isOneOf(SEVERITIES),
    departments: isDepartmentList, txIds: isStringArray, accounts: isStringArray, amount: isAmount,
    firstTs: isString, lastTs: isString, caseId: isString, status: isOneOf(CASE_STATUSES),
    ledger: isObject, institutions: optional(isStringArray), raisedAt: optional(isString),
    updatedAt: optional(isString), decisions: optional(isObject), deadline: optional(isString),
    explanation: optional((v) => Array.isArray(v) && v.every((c) => hasFields(c, {
      condition: isString, value: (x) => isString(x) || isNumber(x), threshold: (x) => isString(x) || isNumber(x), text: isString,
    }))),
  });
  if (!ok) return undefined;
  const alert = value as unknown as Alert;
  // Older producers may omit the processing times; the event time stands in for them.
  return normalizeAmount({
    ...alert,
    institutions: alert.institutions ?? [],
    raisedAt: alert.raisedAt ?? alert.lastTs,
    updatedAt: alert.updatedAt ?? alert.raisedAt ?? alert.lastTs,
  });
}

function parseOpinion(value: unknown): OpinionView | undefined {
  const ok = hasFields(value, {
    department: isOneOf(DEPARTMENTS), decision: isOneOf(DECISIONS), commentHash: isString,
    at: isString, txId: isString, comment: optional(isString), by: optional(isString),
  });
  return ok ? (value as unknown as OpinionView) : undefined;
}

export function parseCaseView(value: unknown): CaseView | undefined {
  const ok = hasFields(value, {
    caseId: isString, alertId: isString, departments: isDepartmentList,
    status: isOneOf(CASE_STATUSES), opinions: Array.isArray, openedAt: isString,
    deadline: isString, closedAt: optional(isString),
    ledger: (v) => hasFields(v, { txId: isString, blockNumber: isNumber }),
  });
  if (!ok) return undefined;
  const opinions = (value.opinions as unknown[]).map(parseOpinion);
  if (opinions.some((o) => o === undefined)) return undefined;
  return { ...(value as unknown as CaseView), opinions: opinions as OpinionView[] };
}

function parseEvidence(value: unknown): EvidenceRecord | undefined {
  const ok = hasFields(value, {
    institution: isString, txId: isString, type: isString, from: isString, to: isString,
    amount: isAmount, ts: isString, role: isString,
  });
  return ok ? normalizeAmount(value as unknown as EvidenceRecord) : undefined;
}

function parseHistoryEntry(value: unknown): CaseHistoryEntry | undefined {
  const ok = hasFields(value, {
    txId: isString, timestamp: isString, status: isString, action: optional(isString), department: optional(isString),
    by: optional(isString), decision: optional(isString), escalationReason: optional(isString),
  });
  return ok ? (value as unknown as CaseHistoryEntry) : undefined;
}

function parseList<T>(value: unknown, parse: (v: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.map(parse);
  return items.some((i) => i === undefined) ? undefined : (items as T[]);
}

export function parseCaseDetail(value: unknown): CaseDetail | undefined {
  if (!isObject(value)) return undefined;
  const caseView = parseCaseView(value.case);
  const alert = parseAlert(value.alert);
  const evidence = parseList(value.evidence ?? [], parseEvidence);
  const history = parseList(value.history ?? [], parseHistoryEntry);
  const proofOk = hasFields(value.proof, {
    verified: (v) => typeof v === 'boolean', batchId: optional(isString), blockNumber: optional(isNumber),
  });
  if (!caseView || !alert || !evidence || !history) return undefined;
  const proof: ProofStatus = proofOk ? (value.proof as unknown as ProofStatus) : { verified: false };
  const basisOk = hasFields(value.severityBasis, {
    amount: isAmount, highFrom: isNumber, lowBelow: isNumber, base: isOneOf(SEVERITIES), raisedBy: isNumber,
  });
  const linked = parseList(value.linkedCases ?? [], (v) => (hasFields(v, {
    caseId: isString, alertId: isString, typology: isString, status: isOneOf(CASE_STATUSES), sharedAccounts: isStringArray,
  }) ? (v as unknown as LinkedCase) : undefined)) ?? [];
  return {
    case: caseView, alert, evidence, history, proof, linkedCases: linked,
    ...(basisOk ? { severityBasis: value.severityBasis as CaseDetail['severityBasis'] } : {}),
  };
}

export function parseAlertList(value: unknown): Alert[] | undefined {
  return isObject(value) ? parseList(value.alerts, parseAlert) : undefined;
}

export function parseQueue(value: unknown): CaseView[] | undefined {
  return isObject(value) ? parseList(value.cases, parseCaseView) : undefined;
}

export function parseSession(value: unknown): Session | undefined {
  const ok = hasFields(value, {
    token: isString, username: isString, department: isOneOf(DEPARTMENTS), role: isOneOf(ROLES),
    expiresAt: isString,
  });
  return ok ? (value as unknown as Session) : undefined;
}

export function parseStats(value: unknown): AlertStats | undefined {
  if (!isObject(value) || !isObject(value.totals)) return undefined;
  const series = parseList(value.series, (p): StatsPoint | undefined =>
    hasFields(p, { t: isString, typology: isString, count: isNumber }) ? (p as unknown as StatsPoint) : undefined);
  const totalsOk = Object.values(value.totals).every(isNumber);
  return series && totalsOk ? { series, totals: value.totals as Record<string, number> } : undefined;
}

function parseSignOff(value: unknown): ReportSignOff | undefined {
  const ok = hasFields(value, { department: isString, at: isString, txId: isString, reportHash: isString, by: optional(isString) });
  return ok ? (value as unknown as ReportSignOff) : undefined;
}

function parseQuarter(value: unknown): QuarterSummary | undefined {
  const anchoredOk = (v: unknown): boolean => v === null || hasFields(v, {
    reportHash: isString, anchoredBy: optional(isString), anchoredAt: optional(isString),
  });
  if (!hasFields(value, {
    quarter: isString, anchored: anchoredOk, pending: isStringArray, endsAt: optional(isString), ended: optional((v) => typeof v === 'boolean'),
  })) return undefined;
  const signOffs = parseList(value.signOffs ?? [], parseSignOff);
  return signOffs ? { ...(value as unknown as QuarterSummary), signOffs } : undefined;
}

export function parseQuarters(value: unknown): QuarterSummary[] | undefined {
  return isObject(value) ? parseList(value.reports, parseQuarter) : undefined;
}

/** The `{ error, message }` body of a refused request, if that is what it is. */
export function parseErrorBody(value: unknown): { error: string; message: string } | undefined {
  return hasFields(value, { error: isString, message: isString })
    ? { error: value.error as string, message: value.message as string }
    : undefined;
}

export function parseDiscussionEntry(value: unknown): DiscussionEntry | undefined {
  const ok = hasFields(value, {
    id: isString, caseId: isString, department: isOneOf(DEPARTMENTS), username: isString, role: isOneOf(ROLES),
    text: isString, entryHash: isString, ledgerTxId: isString, at: isString,
    askedDepartment: optional(isOneOf(DEPARTMENTS)), replyTo: optional(isString),
  });
  return ok ? (value as unknown as DiscussionEntry) : undefined;
}

export function parseDiscussion(value: unknown): DiscussionEntry[] | undefined {
  return isObject(value) ? parseList(value.entries, parseDiscussionEntry) : undefined;
}

export function parseTriage(value: unknown): TriageView | undefined {
  if (!isObject(value) || !isObject(value.cases) || !isStringArray(value.members)) return undefined;
  const fields = { assignee: optional(isString), assignedBy: optional(isString), assignedAt: optional(isString), acknowledgedBy: optional(isString), acknowledgedAt: optional(isString) };
  return Object.values(value.cases).every((c) => hasFields(c, fields)) ? (value as unknown as TriageView) : undefined;
}
