/**
 * `#/queue`: cases awaiting the department, oldest first, with deadlines. The queue is re-read
 * shortly after any case change or new alert, so it always matches the gateway's view of it.
 */
import { createDecisionLegend, createQueueTable } from '../components/index.js';
import type { CaseView } from '../data/index.js';
import { notice, pageHeading, panel, type AppContext, type Page } from './page.js';

const REFRESH_DELAY_MS = 500;
const CLOCK_TICK_MS = 30_000;

export function createQueuePage(ctx: AppContext): Page {
  const { i18n } = ctx;
  const { m } = i18n;
  const element = document.createElement('div');
  element.className = 'page queue-page';
  const heading = pageHeading(m.queueHeading(ctx.session.department), m.loading);
  heading.subtitle.dataset.testid = 'queue-summary';
  const queuePanel = panel(m.queueTitle, 'queue-panel');
  const exportLink = document.createElement('a');
  exportLink.className = 'button small';
  exportLink.dataset.testid = 'export-queue';
  exportLink.textContent = m.exportCsv;
  exportLink.setAttribute('download', '');
  exportLink.href = ctx.api.exportUrl('queue');
  queuePanel.actions.append(exportLink);
  let cases: CaseView[] = [];
  const alertOf = (c: CaseView) => ctx.register.get(c.alertId);
  let loading = true;
  const table = createQueueTable({ cases, alertOf, now: Date.now(), loading }, {
    i18n,
    onOpen: (c) => { ctx.navigate(`#/cases/${encodeURIComponent(c.caseId)}`); },
  });
  const status = document.createElement('div');
  status.append(notice(m.queueLoading, 'info', 'queue-loading'));
  queuePanel.body.append(status, createDecisionLegend(i18n).element, table.element);
  element.append(heading.element, queuePanel.element);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  function render(): void {
    table.update({ cases, alertOf, now: Date.now(), loading });
    if (loading) return;
    const overdue = cases.filter((c) => Date.parse(c.deadline) < Date.now()).length;
    heading.subtitle.textContent = overdue
      ? m.queueSummaryOverdue(cases.length, ctx.session.department, overdue)
      : m.queueSummary(cases.length, ctx.session.department);
  }

  async function load(): Promise<void> {
    try {
      const next = await ctx.api.myQueue();
      if (destroyed) return;
      cases = next;
      loading = false;
      status.replaceChildren();
      ctx.register.noteCases(next);
      render();
    } catch (error) {
      if (destroyed) return;
      status.replaceChildren(notice(m.queueError(error instanceof Error ? error.message : String(error)), 'error', 'queue-error'));
    }
  }

  const refreshSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => { void load(); }, REFRESH_DELAY_MS);
  };
  const disposers = [
    ctx.feed.on('case:updated', refreshSoon),
    ctx.feed.on('alert:raised', refreshSoon),
    ctx.register.subscribe(render),
  ];
  const clock = setInterval(render, CLOCK_TICK_MS);
  void load();

  return {
    element,
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      clearInterval(clock);
      for (const dispose of disposers) dispose();
      table.destroy();
      element.remove();
    },
  };
}
