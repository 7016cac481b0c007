import type { Alert } from '../../core/src/domain/alert.js';
import type { CaseDiscussionEntry, CaseView } from '../../core/src/live/events.js';
import type { Department } from '../../core/src/domain/departments.js';

/** Where raised and updated alerts go live (socket.io in the gateway; nothing in the CLI). */
export interface AlertPublisher {
  alertRaised(alert: Alert): void;
  alertUpdated(alert: Alert): void;
  caseUpdated(view: CaseView, alert: Alert): void;
  /** A case discussion entry, for the case's departments (optional: the CLI has no live clients). */
  discussionPosted?(entry: CaseDiscussionEntry, departments: readonly Department[]): void;
}

export const NO_PUBLISHER: AlertPublisher = {
  alertRaised: () => undefined, alertUpdated: () => undefined, caseUpdated: () => undefined,
};
