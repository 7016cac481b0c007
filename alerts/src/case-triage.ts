/**
 * A department's own triage of the cases routed to it: who in the department handles a case
 * (assignment) and that it has been seen (acknowledgement, in bulk from the queue). This is
 * the department's internal bookkeeping, not a joint decision, so it stays off the ledger;
 * each change is a row in `case_triage` and the latest row of a kind wins.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Department } from '../../core/src/domain/departments.js';
import type { UserSession } from '../../core/src/domain/user-session.js';
import { AccessDeniedError, InvalidInputError, NotFoundError } from '../../core/src/errors.js';
import { DURABLE_SETTINGS } from '../../core/src/storage/schema.js';
import type { JointReviewService } from './joint-review-service.js';

export const CASE_TRIAGE_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS case_triage (
    case_id String, department LowCardinality(String), kind LowCardinality(String), username String, by String,
    at DateTime64(3, 'UTC')
  ) ENGINE = MergeTree ORDER BY (department, case_id, kind, at)
  SETTINGS ${DURABLE_SETTINGS}`,
];

/** Most cases acknowledged in one request. */
export const MAX_BULK = 500;

export interface CaseTriageState {
  assignee?: string;
  assignedBy?: string;
  assignedAt?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
}

export interface CaseTriageOptions {
  client: ClickHouseClient;
  review: JointReviewService;
  /** The analysts and reviewers of a department: who a case can be assigned to. */
  members: (department: Department) => readonly string[];
}

export class CaseTriage {
  readonly #o: Readonly<CaseTriageOptions>;

  constructor(options: Readonly<CaseTriageOptions>) {
    this.#o = options;
  }

  members(user: UserSession): readonly string[] {
    return this.#o.members(user.department);
  }

  /** The department's triage of every case it has touched, by case id. */
  async state(user: UserSession): Promise<Record<string, CaseTriageState>> {
    const rs = await this.#o.client.query({
      query: `SELECT case_id, kind, argMax(username, at) AS username, argMax(by, at) AS by,
                     formatDateTime(max(at), '%Y-%m-%dT%H:%i:%S.%fZ') AS last_at
              FROM case_triage WHERE department = {department:String} GROUP BY case_id, kind`,
      query_params: { department: user.department }, format: 'JSONEachRow',
    });
    const state: Record<string, CaseTriageState> = {};
    for (const r of await rs.json<{ case_id: string; kind: string; username: string; by: string; last_at: string }>()) {
      // An unassignment is a row too: the case is then simply not listed as assigned.
      if (r.kind === 'assignment' && !r.username) continue;
      const s = (state[r.case_id] ??= {});
      if (r.kind === 'assignment') Object.assign(s, { assignee: r.username, assignedBy: r.by, assignedAt: r.last_at });
      if (r.kind === 'acknowledgement') Object.assign(s, { acknowledgedBy: r.by, acknowledgedAt: r.last_at });
    }
    return state;
  }

  /** Assigns the case, for the caller's department, to one of its analysts or reviewers ('' unassigns). */
  async assign(user: UserSession, caseId: string, assignee: string): Promise<CaseTriageState> {
    const id = this.#routedCase(user, caseId);
    if (assignee !== '' && !this.#o.members(user.department).includes(assignee)) {
      throw new InvalidInputError('assignee', `must be an analyst or reviewer of ${user.department}`);
    }
    const at = new Date().toISOString();
    await this.#insert([{ case_id: id, department: user.department, kind: 'assignment', username: assignee, by: user.username, at }]);
    return assignee ? { assignee, assignedBy: user.username, assignedAt: at } : {};
  }

  /** Marks cases as seen by the caller's department; all or none (an unknown case refuses the batch). */
  async acknowledge(user: UserSession, caseIds: readonly string[]): Promise<string[]> {
    if (caseIds.length === 0 || caseIds.length > MAX_BULK) throw new InvalidInputError('caseIds', `must list 1 to ${MAX_BULK} cases`);
    const ids = [...new Set(caseIds.map((c) => this.#routedCase(user, c)))];
    const at = new Date().toISOString();
    await this.#insert(ids.map((id) => ({ case_id: id, department: user.department, kind: 'acknowledgement', username: '', by: user.username, at })));
    return ids;
  }

  #routedCase(user: UserSession, caseId: string): string {
    if (user.role === 'auditor' || user.role === 'admin') throw new AccessDeniedError(`role ${user.role} does not triage cases`);
    const doc = this.#o.review.visibleAlert(user, caseId);
    if (!doc.departments.includes(user.department)) throw new NotFoundError(`case ${caseId}`);
    return doc.caseId;
  }

  async #insert(values: Record<string, string>[]): Promise<void> {
    await this.#o.client.insert({
      table: 'case_triage', format: 'JSONEachRow', values, clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
  }
}
