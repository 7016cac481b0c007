/**
 * The quarterly joint reports: each quarter's anchored report hash and which departments have
 * signed that hash off on the ledger. Rows keyed by quarter, sign-off cells by department.
 */
import { select } from 'd3';
import type { QuarterSummary, Session } from '../data/index.js';
import { createElement, type Component } from './component.js';
import type { I18n } from '../i18n/index.js';

export interface QuarterReportsData {
  quarters: readonly QuarterSummary[];
  session: Session;
  departments: readonly string[];
  /** The quarter whose sign-off is being recorded, if any. */
  signing?: string;
}

export interface QuarterReportsOptions {
  i18n: I18n;
  reportUrl: (quarter: string, format: 'html' | 'pdf') => string;
  onSignOff: (quarter: QuarterSummary) => void;
}

type Cell = { q: QuarterSummary; col: string };

/** Whether the quarter is over, so that its report can be final (the gateway says; else its end). */
export function quarterEnded(q: QuarterSummary, now = Date.now()): boolean {
  if (q.ended !== undefined) return q.ended;
  return q.endsAt !== undefined && Date.parse(q.endsAt) <= now;
}

/** Whether the viewer's department may sign this quarter off now. */
export function maySignOff(q: QuarterSummary, session: Session, now = Date.now()): boolean {
  return session.role === 'reviewer' && q.pending.includes(session.department) && quarterEnded(q, now);
}

function renderCell(cell: ReturnType<typeof select<HTMLTableCellElement, Cell>>, { q, col }: Cell, data: QuarterReportsData, options: Readonly<QuarterReportsOptions>): void {
  const { i18n } = options;
  const { m } = i18n;
  cell.selectAll('*').remove();
  cell.text('');
  if (col === 'quarter') {
    cell.append('a').attr('href', options.reportUrl(q.quarter, 'html')).attr('target', '_blank').attr('rel', 'noopener')
      .attr('data-testid', 'report-link').attr('class', 'report-quarter').text(q.quarter);
    cell.append('a').attr('href', options.reportUrl(q.quarter, 'pdf')).attr('target', '_blank').attr('rel', 'noopener')
      .attr('data-testid', 'report-pdf').attr('class', 'report-pdf').text(m.pdf);
  } else if (col === 'hash') {
    cell.attr('title', q.anchored?.reportHash ?? null)
      .text(q.anchored ? `${q.anchored.reportHash.slice(0, 16)}…` : m.notAnchored);
  } else if (col === 'anchored') {
    cell.text(q.anchored ? `${q.anchored.anchoredBy ?? ''} ${i18n.dateTimeZoned(q.anchored.anchoredAt)}`.trim() : '—');
  } else if (col.startsWith('dept:')) {
    const department = col.slice(5);
    const signOff = q.signOffs.find((s) => s.department === department);
    const signed = signOff !== undefined && !q.pending.includes(department);
    cell.append('span').attr('class', `dept-badge ${signed ? 'decision-confirm' : 'decision-pending'}`)
      .attr('data-testid', 'report-signoff').attr('data-department', department).attr('data-signed', String(signed))
      .attr('title', signed
        ? (signOff.by ? m.signedTitleBy(i18n.dateTimeZoned(signOff.at), signOff.by, signOff.txId) : m.signedTitle(i18n.dateTimeZoned(signOff.at), signOff.txId))
        : m.notSigned)
      .text(signed ? `✔ ${m.signed}` : `… ${m.notSigned}`);
  } else if (!quarterEnded(q)) {
    cell.append('span').attr('class', 'quarter-open-note').attr('data-testid', 'quarter-in-progress')
      .text(m.quarterInProgress(q.endsAt ? i18n.dateTimeZoned(q.endsAt) : '—'));
  } else if (maySignOff(q, data.session)) {
    cell.append('button').attr('class', 'button primary small').attr('data-testid', 'sign-off')
      .property('disabled', data.signing !== undefined)
      .text(data.signing === q.quarter ? m.signing : m.signOffButton(data.session.department))
      .on('click', () => { options.onSignOff(q); });
  }
}

export function createQuarterReports(initial: QuarterReportsData, options: Readonly<QuarterReportsOptions>): Component<QuarterReportsData> {
  const element = createElement('div', 'table-scroll');
  element.tabIndex = 0;
  const table = select(element).append('table').attr('class', 'data-table report-table').attr('data-testid', 'report-table');
  const headRow = table.append('thead').append('tr');
  const body = table.append('tbody');

  function render(data: QuarterReportsData): void {
    const columns = ['quarter', 'hash', 'anchored', ...data.departments.map((d) => `dept:${d}`), 'actions'];
    const { m } = options.i18n;
    headRow.selectAll('th').data([m.colQuarter, m.colReportHash, m.colAnchored, ...data.departments, '']).join('th').attr('scope', 'col').text((h) => h);
    body.selectAll<HTMLTableRowElement, QuarterSummary>('tr')
      .data([...data.quarters].sort((a, b) => b.quarter.localeCompare(a.quarter)), (q) => q.quarter)
      .join('tr')
      .attr('data-testid', 'report-row')
      .attr('data-quarter', (q) => q.quarter)
      .selectAll<HTMLTableCellElement, Cell>('td')
      .data((q) => columns.map((col) => ({ q, col })), (c) => c.col)
      .join('td')
      .attr('class', ({ col }) => (col === 'hash' ? 'mono' : col.startsWith('dept:') ? 'signoff-cell' : null))
      .each(function (c) { renderCell(select(this), c, data, options); });
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
