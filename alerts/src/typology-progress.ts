import type { ClickHouseClient } from '@clickhouse/client';
import { DURABLE_SETTINGS } from '../../core/src/storage/schema.js';
import type { TypologyId } from '../../core/src/domain/alert.js';

/**
 * Where a typology stands when it fell behind the others: every record with seq ≤ `uptoSeq`
 * has been examined by it, the ones after are not yet, because its query failed.
 */
export interface LaggingTypology {
  typology: TypologyId;
  uptoSeq: number;
  error: string;
  failures: number;
  since: string;
}

export const TYPOLOGY_PROGRESS_SCHEMA: readonly string[] = [
  // One row per change of state; the newest row of a typology (by saved_at) is its state.
  `CREATE TABLE IF NOT EXISTS typology_progress (
    typology String, upto_seq UInt64, lagging UInt8, error String, failures UInt32,
    since DateTime64(3, 'UTC'), saved_at DateTime64(3, 'UTC') DEFAULT now64(3)
  ) ENGINE = ReplacingMergeTree(saved_at) ORDER BY typology
  SETTINGS ${DURABLE_SETTINGS}`,
];

/**
 * The durable per-typology watermarks of detection. The pipeline's own watermark says what
 * every typology that is not lagging has examined; a typology whose query failed keeps its
 * own watermark here, where it failed, until it has caught up. So a failure is never a gap:
 * after a restart the typology resumes from where it stopped.
 */
export class TypologyProgress {
  readonly #client: ClickHouseClient;

  constructor(options: Readonly<{ client: ClickHouseClient }>) {
    this.#client = options.client;
  }

  async loadLagging(): Promise<LaggingTypology[]> {
    const rs = await this.#client.query({
      query: `SELECT typology, argMax(upto_seq, saved_at) AS upto_seq, argMax(lagging, saved_at) AS lagging,
          argMax(error, saved_at) AS error, argMax(failures, saved_at) AS failures,
          formatDateTime(argMax(since, saved_at), '%Y-%m-%dT%H:%i:%S.%fZ') AS since
        FROM typology_progress GROUP BY typology HAVING lagging = 1 ORDER BY typology`,
      format: 'JSONEachRow',
    });
    const rows = await rs.json<{ typology: TypologyId; upto_seq: number | string; error: string; failures: number; since: string }>();
    return rows.map((r) => ({ typology: r.typology, uptoSeq: Number(r.upto_seq), error: r.error, failures: Number(r.failures), since: r.since.replace(/(\.\d{3})\d*Z$/, '$1Z') }));
  }

  async saveLagging(state: Readonly<LaggingTypology>): Promise<void> {
    await this.#insert({ typology: state.typology, upto_seq: state.uptoSeq, lagging: 1, error: state.error.slice(0, 2000), failures: state.failures, since: state.since });
  }

  async saveCaughtUp(typology: TypologyId, uptoSeq: number): Promise<void> {
    await this.#insert({ typology, upto_seq: uptoSeq, lagging: 0, error: '', failures: 0, since: new Date().toISOString() });
  }

  async #insert(row: Record<string, unknown>): Promise<void> {
    // saved_at set here, not by DEFAULT, so that two rows written in the same millisecond keep their order.
    await this.#client.insert({
      table: 'typology_progress', format: 'JSONEachRow',
      values: [{ ...row, saved_at: new Date(this.#savedAt()).toISOString() }],
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
  }

  #last = 0;

  #savedAt(): number {
    this.#last = Math.max(Date.now(), this.#last + 1);
    return this.#last;
  }
}
