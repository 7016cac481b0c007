import type { Department } from '../../core/src/domain/departments.js';
import type { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import type { Logger } from '../../core/src/logger.js';
import type { AlertStore } from './alert-store.js';
import type { JointReviewService } from './joint-review-service.js';

/**
 * Marks cases that passed their decision deadline as `escalated` for the quarterly joint
 * meeting. The contract decides (deadline vs the transaction's time); this only asks it,
 * for open cases whose deadline the local clock says has passed.
 */
export class EscalationSweeper {
  readonly #o: Readonly<{ ledger: SupervisionLedger; alerts: AlertStore; review: JointReviewService; operator: Department; logger: Logger; clock?: () => Date }>;

  constructor(options: Readonly<{ ledger: SupervisionLedger; alerts: AlertStore; review: JointReviewService; operator: Department; logger: Logger; clock?: () => Date }>) {
    this.#o = options;
  }

  /** Escalates every overdue open case; returns how many were escalated. */
  async sweep(): Promise<number> {
    const now = (this.#o.clock ?? (() => new Date()))().toISOString();
    let escalated = 0;
    // The alert mirrors its case's deadline, so only cases that look overdue are read from the ledger.
    const candidates = this.#o.alerts.all().filter((a) => a.status === 'open' && (a.deadline === undefined || a.deadline <= now));
    for (const doc of candidates) {
      const reviewCase = await this.#o.ledger.getCase(this.#o.operator, doc.caseId);
      if (!reviewCase || reviewCase.status !== 'open' || reviewCase.deadline > now) continue;
      try {
        const committed = await this.#o.ledger.escalateOverdue(this.#o.operator, doc.caseId);
        await this.#o.review.applyCaseChange(committed.result, committed.txId, committed.blockNumber);
        escalated++;
      } catch (error) {
        this.#o.logger.warn({ err: error, caseId: doc.caseId }, 'could not escalate an overdue case');
      }
    }
    return escalated;
  }
}
