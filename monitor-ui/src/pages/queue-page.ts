/**
 * `#/queue`: cases awaiting the department, oldest first, with deadlines. The queue is re-read
 * shortly after any case change or new alert, so it always matches the gateway's view of it.
 */
import { createDecisionLegend, createQueueTable } from '../components/index.js';
import type { CaseTriageState, CaseView } from '../data/index.js';
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
  const ackButton = document.createElement('button');
  ackButton.type = 'button';
  ackButton.className = 'button small';
  ackButton.dataset.testid = 'acknowledge-selected';
  const mayTriage = ctx.session.role === 'analyst' || ctx.session.role === 'reviewer';
  ackButton.hidden = !mayTriage;
  queuePanel.actions.append(ackButton, exportLink);
  let triage: Record<string, CaseTriageState> = {};
  const selected = new Set<string>();
  let cases: CaseView[] = [];
  const alertOf = (c: CaseView) => ctx.register.get(c.alertId);
  let loading = true;
  const table = createQueueTable({ cases, alertOf, now: Date.now(), loading }, {
    i18n,
    onOpen: (c) => { ctx.navigate(`#/cases/${encodeURIComponent(c.caseId)}`); },
    ...(mayTriage ? {
      onSelect: (ids: readonly string[], on: boolean) => { for (const id of ids) { if (on) selected.add(id); else selected.delete(id); } render(); },
    } : {}),
  });
  ackButton.addEventListener('click', () => {
    const ids = [...selected];
    if (ids.length === 0) return;
    ackButton.disabled = true;
    ctx.api.acknowledge(ids)
      .then(() => {
        selected.clear();
        status.replaceChildren(notice(m.acknowledgedCount(ids.length), 'info', 'acknowledge-done'));
        return loadTriage();
      })
      .catch((error: unknown) => { status.replaceChildren(notice(m.triageFailed(error instanceof Error ? error.message : String(error)), 'error', 'acknowledge-error')); })
      .finally(() => { ackButton.disabled = false; render(); });
  });
  const status = document.createElement('div');
  status.append(notice(m.queueLoading, 'info', 'queue-loading'));
  queuePanel.body.append(status, createDecisionLegend(i18n).element, table.element);
  element.append(heading.element, queuePanel.element);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  async function loadTriage(): Promise<void> {
    try {
      const view = await ctx.api.triage();
      if (!destroyed) { triage = view.cases; render(); }
    } catch { /* the queue still works without its triage columns */ }
  }

  function render(): void {
    // A case that left the queue cannot stay ticked.
    for (const id of selected) if (!cases.some((c) => c.caseId === id)) selected.delete(id);
    ackButton.textContent = m.acknowledgeSelected(selected.size);
    ackButton.disabled = selected.size === 0;
    table.update({ cases, alertOf, now: Date.now(), loading, triage, selected });
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
  void loadTriage();

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
