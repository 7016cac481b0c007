/**
 * Cases awaiting the department, oldest first, with their deadlines, who in the department
 * handles each and whether it has been seen; rows keyed by case id, selectable for bulk
 * acknowledgement (the page owns the selection).
 */
import { select } from 'd3';
import type { Alert, CaseTriageState, CaseView } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { decisionsOf, joinDecisionBadges } from './decision-badges.js';
import type { I18n } from '../i18n/index.js';

export interface QueueTableData {
  cases: readonly CaseView[];
  /** The alert behind a case, when the register knows it (for typology and amount). */
  alertOf: (caseView: CaseView) => Alert | undefined;
  now: number;
  /** True until the first answer from the gateway; the empty note would be a false statement. */
  loading?: boolean;
  /** The department's triage of each case, by case id. */
  triage?: Readonly<Record<string, CaseTriageState>>;
  /** Case ids ticked for a bulk action. */
  selected?: ReadonlySet<string>;
}

export interface QueueTableOptions {
  i18n: I18n;
  onOpen: (caseView: CaseView) => void;
  /** Ticks or unticks cases; without it the table has no selection column. */
  onSelect?: (caseIds: readonly string[], selected: boolean) => void;
}

const COLUMNS = ['select', 'opened', 'case', 'typology', 'amount', 'departments', 'status', 'deadline', 'assignee', 'seen'] as const;
type Column = (typeof COLUMNS)[number];
/** Columns a reader can order the queue by (the table keeps the choice while the page is open). */
const SORTABLE: readonly Column[] = ['opened', 'typology', 'amount', 'deadline', 'assignee'];

