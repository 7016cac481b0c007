/**
 * Terse builders of raw records for typology tests: each test states only what matters.
 */
import type { IncomingTransactionRecord } from '../../../core/src/domain/transaction-record.js';

let counter = 0;

/** Event time `base + offset` in ISO; offsets in milliseconds. */
export const T0 = Date.parse('2026-07-01T00:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const at = (offsetMs: number): string => new Date(T0 + offsetMs).toISOString();

/** A record with sensible defaults; `txId` unique per process. */
export function rec(fields: Partial<IncomingTransactionRecord> & Pick<IncomingTransactionRecord, 'type' | 'from' | 'to' | 'amount'> & { offsetMs?: number }): IncomingTransactionRecord {
  const { offsetMs = 0, ...rest } = fields;
  counter++;
  return { txId: `t${counter}`, institution: 'BANK_A', ts: at(offsetMs), ...rest };
}
