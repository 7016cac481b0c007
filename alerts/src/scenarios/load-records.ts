/**
 * Loading raw records (the INTERFACES.md shape) straight into the `transactions` table, for
 * tests and the benchmark, bypassing the gateway.
 *
 * Account ids are stored as given: detection only compares accounts for equality, so a raw
 * id behaves exactly like its pseudonym, and keeping it lets tests and the benchmark compare
 * reported accounts with the scenario's labels. Never use this for real data: the gateway
 * is the only path that pseudonymizes. `record_hash` is left empty (nothing is anchored).
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { IncomingTransactionRecord } from '../../../core/src/domain/transaction-record.js';

/** One row of `transactions` for a raw record at ingestion sequence `seq`. */
export function transactionRowOf(record: Readonly<IncomingTransactionRecord>, seq: number): Record<string, string | number> {
  // Normalized to UTC ISO with milliseconds; parsed by `date_time_input_format = 'best_effort'`.
  const ts = new Date(record.ts).toISOString();
  return {
    seq,
    institution: record.institution,
    tx_id: record.txId,
    ts,
    type: record.type,
    from_account: record.from,
    to_account: record.to,
    amount: typeof record.amount === 'number' ? record.amount.toFixed(2) : record.amount,
    currency: record.currency ?? 'CNY',
    loan_purpose: record.loanPurpose ?? '',
    from_sector: record.fromSector ?? '',
    to_sector: record.toSector ?? '',
    to_mcc: record.toMcc ?? '',
    to_country: record.toCountry ?? '',
    record_hash: '',
    ingested_at: ts,
  };
}

/**
 * Insert records in the order given with consecutive seq numbers after `afterSeq`; returns
 * the seq range they occupy, ready for `detect`. Sent as NDJSON text in one statement,
 * the cheapest insert path of the embedded engine.
 */
export async function loadRecords(
  client: ClickHouseClient,
  records: readonly Readonly<IncomingTransactionRecord>[],
  afterSeq = 0,
): Promise<{ afterSeq: number; uptoSeq: number }> {
  if (records.length === 0) return { afterSeq, uptoSeq: afterSeq };
  const body = records.map((record, i) => JSON.stringify(transactionRowOf(record, afterSeq + i + 1))).join('\n');
  await client.command({
    query: `INSERT INTO transactions SETTINGS date_time_input_format = 'best_effort' FORMAT JSONEachRow\n${body}`,
  });
  return { afterSeq, uptoSeq: afterSeq + records.length };
}
