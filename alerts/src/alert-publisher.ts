import type { Alert } from '../../core/src/domain/alert.js';
import type { CaseView } from '../../core/src/live/events.js';

/** Where raised and updated alerts go live (socket.io in the gateway; nothing in the CLI). */
export interface AlertPublisher {
  alertRaised(alert: Alert): void;
  alertUpdated(alert: Alert): void;
  caseUpdated(view: CaseView, alert: Alert): void;
}

export const NO_PUBLISHER: AlertPublisher = {
  alertRaised: () => undefined, alertUpdated: () => undefined, caseUpdated: () => undefined,
};
