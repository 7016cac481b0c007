/**
 * The discussion thread of a joint-review case: analysts and reviewers of the departments
 * the case is routed to write in it; auditors read it. An entry may ask another routed
 * department for information (`askedDepartment`: who is asked, the text: what) and an entry
 * of that department may answer it (`replyTo`), so a `request_info` decision becomes a
 * request with an answer and both times. Each entry's text is kept off-chain
 * (table `case_discussion`, it may quote personal data) and the SHA-256 of the entry —
 * case, id, author, department, role and text, as canonical JSON — is recorded on the ledger
 * under the author's identity, so what is shown can be checked against what was signed.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { canonicalJson } from '../../core/src/domain/canonical-json.js';
import type { Department, Role } from '../../core/src/domain/departments.js';
import type { UserSession } from '../../core/src/domain/user-session.js';
import { AccessDeniedError, InvalidInputError, LedgerRefusalError, NotFoundError } from '../../core/src/errors.js';
import type { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import { DURABLE_SETTINGS } from '../../core/src/storage/schema.js';
import type { JointReviewService } from './joint-review-service.js';
import type { AlertPublisher } from './alert-publisher.js';
import type { CaseDiscussionEntry } from '../../core/src/live/events.js';

export const CASE_DISCUSSION_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS case_discussion (
    case_id String, id String, department LowCardinality(String), username String, role LowCardinality(String),
    text String, entry_hash String, ledger_tx_id String, at DateTime64(3, 'UTC')
  ) ENGINE = MergeTree ORDER BY (case_id, at, id)
  SETTINGS ${DURABLE_SETTINGS}`,
  // Requests for information and their answers (added after the first version of the table).
  `ALTER TABLE case_discussion ADD COLUMN IF NOT EXISTS asked_department LowCardinality(String) DEFAULT ''`,
  `ALTER TABLE case_discussion ADD COLUMN IF NOT EXISTS reply_to String DEFAULT ''`,
];

/** Longest entry accepted (characters). */
export const MAX_ENTRY_LENGTH = 4000;

/** The live contract's entry shape (core/src/live/events.ts). */
export type DiscussionEntry = CaseDiscussionEntry;

