import type { ClickHouseClient } from '@clickhouse/client';
import { DURABLE_SETTINGS } from '../../core/src/storage/schema.js';
import type { Department } from '../../core/src/domain/departments.js';

export const CASE_COMMENTS_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS case_comments (
    case_id String, department LowCardinality(String), username String, decision LowCardinality(String),
    comment String, comment_hash String, ledger_tx_id String, at DateTime64(3, 'UTC')
  ) ENGINE = MergeTree ORDER BY (case_id, at)
  SETTINGS ${DURABLE_SETTINGS}`,
];

export interface CaseComment {
  caseId: string;
  department: Department;
  username: string;
  decision: string;
  comment: string;
  commentHash: string;
  ledgerTxId: string;
  at: string;
}

/**
 * Opinion comments: their text stays off-chain (it may quote personal data) and only its
 * hash goes to the ledger, so the text shown can be checked against what was signed.
 */
export class CaseCommentStore {
  readonly #client: ClickHouseClient;

  constructor(options: Readonly<{ client: ClickHouseClient }>) {
    this.#client = options.client;
  }

  async add(c: CaseComment): Promise<void> {
    await this.#client.insert({
      table: 'case_comments', format: 'JSONEachRow',
      values: [{
        case_id: c.caseId, department: c.department, username: c.username, decision: c.decision, comment: c.comment,
        comment_hash: c.commentHash, ledger_tx_id: c.ledgerTxId, at: c.at,
      }],
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
  }

  async forCase(caseId: string): Promise<CaseComment[]> {
    const rs = await this.#client.query({
      query: `SELECT case_id, department, username, decision, comment, comment_hash, ledger_tx_id,
                     formatDateTime(at, '%Y-%m-%dT%H:%i:%S.%fZ') AS at
              FROM case_comments WHERE case_id = {caseId:String} ORDER BY at`,
      query_params: { caseId }, format: 'JSONEachRow',
    });
    return (await rs.json<Record<string, string>>()).map((r) => ({
      caseId: r.case_id!, department: r.department as Department, username: r.username!, decision: r.decision!,
      comment: r.comment!, commentHash: r.comment_hash!, ledgerTxId: r.ledger_tx_id!, at: r.at!,
    }));
  }
}
