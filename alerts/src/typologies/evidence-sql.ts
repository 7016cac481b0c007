/**
 * SQL fragments and row decoding shared by every typology: how a stored record is selected
 * for detection (event time in epoch milliseconds, strings without LowCardinality so that
 * records of different legs fit in one array) and how it comes back as an EvidenceRecord.
 */
import type { EvidenceRecord, EvidenceRole } from '../typology.js';

/**
 * Columns of one record as every typology sees it. `t` is the event time in epoch ms,
 * which keeps window arithmetic in exact integers.
 */
export const RECORD_COLUMNS = `seq,
  CAST(institution, 'String') AS inst,
  tx_id,
  CAST(type, 'String') AS kind,
  from_account AS src,
  to_account AS dst,
  amount,
  toUnixTimestamp64Milli(ts) AS t,
  CAST(loan_purpose, 'String') AS purpose,
  CAST(to_sector, 'String') AS to_sector,
  CAST(to_mcc, 'String') AS to_mcc,
  CAST(to_country, 'String') AS to_country`;

/**
 * Records of the typology's types (`{recordTypes:Array(String)}`) whose event time lies in the
 * pruning window `[{lo:Int64}, {hi:Int64}]`: a pattern that involves a record of the range can
 * only contain records within one typology window of that range's event times, so nothing
 * outside needs reading. `detection_events` is ordered by (type, ts), so both conditions
 * select index ranges instead of scanning the history.
 */
export const PRUNED_RECORDS = `SELECT ${RECORD_COLUMNS}
  FROM detection_events
  WHERE type IN {recordTypes:Array(String)}
    AND ts >= fromUnixTimestamp64Milli({lo:Int64}, 'UTC') AND ts <= fromUnixTimestamp64Milli({hi:Int64}, 'UTC')`;

/**
 * Accounts (either side) of the records in the seq range being detected. A pattern that
 * involves one of the range's records involves its sender or its recipient, so each typology
 * restricts its parties to these: a round costs what its new records touch, not the whole
 * window of every party (and a hot pair elsewhere in the history is not read again).
 */
export const RANGE_ACCOUNTS = `SELECT arrayJoin([from_account, to_account]) FROM detection_events
  WHERE seq > {afterSeq:UInt64} AND seq <= {uptoSeq:UInt64}`;

/** Accounts that are not personal: ever reported with a sector or an MCC (state table). */
export const NON_PERSONAL_ACCOUNTS = 'SELECT account FROM detection_non_personal_accounts';

/** Whether the record behind `alias` belongs to the seq range being detected. */
export function inRange(alias: string): string {
  return `(${alias}.seq > {afterSeq:UInt64} AND ${alias}.seq <= {uptoSeq:UInt64})`;
}

/**
 * One evidence tuple for the record behind `alias`; `role` is a constant of the calling
 * typology (never a configured or received value).
 */
export function evidenceTuple(alias: string, role: EvidenceRole): string {
  return `tuple(${alias}.inst, ${alias}.tx_id, ${alias}.kind, ${alias}.src, ${alias}.dst, toString(${alias}.amount),
    ${alias}.t, ${alias}.to_sector, ${alias}.to_mcc, ${alias}.to_country, '${role}')`;
}

/** The JSON shape of one evidence tuple (JSONEachRow prints an unnamed tuple as an array). */
export type EvidenceTupleRow = [string, string, string, string, string, string, number, string, string, string, string];

/** A decimal as ClickHouse prints it ("40000", "12.5") in the canonical two-decimal form. */
export function twoDecimals(value: string): string {
  const [whole = '0', fraction = ''] = value.split('.');
  return `${whole}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** Epoch milliseconds to the ISO form used everywhere else (`2026-07-01T00:00:00.000Z`). */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/** Decode one evidence tuple. */
export function evidenceOf(row: EvidenceTupleRow): EvidenceRecord {
  const [institution, txId, type, from, to, amount, t, toSector, toMcc, toCountry, role] = row;
  const record: EvidenceRecord = {
    institution, txId, type, from, to, amount: twoDecimals(amount), ts: isoOf(t), role: role as EvidenceRole,
  };
  if (toSector) record.toSector = toSector;
  if (toMcc) record.toMcc = toMcc;
  if (toCountry) record.toCountry = toCountry;
  return record;
}

/** A config amount in CNY as a bound `Decimal(18, 2)` parameter value. */
export function decimalParam(amount: number): string {
  return amount.toFixed(2);
}