export function createQueueTable(initial: QueueTableData, options: Readonly<QueueTableOptions>): Component<QueueTableData> {
  const { i18n } = options;
  const { m } = i18n;
  const titles: Record<(typeof COLUMNS)[number], string> = {
    opened: `${m.colOpened} (${i18n.zoneLabel})`, case: m.colCase, typology: m.colTypology, amount: m.colAmount,
    departments: m.colDepartments, status: m.colStatus, deadline: m.colDeadline, assignee: m.colAssignee, seen: m.colAcknowledged, select: '',
  };
  const columns = COLUMNS.filter((c) => c !== 'select' || options.onSelect !== undefined);
  let shown: readonly CaseView[] = [];
  const element = createElement('div', 'table-scroll');
  element.tabIndex = 0;
  const table = select(element).append('table').attr('class', 'data-table queue-table').attr('data-testid', 'queue-table');
  let sort: { key: Column; descending: boolean } = { key: 'opened', descending: false };
  let last: QueueTableData = initial;
  const heads = table.append('thead').append('tr').selectAll('th').data(columns).join('th').attr('scope', 'col');
  heads.filter((c) => !SORTABLE.includes(c)).text((c) => titles[c]);
  heads.filter((c) => SORTABLE.includes(c)).append('button').attr('type', 'button').attr('class', 'sort-button')
    .attr('data-testid', (c) => `queue-sort-${c}`).attr('title', (c) => m.sortBy(titles[c])).text((c) => titles[c])
    .on('click', (_e, c) => { sort = { key: c, descending: sort.key === c ? !sort.descending : c === 'amount' }; render(last); });
  const selectAll = heads.filter((c) => c === 'select').append('input').attr('type', 'checkbox').attr('data-testid', 'queue-select-all')
    .attr('aria-label', m.selectAll)
    .on('change', function () { options.onSelect?.(shown.map((c) => c.caseId), (this as HTMLInputElement).checked); });
  const body = table.append('tbody');
  const empty = createElement('p', 'empty-note', 'queue-empty');
  empty.textContent = m.queueEmpty;
  element.append(empty);

  function sortKey(c: CaseView, data: QueueTableData): string | number {
    switch (sort.key) {
      case 'typology': return i18n.typology(data.alertOf(c)?.typology ?? '');
      case 'amount': return Number(data.alertOf(c)?.amount ?? 0);
      case 'deadline': return c.deadline;
      case 'assignee': return data.triage?.[c.caseId]?.assignee ?? '\uffff';
      default: return c.openedAt;
    }
  }

  function render(data: QueueTableData): void {
    last = data;
    const sign = sort.descending ? -1 : 1;
    const cases = [...data.cases].sort((a, b) => {
      const x = sortKey(a, data);
      const y = sortKey(b, data);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return sign * order || a.openedAt.localeCompare(b.openedAt) || a.caseId.localeCompare(b.caseId);
    });
    heads.attr('aria-sort', (c) => (SORTABLE.includes(c) ? (c === sort.key ? (sort.descending ? 'descending' : 'ascending') : 'none') : null));
    shown = cases;
    const selected = data.selected ?? new Set<string>();
    selectAll.property('checked', cases.length > 0 && cases.every((c) => selected.has(c.caseId)));
    empty.hidden = cases.length > 0 || data.loading === true;
    const rows = body.selectAll<HTMLTableRowElement, CaseView>('tr')
      .data(cases, (c) => c.caseId)
      .join((enter) => {
        const tr = enter.append('tr').attr('tabindex', 0).attr('data-testid', 'queue-row')
          .on('click', (e: MouseEvent, c) => { if (!(e.target as Element).closest('.col-select')) options.onOpen(c); })
          .on('keydown', (e: KeyboardEvent, c) => { if (e.key === 'Enter' && !(e.target as Element).closest('.col-select')) options.onOpen(c); });
        for (const c of columns) tr.append('td').attr('class', `col-${c}`);
        tr.select('.col-select').append('input').attr('type', 'checkbox').attr('data-testid', 'queue-select')
          .on('change', function (_e, c) { options.onSelect?.([c.caseId], (this as HTMLInputElement).checked); });
        return tr;
      })
      .attr('data-case-id', (c) => c.caseId)
      .classed('is-overdue', (c) => i18n.deadline(c.deadline, data.now).overdue);
    rows.select('.col-opened').text((c) => i18n.dateTime(c.openedAt));
    rows.select('.col-case').attr('class', 'col-case mono').text((c) => c.caseId);
    rows.select('.col-typology').text((c) => { const a = data.alertOf(c); return a ? i18n.typology(a.typology) : '—'; });
    rows.select('.col-amount').attr('class', 'col-amount num').text((c) => { const a = data.alertOf(c); return a ? i18n.amount(a.amount) : '—'; });
    rows.select<HTMLTableCellElement>('.col-departments').each(function (c) {
      joinDecisionBadges(select(this), decisionsOf({ departments: c.departments, status: c.status }, c), i18n);
    });
    rows.select('.col-status').selectAll('span').data((c) => [c.status]).join('span')
      .attr('class', (s) => `status-pill status-${s}`).text((s) => i18n.status(s));
    rows.select('.col-deadline')
      .attr('data-testid', 'queue-deadline')
      .attr('title', (c) => i18n.dateTimeZoned(c.deadline))
      .text((c) => i18n.deadline(c.deadline, data.now).text);
    const triageOf = (c: CaseView): CaseTriageState => data.triage?.[c.caseId] ?? {};
    rows.select<HTMLInputElement>('.col-select input').property('checked', (c) => selected.has(c.caseId))
      .attr('aria-label', (c) => m.selectCase(c.caseId));
    rows.select('.col-assignee').attr('data-testid', 'queue-assignee').text((c) => triageOf(c).assignee ?? '—');
    rows.select('.col-seen').attr('data-testid', 'queue-seen')
      .attr('data-acknowledged', (c) => String(triageOf(c).acknowledgedBy !== undefined))
      .attr('title', (c) => { const t = triageOf(c); return t.acknowledgedBy ? m.acknowledgedBy(t.acknowledgedBy, i18n.dateTimeZoned(t.acknowledgedAt)) : null; })
      .text((c) => (triageOf(c).acknowledgedBy ? `✔ ${triageOf(c).acknowledgedBy}` : '—'));
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
