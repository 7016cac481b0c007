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
  const heading = pageHeading('Quarterly joint reports', 'Each department\'s reviewer signs the quarter\'s report off on the ledger.');
  const reportsPanel = panel('Quarters', 'reports-panel');
  const status = document.createElement('div');
  let quarters: QuarterSummary[] = [];
  let destroyed = false;
  const table = createQuarterReports({ quarters, session: ctx.session, departments: DEPARTMENTS }, {
    reportUrl: (q) => ctx.api.reportUrl(q),
    onSignOff: (quarter) => {
      status.replaceChildren(notice(`Signing off ${quarter} for ${ctx.session.department}…`, 'info'));
      ctx.api.signOffReport(quarter)
        .then(load)
        .catch((error: unknown) => {
          status.replaceChildren(notice(`Sign-off refused: ${error instanceof Error ? error.message : String(error)}`, 'error', 'sign-off-error'));
        });
    },
  });
  table.element.hidden = true;
  reportsPanel.body.append(status, table.element);
  element.append(heading.element, reportsPanel.element);

  async function load(): Promise<void> {
    try {
      quarters = await ctx.api.listQuarters();
      if (destroyed) return;
      status.replaceChildren(quarters.length ? '' : notice('No quarterly report has been generated yet.', 'info', 'reports-empty'));
      table.element.hidden = quarters.length === 0;
      table.update({ quarters, session: ctx.session, departments: DEPARTMENTS });
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
