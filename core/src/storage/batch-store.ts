import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { tsvField } from './tab-separated.js';

/** An anchored batch as stored next to the records. */
export interface StoredBatch {
  batchId: string;
  merkleRoot: string;
  count: number;
  firstTs: string;
  lastTs: string;
  maxSeq: number;
  ledgerTxId: string;
  blockNumber: number;
}

export interface BatchMember {
  batchId: string;
  leafIndex: number;
  institution: string;
  txId: string;
  seq: number;
  recordHash: string;
}

/** The `batches` and `batch_members` tables: which record sits in which anchored tree. */
export class BatchStore {
  readonly #client: ClickHouseClient;

  constructor(options: Readonly<{ client: ClickHouseClient }>) {
    this.#client = options.client;
  }

  /** Highest record seq covered by an anchored batch (0 when none). */
  async anchoredUpToSeq(): Promise<number> {
    const rs = await this.#client.query({ query: 'SELECT max(max_seq) AS m FROM batches', format: 'JSONEachRow' });
    const [row] = await rs.json<{ m: number | string }>();
    return Number(row?.m ?? 0);
  }

  async saveMembers(members: readonly BatchMember[]): Promise<void> {
    await this.#client.insert({
      table: 'batch_members',
      format: 'JSONEachRow',
      values: members.map((m) => ({
        batch_id: m.batchId, leaf_index: m.leafIndex, institution: m.institution, tx_id: m.txId,
        seq: m.seq, record_hash: m.recordHash,
      })),
    });
  }

  /**
   * The members of one batch, from its leaves in order (as TabSeparated text: one string
   * per leaf instead of an object and a JSON encoding).
   */
  async saveMembersOf(batchId: string, leaves: Readonly<{ seqs: readonly number[]; hashes: string; institutions: readonly string[]; txIds: readonly string[] }>): Promise<void> {
    const lines: string[] = new Array<string>(leaves.seqs.length);
    const id = tsvField(batchId);
    for (let i = 0; i < lines.length; i++) {
      lines[i] = `${id}\t${i}\t${tsvField(leaves.institutions[i]!)}\t${tsvField(leaves.txIds[i]!)}\t${leaves.seqs[i]}\t${leaves.hashes.slice(i * 64, i * 64 + 64)}\n`;
    }
    await this.#client.insert({
      table: 'batch_members',
      format: 'TabSeparated',
      columns: ['batch_id', 'leaf_index', 'institution', 'tx_id', 'seq', 'record_hash'],
      values: Readable.from([lines.join('')], { objectMode: false }),
    });
  }

  /**
   * The batch whose members were saved but whose anchoring was not recorded (a crash between
   * the two), if one lies after `afterSeq`: its leaves in order, so that the same batch (same
   * id, same root) is anchored again. Only when it starts at the first unanchored record and
   * every record of its range is among its members; otherwise undefined, and the records go
   * into a new batch.
   */
  async unfinishedAfter(afterSeq: number): Promise<{ batchId: string; seqs: number[]; tsMs: number[]; hashes: string; institutions: string[]; txIds: string[] } | undefined> {
    const rs = await this.#client.query({
      query: `SELECT m.batch_id AS batch_id, m.seq AS seq, m.institution AS institution, m.tx_id AS tx_id, m.record_hash AS record_hash,
                toUnixTimestamp64Milli(t.ts) AS ts_ms
              FROM (SELECT * FROM batch_members FINAL WHERE batch_id = (
                SELECT batch_id FROM batch_members WHERE seq > {after:UInt64} AND batch_id NOT IN (SELECT batch_id FROM batches)
                ORDER BY seq LIMIT 1)) AS m
              INNER JOIN (SELECT institution, tx_id, ts FROM transactions FINAL WHERE seq > {after:UInt64}) AS t
                ON t.institution = m.institution AND t.tx_id = m.tx_id
              ORDER BY m.leaf_index`,
      query_params: { after: afterSeq },
      format: 'JSONEachRow',
    });
    const rows = await rs.json<{ batch_id: string; seq: number | string; institution: string; tx_id: string; record_hash: string; ts_ms: number | string }>();
    if (rows.length === 0) return undefined;
    const seqs = rows.map((r) => Number(r.seq));
    const [count] = await (await this.#client.query({
      // Every record from the first unanchored one to its last: none left out before or inside it.
      query: 'SELECT count() AS n FROM transactions FINAL WHERE seq > {after:UInt64} AND seq <= {last:UInt64}',
      query_params: { after: afterSeq, last: seqs[seqs.length - 1]! }, format: 'JSONEachRow',
    })).json<{ n: number | string }>();
    if (Number(count?.n) !== rows.length) return undefined;
    return {
      batchId: rows[0]!.batch_id, seqs, tsMs: rows.map((r) => Number(r.ts_ms)), hashes: rows.map((r) => r.record_hash).join(''),
      institutions: rows.map((r) => r.institution), txIds: rows.map((r) => r.tx_id),
    };
  }

  async saveBatch(batch: StoredBatch, anchoredAt: Date): Promise<void> {
    await this.#client.insert({
      table: 'batches',
      format: 'JSONEachRow',
      values: [{
        batch_id: batch.batchId, merkle_root: batch.merkleRoot, count: batch.count, first_ts: batch.firstTs,
        last_ts: batch.lastTs, max_seq: batch.maxSeq, ledger_tx_id: batch.ledgerTxId,
        block_number: batch.blockNumber, anchored_at: anchoredAt.toISOString(),
      }],
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
  }

  /** The batch a record was anchored in, if it has been. */
  async memberOf(institution: string, txId: string): Promise<BatchMember | undefined> {
    const rs = await this.#client.query({
      query: `SELECT m.batch_id AS batch_id, m.leaf_index AS leaf_index, m.seq AS seq, m.record_hash AS record_hash
              FROM batch_members AS m INNER JOIN batches AS b ON b.batch_id = m.batch_id
              WHERE m.institution = {institution:String} AND m.tx_id = {txId:String} LIMIT 1`,
      query_params: { institution, txId },
      format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ batch_id: string; leaf_index: number; seq: number; record_hash: string }>();
    return row && { batchId: row.batch_id, leafIndex: Number(row.leaf_index), institution, txId, seq: Number(row.seq), recordHash: row.record_hash };
  }

  /** Leaf hashes of a batch, in leaf order (as anchored, not as currently stored). */
  async leaves(batchId: string): Promise<string[]> {
    const rs = await this.#client.query({
      query: `SELECT record_hash FROM batch_members FINAL WHERE batch_id = {batchId:String} ORDER BY leaf_index`,
      query_params: { batchId },
      format: 'JSONEachRow',
    });
    return (await rs.json<{ record_hash: string }>()).map((r) => r.record_hash);
  }

  /** Every anchored batch, in seq order. */
  async list(): Promise<StoredBatch[]> {
    const rs = await this.#client.query({
      query: `SELECT batch_id, merkle_root, count, formatDateTime(first_ts, '%Y-%m-%dT%H:%i:%S.%fZ') AS first_ts,
                     formatDateTime(last_ts, '%Y-%m-%dT%H:%i:%S.%fZ') AS last_ts, max_seq, ledger_tx_id, block_number
              FROM batches FINAL ORDER BY max_seq`,
      format: 'JSONEachRow',
    });
    return (await rs.json<Record<string, string | number>>()).map((r) => ({
      batchId: String(r.batch_id), merkleRoot: String(r.merkle_root), count: Number(r.count),
      firstTs: String(r.first_ts), lastTs: String(r.last_ts), maxSeq: Number(r.max_seq),
      ledgerTxId: String(r.ledger_tx_id), blockNumber: Number(r.block_number),
    }));
  }

  async batch(batchId: string): Promise<StoredBatch | undefined> {
    const rs = await this.#client.query({
      query: `SELECT batch_id, merkle_root, count, formatDateTime(first_ts, '%Y-%m-%dT%H:%i:%S.%fZ') AS first_ts,
                     formatDateTime(last_ts, '%Y-%m-%dT%H:%i:%S.%fZ') AS last_ts, max_seq, ledger_tx_id, block_number
              FROM batches FINAL WHERE batch_id = {batchId:String} LIMIT 1`,
      query_params: { batchId },
      format: 'JSONEachRow',
    });
    const [r] = await rs.json<Record<string, string | number>>();
    if (!r) return undefined;
    return {
      batchId: String(r.batch_id), merkleRoot: String(r.merkle_root), count: Number(r.count),
      firstTs: String(r.first_ts), lastTs: String(r.last_ts), maxSeq: Number(r.max_seq),
      ledgerTxId: String(r.ledger_tx_id), blockNumber: Number(r.block_number),
    };
  }
}
