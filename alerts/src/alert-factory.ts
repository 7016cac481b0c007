import { createHash } from 'node:crypto';
import type { Alert, Decision, Severity } from '../../core/src/domain/alert.js';
import type { Opinion, ReviewCase } from '../../core/src/ledger/contract-model.js';
import type { Department } from '../../core/src/domain/departments.js';
import { canonicalJson } from '../../core/src/domain/canonical-json.js';
import type { AlertDocument } from './alert-store.js';
import type { EvidenceRecord, Incident } from './typology.js';
import { capEvidence } from './typologies/evidence-cap.js';

/** Alert ids are derived from the incident, so re-detecting after a crash finds the same alert. */
export function alertIdOf(incident: Pick<Incident, 'typology' | 'incidentKey'>): string {
  const digest = createHash('sha256').update(`${incident.typology}\u0000${incident.incidentKey}`).digest('hex');
  return `A-${digest.slice(0, 20)}`;
}

/** Hash of what an alert asserts (anchored on the ledger with each version). */
export function alertHash(alert: Alert): string {
  const { id, typology, ruleVersion, txIds, accounts, amount, firstTs, lastTs, departments } = alert;
  const content = { id, typology, ruleVersion, txIds: [...txIds].sort(), accounts: [...accounts].sort(), amount, firstTs, lastTs, departments: [...departments].sort() };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

const key = (e: EvidenceRecord): string => `${e.institution}\u0000${e.txId}`;

/** Union of evidence, by (institution, txId), sorted by event time. */
export function mergeEvidence(a: readonly EvidenceRecord[], b: readonly EvidenceRecord[]): EvidenceRecord[] {
  const byKey = new Map<string, EvidenceRecord>();
  for (const e of [...a, ...b]) if (!byKey.has(key(e))) byKey.set(key(e), e);
  return [...byKey.values()].sort((x, y) => (x.ts < y.ts ? -1 : x.ts > y.ts ? 1 : key(x) < key(y) ? -1 : 1));
}

const maxAmount = (a: string, b: string): string => (Number(a) >= Number(b) ? a : b);

/** The capped evidence of an alert and, when capped, how many records it rests on in all. */
function cappedEvidence(all: readonly EvidenceRecord[], knownCount: number): Pick<AlertDocument, 'evidence' | 'evidenceCapped'> {
  const evidence = capEvidence(all);
  const records = Math.max(all.length, knownCount);
  return records > evidence.length ? { evidence, evidenceCapped: { records, shown: evidence.length } } : { evidence };
}

/** A new alert document for an incident that no alert covers yet. */
export function newAlertDocument(
  incident: Incident, ruleVersion: string, departments: Department[], severity: Severity, now: Date,
): AlertDocument {
  const id = alertIdOf(incident);
  const capped = cappedEvidence(mergeEvidence([], incident.evidence), incident.evidenceCount ?? 0);
  const { evidence } = capped;
  return {
    id, typology: incident.typology, ruleVersion, severity, departments,
    txIds: evidence.map((e) => e.txId), ...(capped.evidenceCapped ? { evidenceCapped: capped.evidenceCapped } : {}), accounts: [...new Set(incident.accounts)].sort(),
    institutions: [...new Set(evidence.map((e) => e.institution))].sort(),
    amount: incident.amount, firstTs: incident.firstTs, lastTs: incident.lastTs,
    caseId: `C-${id.slice(2)}`, status: 'open', ledger: {},
    raisedAt: now.toISOString(), updatedAt: now.toISOString(),
    incidentKeys: [incident.incidentKey], evidence, version: 1,
  };
}

/** The document grown by an incident, or undefined when the incident adds nothing. */
export function growAlertDocument(doc: AlertDocument, incident: Incident, severity: Severity, now: Date): AlertDocument | undefined {
  const known = Math.max(doc.evidenceCapped?.records ?? 0, incident.evidenceCount ?? 0);
  const capped = cappedEvidence(mergeEvidence(doc.evidence, incident.evidence), known);
  const { evidence } = capped;
  const newKey = !doc.incidentKeys.includes(incident.incidentKey);
  const sameEvidence = evidence.length === doc.evidence.length && evidence.every((e, i) => key(e) === key(doc.evidence[i]!))
    && capped.evidenceCapped?.records === doc.evidenceCapped?.records;
  if (sameEvidence && !newKey) return undefined;
  const rank: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
  const { evidenceCapped: _previous, ...rest } = doc;
  return {
    ...rest,
    evidence, txIds: evidence.map((e) => e.txId), ...(capped.evidenceCapped ? { evidenceCapped: capped.evidenceCapped } : {}),
    accounts: [...new Set([...doc.accounts, ...incident.accounts])].sort(),
    institutions: [...new Set(evidence.map((e) => e.institution))].sort(),
    amount: maxAmount(doc.amount, incident.amount),
    firstTs: incident.firstTs < doc.firstTs ? incident.firstTs : doc.firstTs,
    lastTs: incident.lastTs > doc.lastTs ? incident.lastTs : doc.lastTs,
    severity: rank[severity] > rank[doc.severity] ? severity : doc.severity,
    incidentKeys: newKey ? [...doc.incidentKeys, incident.incidentKey] : doc.incidentKeys,
    updatedAt: now.toISOString(), version: doc.version + 1,
  };
}

/** Case fields mirrored into the alert document, so lists and queues need no ledger round trip. */
export function withCaseState(doc: AlertDocument, reviewCase: ReviewCase): AlertDocument {
  const caseOpinions = Object.values(reviewCase.opinions).filter((o): o is Opinion => o !== undefined);
  const decisions: Partial<Record<Department, Decision>> = {};
  for (const o of caseOpinions) decisions[o.department] = o.decision;
  return {
    ...doc, status: reviewCase.status, departments: [...reviewCase.departments], caseOpinions, decisions,
    openedAt: reviewCase.openedAt, deadline: reviewCase.deadline,
  };
}

/** The public alert shape (INTERFACES.md) of a document. */
export function toAlert(doc: AlertDocument): Alert {
  const { incidentKeys: _k, evidence: _e, version: _v, caseOpinions: _o, openedAt: _a, mergedInto: _m, ...alert } = doc;
  return alert;
}
