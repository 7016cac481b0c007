/**
 * The live alert stream: a virtualized list, newest first. Only the rows in view (plus a small
 * margin) exist in the DOM, joined by alert id, so a backlog of tens of thousands and a hundred
 * arrivals a second cost the same few dozen row updates per frame.
 */
import { select } from 'd3';
import type { Alert, AlertSort, AlertSortKey, CaseView } from '../data/index.js';
import { createFrameScheduler } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { decisionsOf, joinDecisionBadges } from './decision-badges.js';
import type { I18n } from '../i18n/index.js';

export interface AlertStreamData {
  /** Newest first. */
  alerts: readonly Alert[];
  caseOf: (alert: Alert) => CaseView | undefined;
  /** The order the list is in, to mark in the headers. */
  sort?: AlertSort;
}

export interface AlertStreamOptions {
  i18n: I18n;
  onOpen: (alert: Alert) => void;
  /** The order shown in the headers (the page sorts the list itself). */
  sort: AlertSort;
  onSort: (sort: AlertSort) => void;
  rowHeight?: number;
  /** Rows rendered beyond the viewport on each side. */
  overscan?: number;
}

const COLUMNS = ['raised', 'severity', 'typology', 'amount', 'institutions', 'departments', 'status'] as const;
const SORTABLE: readonly string[] = ['raised', 'severity', 'typology', 'amount', 'status'];
const FRESH_MS = 4000;
/** Hard cap on rows in the DOM, whatever the viewport claims its height is. */
const MAX_RENDERED_ROWS = 160;

