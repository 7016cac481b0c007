/**
 * The live alert stream: a virtualized list, newest first. Only the rows in view (plus a small
 * margin) exist in the DOM, joined by alert id, so a backlog of tens of thousands and a hundred
 * arrivals a second cost the same few dozen row updates per frame.
 */
import { select } from 'd3';
import type { Alert, CaseView } from '../data/index.js';
import { createFrameScheduler } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { decisionsOf, joinDecisionBadges } from './decision-badges.js';
import { formatAmount, formatDateTime, SEVERITY_LABELS, STATUS_LABELS, typologyLabel } from './format.js';

export interface AlertStreamData {
  /** Newest first. */
  alerts: readonly Alert[];
  caseOf: (alert: Alert) => CaseView | undefined;
}

export interface AlertStreamOptions {
  onOpen: (alert: Alert) => void;
  rowHeight?: number;
  /** Rows rendered beyond the viewport on each side. */
  overscan?: number;
}

const COLUMNS = ['Raised', 'Severity', 'Typology', 'Amount', 'Institutions', 'Departments', 'Status'];
const FRESH_MS = 4000;
/** Hard cap on rows in the DOM, whatever the viewport claims its height is. */
const MAX_RENDERED_ROWS = 160;

export function createAlertStream(initial: AlertStreamData, options: Readonly<AlertStreamOptions>): Component<AlertStreamData> {
  const rowHeight = options.rowHeight ?? 36;
  const overscan = options.overscan ?? 8;
  const element = createElement('div', 'alert-stream', 'alert-stream');
  element.setAttribute('role', 'table');
  const header = createElement('div', 'stream-row stream-header');
  header.setAttribute('role', 'row');
  for (const title of COLUMNS) {
    const cell = createElement('div', `cell cell-${title.toLowerCase()}`);
    cell.setAttribute('role', 'columnheader');
    cell.textContent = title;
    header.append(cell);
  }
  const viewport = createElement('div', 'stream-viewport');
  const canvas = createElement('div', 'stream-canvas');
  const empty = createElement('div', 'stream-empty', 'alert-stream-empty');
  empty.textContent = 'No alerts match. New alerts appear here as they are raised.';
  viewport.append(canvas);
  element.append(header, viewport, empty);

  let data = initial;
  let firstVisibleId: string | undefined;
  const scheduler = createFrameScheduler(render);

  /** Keeps the row the reader is looking at in place when newer alerts are inserted above it. */
  function keepAnchor(): void {
    if (viewport.scrollTop < rowHeight || firstVisibleId === undefined) return;
    const index = data.alerts.findIndex((a) => a.id === firstVisibleId);
    if (index >= 0) viewport.scrollTop = index * rowHeight + (viewport.scrollTop % rowHeight);
  }

  function render(): void {
    const { alerts } = data;
    canvas.style.height = `${alerts.length * rowHeight}px`;
    empty.hidden = alerts.length > 0;
    const top = viewport.scrollTop;
    const height = viewport.clientHeight || 600;
    const start = Math.max(0, Math.floor(top / rowHeight) - overscan);
    const end = Math.min(alerts.length, Math.ceil((top + height) / rowHeight) + overscan, start + MAX_RENDERED_ROWS);
    const visible = alerts.slice(start, end).map((alert, i) => ({ alert, index: start + i }));
    firstVisibleId = alerts[Math.floor(top / rowHeight)]?.id;
    const now = Date.now();

    const rows = select(canvas)
      .selectAll<HTMLDivElement, { alert: Alert; index: number }>('div.stream-row')
      .data(visible, (d) => d.alert.id)
      .join((enter) => {
        const row = enter.append('div')
          .attr('role', 'row')
          .attr('tabindex', 0)
          .attr('data-testid', 'alert-row')
          .classed('is-fresh', (d) => now - Date.parse(d.alert.raisedAt) < FRESH_MS)
          .on('click', (_event, d) => { options.onOpen(d.alert); })
          .on('keydown', (event: KeyboardEvent, d) => { if (event.key === 'Enter') options.onOpen(d.alert); });
        for (const title of COLUMNS) row.append('div').attr('class', `cell cell-${title.toLowerCase()}`).attr('role', 'cell');
        return row;
      });
    rows
      .attr('class', (d) => `stream-row severity-${d.alert.severity} status-${d.alert.status}${now - Date.parse(d.alert.raisedAt) < FRESH_MS ? ' is-fresh' : ''}`)
      .attr('data-alert-id', (d) => d.alert.id)
      .attr('data-case-id', (d) => d.alert.caseId)
      .attr('data-status', (d) => d.alert.status)
      .style('transform', (d) => `translateY(${d.index * rowHeight}px)`);
    rows.select('.cell-raised').text((d) => formatDateTime(d.alert.raisedAt));
    rows.select('.cell-severity').selectAll('span').data((d) => [d.alert.severity]).join('span')
      .attr('class', (s) => `severity-pill severity-${s}`)
      .text((s) => SEVERITY_LABELS[s]);
    rows.select('.cell-typology').text((d) => typologyLabel(d.alert.typology)).attr('title', (d) => `${d.alert.typology} (${d.alert.ruleVersion})`);
    rows.select('.cell-amount').text((d) => formatAmount(d.alert.amount));
    rows.select('.cell-institutions').text((d) => d.alert.institutions.join(', ') || '—');
    rows.select<HTMLDivElement>('.cell-departments').each(function (d) {
      joinDecisionBadges(select(this), decisionsOf(d.alert, data.caseOf(d.alert)));
    });
    rows.select('.cell-status').selectAll('span').data((d) => [d.alert.status]).join('span')
      .attr('class', (s) => `status-pill status-${s}`)
      .text((s) => STATUS_LABELS[s]);
  }

  const onScroll = (): void => { scheduler.schedule(); };
  viewport.addEventListener('scroll', onScroll, { passive: true });
  const resize = new ResizeObserver(() => { scheduler.schedule(); });
  resize.observe(viewport);
  render();

  return {
    element,
    update(next) {
      data = next;
      keepAnchor();
      render();
    },
    destroy() {
      scheduler.cancel();
      resize.disconnect();
      viewport.removeEventListener('scroll', onScroll);
      element.remove();
    },
  };
}
