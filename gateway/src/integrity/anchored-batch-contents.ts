import type { ClickHouseClient } from '@clickhouse/client';
import { fromDb, SELECT_COLUMNS, type DbRow, type StoredRow } from '../../../core/src/storage/transaction-store.js';

/** A batch's membership as recorded when it was anchored: which record sits at which leaf, with which hash. */
export interface AnchoredMember {
  leafIndex: number;
  institution: string;
  txId: string;
  seq: number;
  recordHash: string;
}

/**
 * What the integrity sweep reads of one anchored batch: its recorded members, and the
 * stored records that are, or claim to be, in it — those of its members' keys and any other
 * record with a sequence number inside the batch's range (which only an insertion puts there:
 * the ingestion sequence is dense and each anchored range is closed).
 */
export class AnchoredBatchContents {
  readonly #client: ClickHouseClient;

  constructor(options: Readonly<{ client: ClickHouseClient }>) {
    this.#client = options.client;
  }

  /**
   * The batch's members in leaf order. FINAL, because an anchoring retried after a crash
   * writes the same members twice; a member row changed since shows in the root.
   */
  async members(batchId: string): Promise<AnchoredMember[]> {
    const rs = await this.#client.query({
      query: `SELECT leaf_index, institution, tx_id, seq, record_hash FROM batch_members FINAL
              WHERE batch_id = {batchId:String} ORDER BY leaf_index`,
      query_params: { batchId },
      format: 'JSONCompactEachRow',
    });
    return (await rs.json<[number, string, string, number, string]>()).map(([leafIndex, institution, txId, seq, recordHash]) => ({
      leafIndex: Number(leafIndex), institution, txId, seq: Number(seq), recordHash,
    }));
  }

  /** Stored records with a sequence number in `[fromSeq, toSeq]` (all copies, unmerged). */
  async recordsInRange(fromSeq: number, toSeq: number): Promise<StoredRow[]> {
    const rs = await this.#client.query({
      query: `SELECT ${SELECT_COLUMNS} FROM transactions WHERE seq >= {from:UInt64} AND seq <= {to:UInt64}`,
      query_params: { from: fromSeq, to: toSeq },
      format: 'JSONEachRow',
    });
    return (await rs.json<DbRow>()).map(fromDb);
  }

  /** Stored copies of the given keys, wherever their sequence numbers are (a moved record). */
  async recordsOf(keys: readonly { institution: string; txId: string }[]): Promise<StoredRow[]> {
    if (keys.length === 0) return [];
    const rs = await this.#client.query({
      query: `SELECT ${SELECT_COLUMNS} FROM transactions
              WHERE (institution, tx_id) IN (SELECT tupleElement(k, 1), tupleElement(k, 2) FROM (SELECT arrayJoin(arrayZip({institutions:Array(String)}, {txIds:Array(String)})) AS k))`,
      query_params: { institutions: keys.map((k) => k.institution), txIds: keys.map((k) => k.txId) },
      format: 'JSONEachRow',
    });
    return (await rs.json<DbRow>()).map(fromDb);
  }

  /** Which of the keys are members of some anchored batch (of any partition). */
  async anchoredKeys(keys: readonly { institution: string; txId: string }[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rs = await this.#client.query({
      query: `SELECT DISTINCT institution, tx_id FROM batch_members
              WHERE (institution, tx_id) IN (SELECT tupleElement(k, 1), tupleElement(k, 2) FROM (SELECT arrayJoin(arrayZip({institutions:Array(String)}, {txIds:Array(String)})) AS k))`,
      query_params: { institutions: keys.map((k) => k.institution), txIds: keys.map((k) => k.txId) },
      format: 'JSONCompactEachRow',
    });
    return new Set((await rs.json<[string, string]>()).map(([i, t]) => `${i}\u0000${t}`));
  }
}
