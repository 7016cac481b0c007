import type { ClickHouseClient } from '@clickhouse/client';
import { DURABLE_SETTINGS } from '../../core/src/storage/schema.js';

export const DETECTION_PROGRESS_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS detection_progress (
    id String, upto_seq UInt64, saved_at DateTime64(3, 'UTC') DEFAULT now64(3)
  ) ENGINE = ReplacingMergeTree(upto_seq) ORDER BY id
  SETTINGS ${DURABLE_SETTINGS}`,
];

/** The durable watermark of detection: every record with seq ≤ it has been examined. */
export class DetectionProgress {
  readonly #client: ClickHouseClient;

  constructor(options: Readonly<{ client: ClickHouseClient }>) {
    this.#client = options.client;
  }

  async load(): Promise<number> {
    const rs = await this.#client.query({
      query: `SELECT max(upto_seq) AS m FROM detection_progress WHERE id = 'alerts'`, format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ m: number | string }>();
    return Number(row?.m ?? 0);
  }

  async save(uptoSeq: number): Promise<void> {
    await this.#client.insert({ table: 'detection_progress', values: [{ id: 'alerts', upto_seq: uptoSeq }], format: 'JSONEachRow' });
  }
}