export function createAlertStream(initial: AlertStreamData, options: Readonly<AlertStreamOptions>): Component<AlertStreamData> {
  const rowHeight = options.rowHeight ?? 36;
  const overscan = options.overscan ?? 8;
  const element = createElement('div', 'alert-stream', 'alert-stream');
  element.setAttribute('role', 'table');
  const { i18n } = options;
  const { m } = i18n;
  const titles: Record<(typeof COLUMNS)[number], string> = {
    raised: `${m.colRaised} (${i18n.zoneLabel})`, severity: m.colSeverity, typology: m.colTypology, amount: m.colAmount,
    institutions: m.colInstitutions, departments: m.colDepartments, status: m.colStatus,
  };
  const header = createElement('div', 'stream-row stream-header');
  header.setAttribute('role', 'row');
  let sort = options.sort;
  for (const column of COLUMNS) {
    const cell = createElement('div', `cell cell-${column}`);
    cell.setAttribute('role', 'columnheader');
    if (SORTABLE.includes(column)) {
      const key = column as AlertSortKey;
      const button = createElement('button', 'sort-button', `sort-${column}`);
      button.type = 'button';
      button.textContent = titles[column];
      button.title = m.sortBy(titles[column]);
      button.addEventListener('click', () => {
        options.onSort({ key, descending: sort.key === key ? !sort.descending : key === 'raised' || key === 'amount' || key === 'severity' });
      });
      cell.append(button);
      const sorted = sort.key === key;
      cell.setAttribute('aria-sort', sorted ? (sort.descending ? 'descending' : 'ascending') : 'none');
    } else {
      cell.textContent = titles[column];
    }
    header.append(cell);
  }
  const markSort = (next: AlertSort): void => {
    sort = next;
    for (const cell of header.children) {
      const key = [...cell.classList].find((c) => c.startsWith('cell-'))?.slice(5) ?? '';
      if (SORTABLE.includes(key)) cell.setAttribute('aria-sort', key === next.key ? (next.descending ? 'descending' : 'ascending') : 'none');
    }
  };
  const viewport = createElement('div', 'stream-viewport');
  const canvas = createElement('div', 'stream-canvas');
  const empty = createElement('div', 'stream-empty', 'alert-stream-empty');
  empty.textContent = m.streamEmpty;
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

  /** What each row element last showed, so unchanged rows are only moved, never rewritten. */
  const shown = new WeakMap<HTMLDivElement, { alert: Alert; caseView: CaseView | undefined; fresh: boolean }>();
  // Read from the ResizeObserver, never from layout during a render (that would force a reflow).
  let viewportHeight = 600;
  let freshTimer: ReturnType<typeof setTimeout> | undefined;

  function render(): void {
    const { alerts } = data;
    const top = viewport.scrollTop;
    canvas.style.height = `${alerts.length * rowHeight}px`;
    empty.hidden = alerts.length > 0;
    const start = Math.max(0, Math.floor(top / rowHeight) - overscan);
    const end = Math.min(alerts.length, Math.ceil((top + viewportHeight) / rowHeight) + overscan, start + MAX_RENDERED_ROWS);
    const visible = alerts.slice(start, end).map((alert, i) => ({ alert, index: start + i }));
    firstVisibleId = alerts[Math.floor(top / rowHeight)]?.id;
    const now = Date.now();
    const isFresh = (alert: Alert): boolean => now - Date.parse(alert.raisedAt) < FRESH_MS;

    const rows = select(canvas)
      .selectAll<HTMLDivElement, { alert: Alert; index: number }>('div.stream-row')
      .data(visible, (d) => d.alert.id)
      .join((enter) => {
        const row = enter.append('div')
          .attr('role', 'row')
          .attr('tabindex', 0)
          .attr('data-testid', 'alert-row')
          .on('click', (_event, d) => { options.onOpen(d.alert); })
          .on('keydown', (event: KeyboardEvent, d) => { if (event.key === 'Enter') options.onOpen(d.alert); });
        for (const column of COLUMNS) row.append('div').attr('class', `cell cell-${column}`).attr('role', 'cell');
        return row;
      })
      .style('transform', (d) => `translateY(${d.index * rowHeight}px)`);
    const changed = rows.filter(function (d) {
      const before = shown.get(this);
      const caseView = data.caseOf(d.alert);
      const fresh = isFresh(d.alert);
      if (before && before.alert === d.alert && before.caseView === caseView && before.fresh === fresh) return false;
      shown.set(this, { alert: d.alert, caseView, fresh });
      return true;
    });
    changed
      .attr('class', (d) => `stream-row severity-${d.alert.severity} status-${d.alert.status}${isFresh(d.alert) ? ' is-fresh' : ''}`)
      .attr('data-alert-id', (d) => d.alert.id)
      .attr('data-case-id', (d) => d.alert.caseId)
      .attr('data-status', (d) => d.alert.status);
    changed.select('.cell-raised').text((d) => i18n.dateTime(d.alert.raisedAt));
    changed.select('.cell-severity').selectAll('span').data((d) => [d.alert.severity]).join('span')
      .attr('class', (sev) => `severity-pill severity-${sev}`)
      .text((sev) => i18n.severity(sev));
    changed.select('.cell-typology').text((d) => i18n.typology(d.alert.typology)).attr('title', (d) => `${d.alert.typology} (${d.alert.ruleVersion})`);
    changed.select('.cell-amount').text((d) => i18n.amount(d.alert.amount));
    changed.select('.cell-institutions').text((d) => d.alert.institutions.join(', ') || '—').attr('title', (d) => d.alert.institutions.join(', '));
    changed.select<HTMLDivElement>('.cell-departments').each(function (d) {
      joinDecisionBadges(select(this), decisionsOf(d.alert, data.caseOf(d.alert)), i18n);
    });
    changed.select('.cell-status').selectAll('span').data((d) => [d.alert.status]).join('span')
      .attr('class', (st) => `status-pill status-${st}`)
      .text((st) => i18n.status(st));
    // Fresh rows lose their highlight once it has been seen, even if nothing else arrives.
    if (visible.some((v) => isFresh(v.alert)) && freshTimer === undefined) {
      freshTimer = setTimeout(() => { freshTimer = undefined; scheduler.schedule(); }, FRESH_MS);
    }
  }

  const onScroll = (): void => { scheduler.schedule(); };
  viewport.addEventListener('scroll', onScroll, { passive: true });
  const resize = new ResizeObserver((entries) => {
    viewportHeight = entries[0]?.contentRect.height || viewportHeight;
    scheduler.schedule();
  });
  resize.observe(viewport);
  render();

  return {
    element,
    update(next) {
      data = next;
      if (next.sort && (next.sort.key !== sort.key || next.sort.descending !== sort.descending)) markSort(next.sort);
      keepAnchor();
      render();
    },
    destroy() {
      scheduler.cancel();
      clearTimeout(freshTimer);
      resize.disconnect();
      viewport.removeEventListener('scroll', onScroll);
      element.remove();
    },
  };
}
