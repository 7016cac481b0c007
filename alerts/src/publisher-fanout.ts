import type { Alert } from '../../core/src/domain/alert.js';
import type { CaseDiscussionEntry, CaseView } from '../../core/src/live/events.js';
import type { Department } from '../../core/src/domain/departments.js';
import type { AlertPublisher } from './alert-publisher.js';

/**
 * Fans alert events out to the publishers attached so far. It lets the pipeline be built
 * before the socket.io server exists (which needs the HTTP server, which needs the routes).
 */
export class PublisherFanout implements AlertPublisher {
  readonly #targets = new Set<AlertPublisher>();

  attach(target: AlertPublisher): () => void {
    this.#targets.add(target);
    return () => this.#targets.delete(target);
  }

  alertRaised(alert: Alert): void { for (const t of this.#targets) t.alertRaised(alert); }
  alertUpdated(alert: Alert): void { for (const t of this.#targets) t.alertUpdated(alert); }
  caseUpdated(view: CaseView, alert: Alert): void { for (const t of this.#targets) t.caseUpdated(view, alert); }
  discussionPosted(entry: CaseDiscussionEntry, departments: readonly Department[]): void {
    for (const t of this.#targets) t.discussionPosted?.(entry, departments);
  }
}
