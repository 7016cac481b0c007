import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { DURABLE_SETTINGS } from '../../../core/src/storage/schema.js';
import { canonicalJson } from '../../../core/src/domain/canonical-json.js';
import type { QuarterlyReportContent } from './quarterly-report.js';

/** A report's content as it was when its hash was anchored for signing. */
export interface ReportSnapshot {
  quarter: string;
  reportHash: string;
  content: QuarterlyReportContent;
  generatedAt: string;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS quarterly_report_snapshots (
    quarter String, report_hash String, content String, generated_at DateTime64(3, 'UTC')
  ) ENGINE = ReplacingMergeTree ORDER BY (quarter, report_hash)
  SETTINGS ${DURABLE_SETTINGS}`;

/**
 * The versions of quarterly reports that were put up for signing. Once one department has
 * signed, the contract fixes the quarter's hash, while the underlying data keep moving
 * (reviews continue, late records arrive); the other departments sign that same version,
 * so it is kept here, as the canonical JSON whose SHA-256 is the anchored hash.
 */
export class ReportSnapshotStore {
  readonly #client: ClickHouseClient;
  #schema: Promise<void> | undefined;

  constructor(options: Readonly<{ client: ClickHouseClient }>) {
    this.#client = options.client;
  }

  async save(snapshot: ReportSnapshot): Promise<void> {
    await this.#ready();
    await this.#client.insert({
      table: 'quarterly_report_snapshots', format: 'JSONEachRow',
      values: [{ quarter: snapshot.quarter, report_hash: snapshot.reportHash, content: canonicalJson(snapshot.content), generated_at: snapshot.generatedAt }],
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
  }

  /** The snapshot of `reportHash`, if kept and intact (its content still hashes to it). */
  async get(quarter: string, reportHash: string): Promise<ReportSnapshot | undefined> {
    await this.#ready();
    const rs = await this.#client.query({
      query: `SELECT content, formatDateTime(generated_at, '%Y-%m-%dT%H:%i:%S.%fZ') AS generated_at FROM quarterly_report_snapshots FINAL
              WHERE quarter = {quarter:String} AND report_hash = {reportHash:String} LIMIT 1`,
      query_params: { quarter, reportHash }, format: 'JSONEachRow',
    });
    const [row] = await rs.json<{ content: string; generated_at: string }>();
    if (!row || createHash('sha256').update(row.content, 'utf8').digest('hex') !== reportHash) return undefined;
    return { quarter, reportHash, content: JSON.parse(row.content) as QuarterlyReportContent, generatedAt: row.generated_at.replace(/(\.\d{3})\d*Z$/, '$1Z') };
  }

  #ready(): Promise<void> {
    this.#schema ??= this.#client.command({ query: SCHEMA }).then(() => undefined, (error: unknown) => {
      this.#schema = undefined;
      throw error;
    });
    return this.#schema;
  }
}
