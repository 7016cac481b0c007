/**
 * The discussion thread of a joint-review case: analysts and reviewers of the departments
 * the case is routed to write in it; auditors read it. Each entry's text is kept off-chain
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
];

/** Longest entry accepted (characters). */
export const MAX_ENTRY_LENGTH = 4000;

/** The live contract's entry shape (core/src/live/events.ts). */
export type DiscussionEntry = CaseDiscussionEntry;

/** The hash anchored for an entry: everything that says who wrote what, in canonical JSON. */
export function discussionEntryHash(e: Pick<DiscussionEntry, 'caseId' | 'id' | 'department' | 'username' | 'role' | 'text'>): string {
  const content = { caseId: e.caseId, id: e.id, department: e.department, username: e.username, role: e.role, text: e.text };
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
      query: `SELECT case_id, id, department, username, role, text, entry_hash, ledger_tx_id,
                     formatDateTime(at, '%Y-%m-%dT%H:%i:%S.%fZ') AS at
              FROM case_discussion WHERE case_id = {caseId:String} ORDER BY at, id`,
      query_params: { caseId: doc.caseId }, format: 'JSONEachRow',
    });
    return (await rs.json<Record<string, string>>()).map((r) => ({
      id: r.id!, caseId: r.case_id!, department: r.department as Department, username: r.username!, role: r.role as Role,
      text: r.text!, entryHash: r.entry_hash!, ledgerTxId: r.ledger_tx_id!, at: r.at!,
    }));
  }

  /** Adds an entry: its hash on the ledger first, then the text, so no stored text lacks its anchor. */
  async post(user: UserSession, caseId: string, text: unknown): Promise<DiscussionEntry> {
    if (user.role === 'auditor') throw new AccessDeniedError('auditors read the discussion and do not write in it');
    const doc = this.#o.review.visibleAlert(user, caseId);
    if (!doc.departments.includes(user.department)) throw new NotFoundError(`case ${caseId}`);
    if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_ENTRY_LENGTH) {
      throw new InvalidInputError('text', `must be non-empty text of at most ${MAX_ENTRY_LENGTH} characters`);
    }
    const draft = { id: `N-${randomUUID()}`, caseId: doc.caseId, department: user.department, username: user.username, role: user.role, text: text.trim() };
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
      }],
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
    // The other departments of the case read it as it is written, without reloading.
    this.#o.publisher?.discussionPosted?.(entry, doc.departments);
    return entry;
  }
}
