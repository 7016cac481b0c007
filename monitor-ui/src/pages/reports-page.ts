/**
 * `#/reports`: browse the quarterly joint reports and sign one off for the department.
 * The report service may not be deployed yet; a 404 says so plainly instead of failing.
 */
import { createQuarterReports } from '../components/index.js';
import { ApiError, type QuarterSummary } from '../data/index.js';
import { notice, pageHeading, panel, type AppContext, type Page } from './page.js';

const DEPARTMENTS = ['PBOC', 'NFRA', 'SAMR', 'CAC', 'SAFE'];

export function createReportsPage(ctx: AppContext): Page {
  const element = document.createElement('div');
  element.className = 'page reports-page';
  const heading = pageHeading('Quarterly joint reports', 'The report of each quarter is generated from the shared data; its hash is anchored on the ledger and each department\'s reviewer signs that hash off.');
  const reportsPanel = panel('Quarters', 'reports-panel');
  const status = document.createElement('div');
  status.append(notice('Loading the quarters…', 'info', 'reports-loading'));
  let quarters: QuarterSummary[] = [];
  let signing: string | undefined;
  let destroyed = false;
  const redraw = (): void => { table.update({ quarters, session: ctx.session, departments: DEPARTMENTS, signing }); };
  const table = createQuarterReports({ quarters, session: ctx.session, departments: DEPARTMENTS }, {
    reportUrl: (q, format) => ctx.api.reportUrl(q, format),
    onSignOff: (q) => {
      signing = q.quarter;
      redraw();
      // Signs the hash the department has seen listed; the gateway refuses it if the report changed since.
      ctx.api.signOffReport(q.quarter, q.anchored?.reportHash)
        .then(() => { status.replaceChildren(notice(`${q.quarter} signed off for ${ctx.session.department} on the ledger.`, 'info', 'sign-off-done')); })
        .catch((error: unknown) => {
          status.replaceChildren(notice(`Sign-off refused: ${error instanceof Error ? error.message : String(error)}`, 'error', 'sign-off-error'));
        })
        .finally(() => { signing = undefined; void load(); });
    },
  });
  table.element.hidden = true;
  reportsPanel.body.append(status, table.element);
  element.append(heading.element, reportsPanel.element);

  async function load(): Promise<void> {
    try {
      quarters = await ctx.api.listQuarters();
      if (destroyed) return;
      if (!quarters.length) status.replaceChildren(notice('No quarter has reported records yet.', 'info', 'reports-empty'));
      else if (status.querySelector('[data-testid="reports-loading"]')) status.replaceChildren();
      table.element.hidden = quarters.length === 0;
      redraw();
    } catch (error) {
      if (destroyed) return;
      table.element.hidden = true;
      status.replaceChildren(error instanceof ApiError && error.status === 404
        ? notice('Quarterly reports are not available yet on this platform: the report service has not been deployed.', 'unavailable', 'reports-unavailable')
        : notice(`The reports could not be loaded: ${error instanceof Error ? error.message : String(error)}`, 'error', 'reports-error'));
    }
  }
  void load();

  return {
    element,
    destroy() { destroyed = true; table.destroy(); element.remove(); },
  };
}
