import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import type { StoredTransactionRecord } from '../domain/transaction-record.js';

/** A stored record with its ingestion sequence number and hash. */
export interface StoredRow extends StoredTransactionRecord {
  seq: number;
  recordHash: string;
}

/** A `transactions` row as selected with {@link SELECT_COLUMNS}. */
export interface DbRow {
  seq: number; institution: string; tx_id: string; ts: string; type: string;
  from_account: string; to_account: string; amount: string; currency: string;
  loan_purpose: string; from_sector: string; to_sector: string; to_mcc: string; to_country: string;
  record_hash: string;
}

// Columns selected so that a row maps back to exactly the StoredTransactionRecord that was
// hashed: amount as a 2-decimal string, ts as ISO-8601 UTC with milliseconds.
export const SELECT_COLUMNS = `seq, institution, tx_id, formatDateTime(ts, '%Y-%m-%dT%H:%i:%S.%fZ') AS ts, type,
  from_account, to_account, toDecimalString(amount, 2) AS amount, currency, loan_purpose,
  from_sector, to_sector, to_mcc, to_country, record_hash`;

/** A selected row as the stored record that was hashed (the integrity sweep recomputes hashes from it). */
export function fromDb(r: DbRow): StoredRow {
  return {
    seq: Number(r.seq), txId: r.tx_id, institution: r.institution, ts: r.ts.replace(/(\.\d{3})\d*Z$/, '$1Z'),
    type: r.type as StoredRow['type'], from: r.from_account, to: r.to_account, amount: r.amount,
    currency: r.currency, loanPurpose: r.loan_purpose, fromSector: r.from_sector, toSector: r.to_sector,
    toMcc: r.to_mcc, toCountry: r.to_country, recordHash: r.record_hash,
  };
}

/** The columns of an encoded insert, in order (`ingested_at` takes its default, the insert's time). */
export const ENCODED_INSERT_COLUMNS = [
  'seq', 'institution', 'tx_id', 'ts', 'type', 'from_account', 'to_account', 'amount', 'currency',
  'loan_purpose', 'from_sector', 'to_sector', 'to_mcc', 'to_country', 'record_hash',
] as const;

/**
 * The hash of a record key in SQL: ClickHouse's `murmurHash3_32` of `institution \0 tx_id`.
 * `recordKeyHash` (gateway/src/ingest/key-hash.ts) is the same function in TypeScript; a test
 * checks the two agree, through this constant, so the filter rebuilt here is the one ingestion checks.
 */
export const RECORD_KEY_HASH_SQL = "murmurHash3_32(concat(institution, '\\0', tx_id))";

/** Keys read per query when the duplicate filter is rebuilt at start. */
const KEY_PAGE = 500_000;

/** The `transactions` table: accepted records, pseudonymized. */
export class TransactionStore {
  readonly #client: ClickHouseClient;

  constructor(options: Readonly<{ client: ClickHouseClient }>) {
    this.#client = options.client;
  }

  /** Record hashes already stored for these txIds of one institution. */
  async existingHashes(institution: string, txIds: readonly string[]): Promise<Map<string, string>> {
    if (txIds.length === 0) return new Map();
    const rs = await this.#client.query({
      query: `SELECT tx_id, record_hash FROM transactions
              WHERE institution = {institution:String} AND tx_id IN {txIds:Array(String)}`,
      query_params: { institution, txIds },
      format: 'JSONEachRow',
    });
    const rows = await rs.json<{ tx_id: string; record_hash: string }>();
    return new Map(rows.map((r) => [r.tx_id, r.record_hash]));
  }

  async maxSeq(): Promise<number> {
    const rs = await this.#client.query({ query: 'SELECT max(seq) AS m FROM transactions', format: 'JSONEachRow' });
    const [row] = await rs.json<{ m: number | string }>();
    return Number(row?.m ?? 0);
  }

  /**
   * Inserts rows already encoded as TabSeparated text, in `ENCODED_INSERT_COLUMNS` order, each
   * line ending in a newline (the preparation workers encode them). No per-row work here: the
   * parts go to the engine as one body, which it parses on its own threads.
   */
  async insertEncoded(parts: readonly string[]): Promise<void> {
    if (parts.length === 0) return;
    await this.#client.insert({
      table: 'transactions',
      format: 'TabSeparated',
      columns: ENCODED_INSERT_COLUMNS as unknown as [string, ...string[]],
      values: Readable.from(parts, { objectMode: false }),
    });
  }

  /**
   * Calls `visit` with `RECORD_KEY_HASH_SQL` of every stored key (the duplicate
   * filter's input), a page at a time in primary-key order, so only hashes cross to Node.
   */
  async forEachKeyHash(visit: (hash: number) => void): Promise<void> {
    let after: [string, string] | undefined;
    for (;;) {
      // One row per page: the page's hashes, and its last key to continue from (only hashes cross to Node).
      const rs = await this.#client.query({
        query: `SELECT groupArray(h) AS hashes, max(key) AS last FROM (
                  SELECT ${RECORD_KEY_HASH_SQL} AS h, (institution, tx_id) AS key FROM transactions
                  ${after ? 'WHERE (institution, tx_id) > ({institution:String}, {txId:String})' : ''}
                  ORDER BY institution, tx_id LIMIT ${KEY_PAGE})`,
        query_params: after ? { institution: after[0], txId: after[1] } : {},
        format: 'JSONEachRow',
      });
      const [page] = await rs.json<{ hashes: number[]; last: [string, string] }>();
      const hashes = page?.hashes ?? [];
      for (const h of hashes) visit(Number(h));
      if (hashes.length < KEY_PAGE) return;
      after = page!.last;
    }
  }


  async get(institution: string, txId: string): Promise<StoredRow | undefined> {
    const rs = await this.#client.query({
      query: `SELECT ${SELECT_COLUMNS} FROM transactions
              WHERE institution = {institution:String} AND tx_id = {txId:String}
              ORDER BY seq LIMIT 1`,
      query_params: { institution, txId },
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<DbRow>();
    return row ? fromDb(row) : undefined;
  }

  /**
   * The anchoring input after a restart: key, hash and event time of the next `limit` records
   * after `afterSeq`, in seq order. Only these columns are read, unformatted,
   * because anchoring runs next to ingestion and detection on the same engine.
   */
  async leavesBySeq(afterSeq: number, limit: number): Promise<{ seq: number; institution: string; txId: string; recordHash: string; tsMs: number }[]> {
    // Seqs have gaps (a rejected line keeps its number), so the next `limit` rows, not a seq range.
    const rs = await this.#client.query({
      query: `SELECT seq, institution, tx_id, record_hash, toUnixTimestamp64Milli(ts) AS ts_ms FROM transactions
              WHERE seq > {after:UInt64} ORDER BY seq LIMIT {limit:UInt64}`,
      query_params: { after: afterSeq, limit },
      format: 'JSONCompactEachRow',
    });
    return (await rs.json<[number, string, string, string, number]>()).map(([seq, institution, txId, recordHash, tsMs]) => ({
      seq: Number(seq), institution, txId, recordHash, tsMs: Number(tsMs),
    }));
  }
}
