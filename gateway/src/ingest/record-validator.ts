import {
  LOAN_PURPOSES, TRANSACTION_TYPES, type IncomingTransactionRecord, type TransactionType,
} from '../../../core/src/domain/transaction-record.js';

/** Why one record was refused: the field and the reason, in words an institution can act on. */
export interface RecordRejection {
  field: string;
  reason: string;
}

export type ValidationResult =
  | { ok: true; record: ValidRecord }
  | { ok: false; rejections: RecordRejection[] };

/** A record that passed validation, normalized (UTC timestamp, 2-decimal amount), ids still raw. */
export type ValidRecord = Omit<IncomingTransactionRecord, 'amount'> & { amount: string; currency: string; tsMs: number };

/** How far ahead of the platform's clock an event time may lie (clocks differ; records may not come from the future). */
export const MAX_FUTURE_MS = 24 * 3600_000;

const KNOWN_FIELDS = new Set([
  'txId', 'institution', 'ts', 'type', 'from', 'to', 'amount', 'currency', 'loanPurpose',
  'fromSector', 'toSector', 'toMcc', 'toCountry',
]);
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const AMOUNT = /^(?:0|[1-9]\d{0,15})(?:\.\d{1,2})?$/;
const SECTOR = /^[A-T](?:\d{1,4})?$/;
const PRINTABLE_ID = /^[\x21-\x7E]+$/;

/**
 * Validates one incoming record field by field and lists every problem it has, so an
 * institution fixes a record in one round. Unknown fields are refused rather than ignored:
 * an institution that sends, say, a customer name must learn that nothing of it was kept,
 * and nothing unvetted reaches storage. `nowMs` is the platform's clock: an event time more
 * than a day ahead of it is refused (`ts: in the future`).
 */
export function validateRecord(input: unknown, callerInstitution?: string, nowMs: number = Date.now()): ValidationResult {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, rejections: [{ field: 'record', reason: 'must be a JSON object' }] };
  }
  const rejections: RecordRejection[] = [];
  const r = input as Record<string, unknown>;
  for (const key in r) if (!KNOWN_FIELDS.has(key)) rejections.push(rejection(key, 'unknown field'));

  const txId = checkId(r.txId, 64);
  if (txId) rejections.push(rejection('txId', txId));
  const institution = checkId(r.institution, 32);
  if (institution) rejections.push(rejection('institution', institution));
  else if (callerInstitution !== undefined && r.institution !== callerInstitution) {
    rejections.push(rejection('institution', `must be the API key's institution (${callerInstitution})`));
  }
  const ts = checkTimestamp(r.ts, nowMs);
  if (typeof ts === 'string') rejections.push(rejection('ts', ts));
  const typeOk = typeof r.type === 'string' && (TRANSACTION_TYPES as readonly string[]).includes(r.type);
  if (!typeOk) rejections.push(rejection('type', `must be one of ${TRANSACTION_TYPES.join(', ')}`));
  const from = checkId(r.from, 128);
  if (from) rejections.push(rejection('from', from));
  const to = checkId(r.to, 128);
  if (to) rejections.push(rejection('to', to));
  const amount = normalizeAmount(r.amount);
  if (!amount.startsWith('ok:')) rejections.push(rejection('amount', amount));
  for (const problem of checkOptionalFields(r, typeOk ? r.type as TransactionType : undefined)) rejections.push(problem);
  if (rejections.length > 0) return { ok: false, rejections };

  const record: ValidRecord = {
    txId: r.txId as string, institution: r.institution as string, ts: (ts as Date).toISOString(), tsMs: (ts as Date).getTime(), type: r.type as TransactionType,
    from: r.from as string, to: r.to as string, amount: amount.slice(3),
    currency: (r.currency as string | undefined) ?? 'CNY',
  };
  for (const f of ['loanPurpose', 'fromSector', 'toSector', 'toMcc', 'toCountry'] as const) {
    if (r[f] !== undefined) (record as unknown as Record<string, unknown>)[f] = r[f];
  }
  return { ok: true, record };
}

