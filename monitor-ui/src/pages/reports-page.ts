/**
 * `#/reports`: browse the quarterly joint reports and sign one off for the department.
 * A quarter is signed only once it has ended, and only after a confirmation that shows the
 * exact report hash being signed. The report service may not be deployed yet; a 404 says so.
 */
import { createQuarterReports } from '../components/index.js';
import { ApiError, type QuarterSummary } from '../data/index.js';
import { notice, pageHeading, panel, type AppContext, type Page } from './page.js';

const DEPARTMENTS = ['PBOC', 'NFRA', 'SAMR', 'CAC', 'SAFE'];

/** A modal confirmation naming the quarter, the department and the hash; resolves true to sign. */
function confirmSignOff(ctx: AppContext, q: QuarterSummary): Promise<boolean> {
  const { m } = ctx.i18n;
  const dialog = document.createElement('dialog');
  dialog.className = 'confirm-dialog';
  dialog.dataset.testid = 'sign-off-confirm';
  const title = document.createElement('h2');
  title.textContent = m.confirmTitle(q.quarter, ctx.session.department);
  const text = document.createElement('p');
  text.textContent = m.confirmBody;
  const hash = document.createElement('code');
  hash.className = 'confirm-hash';
  hash.dataset.testid = 'sign-off-hash';
  hash.textContent = q.anchored?.reportHash ?? m.confirmCurrent;
  const actions = document.createElement('div');
  actions.className = 'form-actions';
  const sign = document.createElement('button');
  sign.type = 'button';
  sign.className = 'button primary';
  sign.dataset.testid = 'sign-off-confirm-sign';
  sign.textContent = m.confirmSign;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'button';
  cancel.dataset.testid = 'sign-off-confirm-cancel';
  cancel.textContent = m.cancel;
  actions.append(sign, cancel);
  dialog.setAttribute('aria-labelledby', 'sign-off-title');
  title.id = 'sign-off-title';
  dialog.append(title, text, hash, actions);
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    const close = (answer: boolean): void => { dialog.close(); dialog.remove(); resolve(answer); };
    sign.addEventListener('click', () => { close(true); });
    cancel.addEventListener('click', () => { close(false); });
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(false); });
  });
}

export function createReportsPage(ctx: AppContext): Page {
  const { i18n } = ctx;
  const { m } = i18n;
  const element = document.createElement('div');
  element.className = 'page reports-page';
  const heading = pageHeading(m.reportsHeading, m.reportsSubtitle);
  const reportsPanel = panel(m.reportsPanel, 'reports-panel');
  const status = document.createElement('div');
  status.append(notice(m.reportsLoading, 'info', 'reports-loading'));
  let quarters: QuarterSummary[] = [];
  let signing: string | undefined;
  let destroyed = false;
  const redraw = (): void => { table.update({ quarters, session: ctx.session, departments: DEPARTMENTS, signing }); };
  const table = createQuarterReports({ quarters, session: ctx.session, departments: DEPARTMENTS }, {
    i18n,
    // The report opens in the dashboard's language (same figures and hash in both).
    reportUrl: (q, format) => `${ctx.api.reportUrl(q, format)}?lang=${i18n.locale}`,
    onSignOff: (q) => {
      void confirmSignOff(ctx, q).then((confirmed) => {
        if (!confirmed || destroyed) return;
        signing = q.quarter;
        redraw();
        // Signs the hash the department has seen; the gateway refuses it if the report changed since.
        ctx.api.signOffReport(q.quarter, q.anchored?.reportHash)
          .then(() => { status.replaceChildren(notice(m.signOffDone(q.quarter, ctx.session.department), 'info', 'sign-off-done')); })
          .catch((error: unknown) => {
            status.replaceChildren(notice(m.signOffRefused(error instanceof Error ? error.message : String(error)), 'error', 'sign-off-error'));
          })
          .finally(() => { signing = undefined; void load(); });
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
      if (!quarters.length) status.replaceChildren(notice(m.reportsEmpty, 'info', 'reports-empty'));
      else if (status.querySelector('[data-testid="reports-loading"]')) status.replaceChildren();
      table.element.hidden = quarters.length === 0;
      redraw();
    } catch (error) {
      if (destroyed) return;
      table.element.hidden = true;
      status.replaceChildren(error instanceof ApiError && error.status === 404
        ? notice(m.reportsUnavailable, 'unavailable', 'reports-unavailable')
        : notice(m.reportsError(error instanceof Error ? error.message : String(error)), 'error', 'reports-error'));
    }
  }
  void load();

  return {
    element,
    destroy() { destroyed = true; table.destroy(); element.remove(); },
  };
}
