import type { Ledger, LedgerEvent } from '../../core/src/ledger/ledger.js';
import type { ReviewCase } from '../../core/src/ledger/contract-model.js';
import type { Logger } from '../../core/src/logger.js';
import type { JointReviewService } from './joint-review-service.js';

const CASE_EVENTS = new Set(['CaseOpened', 'CaseUpdated']);

function isReviewCase(value: unknown): value is ReviewCase {
  const v = value as Partial<ReviewCase> | null;
  return !!v && typeof v.caseId === 'string' && typeof v.status === 'string' && Array.isArray(v.departments);
}

/**
 * Follows the ledger's case events, so that a decision taken through any node (another
 * department's gateway on Fabric) reaches this gateway's dashboards too.
 */
export function relayCaseEvents(options: Readonly<{ ledger: Ledger; review: JointReviewService; logger: Logger; afterBlock?: number }>): () => void {
  return options.ledger.subscribe(async (event: LedgerEvent) => {
    if (!CASE_EVENTS.has(event.name) || !isReviewCase(event.payload)) return;
    try {
      await options.review.applyCaseChange(event.payload, event.txId, event.blockNumber);
    } catch (error) {
      options.logger.error({ err: error, txId: event.txId }, 'could not apply a case event');
    }
  }, options.afterBlock === undefined ? undefined : { afterBlock: options.afterBlock });
}
