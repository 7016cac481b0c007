/** Pages of the dashboard, one per hash route. */
export type { AppContext, Page } from './page.js';
export { createLoginPage } from './login-page.js';
export { createAlertsPage } from './alerts-page.js';
export { createQueuePage } from './queue-page.js';
export { createCasePage } from './case-page.js';
export { createReportsPage } from './reports-page.js';
