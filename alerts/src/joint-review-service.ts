import { createHash } from 'node:crypto';
import type { Alert, Decision } from '../../core/src/domain/alert.js';
import type { UserSession } from '../../core/src/domain/user-session.js';
import { DEPARTMENTS, isDepartment } from '../../core/src/domain/departments.js';
import { AccessDeniedError, InvalidInputError, LedgerRefusalError, NotFoundError } from '../../core/src/errors.js';
import type { ReviewCase } from '../../core/src/ledger/contract-model.js';
import type { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import type { CaseView, OpinionView } from '../../core/src/live/events.js';
import { toAlert, withCaseState } from './alert-factory.js';
import type { AlertPublisher } from './alert-publisher.js';
import type { AlertDocument, AlertStore } from './alert-store.js';
import type { CaseCommentStore } from './case-comments.js';
import { describeCaseHistory, type CaseHistoryItem } from './case-history-entries.js';
import type { EvidenceRecord } from './typology.js';

const DECISIONS: readonly Decision[] = ['confirm', 'dismiss', 'request_info'];

/** Everything a department user sees of one case. */
export interface CaseDetails {
  case: CaseView;
  alert: Alert;
  evidence: EvidenceRecord[];
  /** Each ledger transaction of the case: who did what, and when. */
  history: CaseHistoryItem[];
}

/** Who may see an alert: the departments it was routed to, and auditors. */
export function canSee(user: Pick<UserSession, 'department' | 'role'>, alert: Pick<Alert, 'departments'>): boolean {
  return user.role === 'auditor' || alert.departments.includes(user.department);
}

/**
 * Joint review of cases by the departments an alert was routed to. The ledger contract
 * is the authority on the case; this service enforces the user-level rules (only a
 * department's reviewer casts its opinion), keeps comment texts off-chain, and publishes
 * every change live.
 */
export class JointReviewService {
  readonly #o: Readonly<{ ledger: SupervisionLedger; alerts: AlertStore; comments: CaseCommentStore; publisher: AlertPublisher }>;

  constructor(options: Readonly<{ ledger: SupervisionLedger; alerts: AlertStore; comments: CaseCommentStore; publisher: AlertPublisher }>) {
    this.#o = options;
  }

  /** The alert behind a case, if the user may see it (otherwise "not found": no existence leak). */
  visibleAlert(user: UserSession, caseId: string): AlertDocument {
    const doc = this.#o.alerts.byCase(caseId) ?? this.#o.alerts.get(caseId);
    if (!doc || !canSee(user, doc)) throw new NotFoundError(`case ${caseId}`);
    return doc;
  }

  async details(user: UserSession, caseId: string): Promise<CaseDetails> {
    const doc = this.visibleAlert(user, caseId);
    const reviewCase = await this.#o.ledger.getCase(user.department, doc.caseId);
    if (!reviewCase) throw new NotFoundError(`case ${caseId}`);
    const history = await this.#o.ledger.getCaseHistory(user.department, doc.caseId);
    return {
      case: await this.view(reviewCase, history.at(-1)?.txId ?? doc.ledger.caseTxId ?? '', doc.ledger.blockNumber ?? 0),
      alert: toAlert(doc), evidence: doc.evidence,
      history: describeCaseHistory(history),
    };
  }

  async submitOpinion(user: UserSession, caseId: string, decision: unknown, comment: unknown): Promise<CaseView> {
    if (user.role !== 'reviewer') throw new AccessDeniedError(`role ${user.role} may not record the department's opinion; reviewers do`);
    const doc = this.visibleAlert(user, caseId);
    if (!doc.departments.includes(user.department)) throw new NotFoundError(`case ${caseId}`);
    if (typeof decision !== 'string' || !(DECISIONS as readonly string[]).includes(decision)) {
      throw new InvalidInputError('decision', `must be one of ${DECISIONS.join(', ')}`);
    }
    if (comment !== undefined && (typeof comment !== 'string' || comment.length > 4000)) {
      throw new InvalidInputError('comment', 'must be text of at most 4000 characters');
    }
    const text = (comment as string | undefined) ?? '';
    const commentHash = createHash('sha256').update(text, 'utf8').digest('hex');
    let committed;
    try {
      committed = await this.#o.ledger.actingFor(user).submitOpinion(user.department, doc.caseId, decision as Decision, commentHash);
    } catch (error) {
      throw new LedgerRefusalError(error instanceof Error ? error.message : String(error), error);
    }
    await this.#o.comments.add({
      caseId: doc.caseId, department: user.department, username: user.username, decision, comment: text, commentHash,
      ledgerTxId: committed.txId, at: new Date().toISOString(),
    });
    return this.applyCaseChange(committed.result, committed.txId, committed.blockNumber);
  }

  /** Widens a case to another department (a routed department's reviewer asks; the contract decides). */
  async addDepartment(user: UserSession, caseId: string, department: unknown): Promise<CaseView> {
    if (user.role !== 'reviewer') throw new AccessDeniedError(`role ${user.role} may not widen a case; reviewers do`);
    const doc = this.visibleAlert(user, caseId);
    if (!doc.departments.includes(user.department)) throw new NotFoundError(`case ${caseId}`);
    if (!isDepartment(department)) throw new InvalidInputError('department', `must be one of ${DEPARTMENTS.join(', ')}`);
    let committed;
    try {
      committed = await this.#o.ledger.actingFor(user).addDepartment(user.department, doc.caseId, department);
    } catch (error) {
      throw new LedgerRefusalError(error instanceof Error ? error.message : String(error), error);
    }
    return this.applyCaseChange(committed.result, committed.txId, committed.blockNumber);
  }

  /**
   * Reflects a case change (from this gateway's submission or from a ledger event) in the
   * alert and publishes it live, once: the second report of the same block changes nothing.
   */
  async applyCaseChange(reviewCase: ReviewCase, txId: string, blockNumber: number): Promise<CaseView> {
    const view = await this.view(reviewCase, txId, blockNumber);
    const doc = this.#o.alerts.byCase(reviewCase.caseId);
    if (doc) {
      const mirrored = withCaseState(doc, reviewCase);
      const changed = JSON.stringify([mirrored.status, mirrored.departments, mirrored.caseOpinions])
        !== JSON.stringify([doc.status, doc.departments, doc.caseOpinions]);
      if (changed || (doc.ledger.blockNumber ?? 0) < blockNumber) {
        const updated: AlertDocument = {
          ...mirrored, ledger: { ...doc.ledger, blockNumber: Math.max(blockNumber, doc.ledger.blockNumber ?? 0) },
          version: doc.version + 1, updatedAt: new Date().toISOString(),
        };
        await this.#o.alerts.save(updated);
        this.#o.publisher.caseUpdated(view, toAlert(updated));
      }
    }
    return view;
  }

  /** The case as the dashboard sees it, from the alert's mirrored case state (no ledger read). */
  queueView(doc: AlertDocument): CaseView {
    return {
      caseId: doc.caseId, alertId: doc.id, departments: doc.departments, status: doc.status,
      opinions: (doc.caseOpinions ?? []).map((o) => ({ ...o })), openedAt: doc.openedAt ?? doc.raisedAt,
      deadline: doc.deadline ?? '', ledger: { txId: doc.ledger.caseTxId ?? '', blockNumber: doc.ledger.blockNumber ?? 0 },
    };
  }

  async view(reviewCase: ReviewCase, txId: string, blockNumber: number): Promise<CaseView> {
    const comments = await this.#o.comments.forCase(reviewCase.caseId);
    const opinions: OpinionView[] = Object.values(reviewCase.opinions).flatMap((o) => {
      if (!o) return [];
      const c = comments.filter((x) => x.department === o.department && x.commentHash === o.commentHash).at(-1);
      return [{ ...o, ...(c ? { comment: c.comment, by: c.username } : {}) }];
    });
    return {
      caseId: reviewCase.caseId, alertId: reviewCase.alertId, departments: reviewCase.departments, status: reviewCase.status,
      opinions, openedAt: reviewCase.openedAt, deadline: reviewCase.deadline,
      ...(reviewCase.closedAt ? { closedAt: reviewCase.closedAt } : {}), ledger: { txId, blockNumber },
    };
  }
}