/** The hash anchored for an entry: everything that says who wrote what, in canonical JSON. */
export function discussionEntryHash(e: Pick<DiscussionEntry, 'caseId' | 'id' | 'department' | 'username' | 'role' | 'text' | 'askedDepartment' | 'replyTo'>): string {
  const content = {
    caseId: e.caseId, id: e.id, department: e.department, username: e.username, role: e.role, text: e.text,
    ...(e.askedDepartment ? { askedDepartment: e.askedDepartment } : {}), ...(e.replyTo ? { replyTo: e.replyTo } : {}),
  };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

export class CaseDiscussion {
  readonly #o: Readonly<{ client: ClickHouseClient; ledger: SupervisionLedger; review: JointReviewService; publisher?: AlertPublisher }>;

  constructor(options: Readonly<{ client: ClickHouseClient; ledger: SupervisionLedger; review: JointReviewService; publisher?: AlertPublisher }>) {
    this.#o = options;
  }

  /** The thread, oldest first, for anyone who may see the case. */
  async entries(user: UserSession, caseId: string): Promise<DiscussionEntry[]> {
    const doc = this.#o.review.visibleAlert(user, caseId);
    const rs = await this.#o.client.query({
      query: `SELECT case_id, id, department, username, role, text, entry_hash, ledger_tx_id, asked_department, reply_to,
                     formatDateTime(at, '%Y-%m-%dT%H:%i:%S.%fZ') AS at
              FROM case_discussion WHERE case_id = {caseId:String} ORDER BY at, id`,
      query_params: { caseId: doc.caseId }, format: 'JSONEachRow',
    });
    return (await rs.json<Record<string, string>>()).map((r) => ({
      id: r.id!, caseId: r.case_id!, department: r.department as Department, username: r.username!, role: r.role as Role,
      text: r.text!, entryHash: r.entry_hash!, ledgerTxId: r.ledger_tx_id!, at: r.at!,
      ...(r.asked_department ? { askedDepartment: r.asked_department as Department } : {}), ...(r.reply_to ? { replyTo: r.reply_to } : {}),
    }));
  }

  /** Adds an entry: its hash on the ledger first, then the text, so no stored text lacks its anchor. */
  async post(user: UserSession, caseId: string, text: unknown, addressing: Readonly<{ askedDepartment?: string; replyTo?: string }> = {}): Promise<DiscussionEntry> {
    if (user.role === 'auditor') throw new AccessDeniedError('auditors read the discussion and do not write in it');
    const doc = this.#o.review.visibleAlert(user, caseId);
    if (!doc.departments.includes(user.department)) throw new NotFoundError(`case ${caseId}`);
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_ENTRY_LENGTH) {
      throw new InvalidInputError('text', `must be non-empty text of at most ${MAX_ENTRY_LENGTH} characters`);
    }
    const { askedDepartment, replyTo } = await this.#addressing(user, doc.caseId, doc.departments, addressing);
    const draft = {
      id: `N-${randomUUID()}`, caseId: doc.caseId, department: user.department, username: user.username, role: user.role, text: text.trim(),
      ...(askedDepartment ? { askedDepartment } : {}), ...(replyTo ? { replyTo } : {}),
    };
    const entryHash = discussionEntryHash(draft);
    let committed;
    try {
      committed = await this.#o.ledger.actingFor(user).recordCaseNote(user.department, doc.caseId, draft.id, entryHash);
    } catch (error) {
      throw new LedgerRefusalError(error instanceof Error ? error.message : String(error), error);
    }
    const entry: DiscussionEntry = { ...draft, entryHash, ledgerTxId: committed.txId, at: committed.result.at };
    await this.#o.client.insert({
      table: 'case_discussion', format: 'JSONEachRow',
      values: [{
        case_id: entry.caseId, id: entry.id, department: entry.department, username: entry.username, role: entry.role,
        text: entry.text, entry_hash: entry.entryHash, ledger_tx_id: entry.ledgerTxId, at: entry.at,
        asked_department: entry.askedDepartment ?? '', reply_to: entry.replyTo ?? '',
      }],
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
    // The other departments of the case read it as it is written, without reloading.
    this.#o.publisher?.discussionPosted?.(entry, doc.departments);
    return entry;
  }

  /**
   * Who an entry asks or answers: a request goes to another department the case is routed to;
   * an answer replies to a request of this case addressed to the author's department.
   */
  async #addressing(user: UserSession, caseId: string, routed: readonly Department[], a: Readonly<{ askedDepartment?: string; replyTo?: string }>):
  Promise<{ askedDepartment?: Department; replyTo?: string }> {
    if (a.askedDepartment && a.replyTo) throw new InvalidInputError('replyTo', 'an entry either asks or answers, not both');
    if (a.askedDepartment) {
      const asked = routed.find((d) => d === a.askedDepartment);
      if (!asked || asked === user.department) {
        throw new InvalidInputError('askedDepartment', `must be another department the case is routed to: ${routed.filter((d) => d !== user.department).join(', ')}`);
      }
      return { askedDepartment: asked };
    }
    if (a.replyTo) {
      const rs = await this.#o.client.query({
        query: 'SELECT asked_department FROM case_discussion WHERE case_id = {caseId:String} AND id = {id:String} LIMIT 1',
        query_params: { caseId, id: a.replyTo }, format: 'JSONEachRow',
      });
      const [request] = await rs.json<{ asked_department: string }>();
      if (!request || request.asked_department !== user.department) {
        throw new InvalidInputError('replyTo', `must be a request of this case addressed to ${user.department}`);
      }
      return { replyTo: a.replyTo };
    }
    return {};
  }
}