function rejection(field: string, reason: string): RecordRejection {
  return { field, reason };
}

/** The rejections of a record as one reason text: `field: reason; field: reason`. */
export function rejectionText(rejections: readonly RecordRejection[]): string {
  return rejections.map((r) => `${r.field}: ${r.reason}`).join('; ');
}

function checkId(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return 'required, a non-empty string';
  if (value.length > max) return `at most ${max} characters`;
  if (!PRINTABLE_ID.test(value)) return 'printable ASCII without spaces only';
  return undefined;
}

/** The instant, or the reason it is refused. */
function checkTimestamp(value: unknown, nowMs: number): Date | string {
  if (typeof value !== 'string') return 'required, an ISO-8601 timestamp with zone';
  if (!ISO_WITH_ZONE.test(value)) return 'must be ISO-8601 with a zone, e.g. 2026-07-01T09:30:00+08:00';
  // The pattern fixes where the fields sit: read them in place (no match array per record).
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = value.charCodeAt(16) === 0x3a ? twoDigits(value, 17) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return 'is not a valid date and time';
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return 'is not a valid date and time';
  const date = new Date(ms);
  if (date.getUTCFullYear() < 2000) return 'must be in the year 2000 or later';
  if (ms > nowMs + MAX_FUTURE_MS) return 'in the future (more than 24 hours ahead of the platform clock)';
  return date;
}

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 0x30) * 10 + (text.charCodeAt(at + 1) - 0x30);
}

/** Returns `ok:<amount with two decimals>` or a reason. */
function normalizeAmount(value: unknown): string {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'must be a finite number';
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return 'required, a decimal string or number';
  }
  if (!AMOUNT.test(text)) return 'must be a positive decimal with at most 2 decimals and 16 integer digits';
  const [whole, frac = ''] = text.split('.');
  const normalized = `${whole}.${frac.padEnd(2, '0')}`;
  if (/^0\.00$/.test(normalized)) return 'must be greater than 0';
  return `ok:${normalized}`;
}

function checkOptionalFields(r: Record<string, unknown>, type: TransactionType | undefined): RecordRejection[] {
  const problems: RecordRejection[] = [];
  if (r.currency !== undefined && (typeof r.currency !== 'string' || !/^[A-Z]{3}$/.test(r.currency))) {
    problems.push({ field: 'currency', reason: 'must be an ISO 4217 code such as CNY' });
  }
  if (type === 'loan_disbursement') {
    if (typeof r.loanPurpose !== 'string' || !(LOAN_PURPOSES as readonly string[]).includes(r.loanPurpose)) {
      problems.push({ field: 'loanPurpose', reason: `required for loan_disbursement, one of ${LOAN_PURPOSES.join(', ')}` });
    }
  } else if (r.loanPurpose !== undefined && type !== undefined) {
    problems.push({ field: 'loanPurpose', reason: 'only allowed for loan_disbursement' });
  }
  for (const f of ['fromSector', 'toSector'] as const) {
    if (r[f] !== undefined && (typeof r[f] !== 'string' || !SECTOR.test(r[f]))) {
      problems.push({ field: f, reason: 'must be a GB/T 4754 industry code such as K or J67' });
    }
  }
  if (r.toMcc !== undefined && (typeof r.toMcc !== 'string' || !/^\d{4}$/.test(r.toMcc))) {
    problems.push({ field: 'toMcc', reason: 'must be a 4-digit merchant category code' });
  }
  const crossBorder = type === 'cross_border_out' || type === 'cross_border_in';
  if (r.toCountry !== undefined || crossBorder) {
    if (typeof r.toCountry !== 'string' || !/^[A-Z]{2}$/.test(r.toCountry)) {
      problems.push({ field: 'toCountry', reason: crossBorder ? 'required for cross-border records, ISO 3166-1 alpha-2' : 'must be ISO 3166-1 alpha-2' });
    }
  }
  return problems;
}
