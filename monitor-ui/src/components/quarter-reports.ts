/**
 * The quarterly joint reports: each quarter's anchored report hash and which departments have
 * signed that hash off on the ledger. Rows keyed by quarter, sign-off cells by department.
 */
import { select } from 'd3';
import type { QuarterSummary, Session } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { formatDateTime } from './format.js';

export interface QuarterReportsData {
  quarters: readonly QuarterSummary[];
  session: Session;
  departments: readonly string[];
  /** The quarter whose sign-off is being recorded, if any. */
  signing?: string;
}

export interface QuarterReportsOptions {
  reportUrl: (quarter: string, format: 'html' | 'pdf') => string;
  onSignOff: (quarter: QuarterSummary) => void;
}

type Cell = { q: QuarterSummary; col: string };

/** Whether the viewer's department may sign this quarter off now. */
export function maySignOff(q: QuarterSummary, session: Session): boolean {
  return session.role === 'reviewer' && q.pending.includes(session.department);
}

function renderCell(cell: ReturnType<typeof select<HTMLTableCellElement, Cell>>, { q, col }: Cell, data: QuarterReportsData, options: Readonly<QuarterReportsOptions>): void {
  cell.selectAll('*').remove();
  cell.text('');
  if (col === 'quarter') {
    cell.append('a').attr('href', options.reportUrl(q.quarter, 'html')).attr('target', '_blank').attr('rel', 'noopener')
      .attr('data-testid', 'report-link').attr('class', 'report-quarter').text(q.quarter);
    cell.append('a').attr('href', options.reportUrl(q.quarter, 'pdf')).attr('target', '_blank').attr('rel', 'noopener')
      .attr('data-testid', 'report-pdf').attr('class', 'report-pdf').text('PDF');
  } else if (col === 'hash') {
    cell.attr('title', q.anchored?.reportHash ?? null)
      .text(q.anchored ? `${q.anchored.reportHash.slice(0, 16)}…` : 'not anchored yet');
  } else if (col === 'anchored') {
    cell.text(q.anchored ? `${q.anchored.anchoredBy ?? ''} ${formatDateTime(q.anchored.anchoredAt)}`.trim() : '—');
  } else if (col.startsWith('dept:')) {
    const department = col.slice(5);
    const signOff = q.signOffs.find((s) => s.department === department);
    const signed = signOff !== undefined && !q.pending.includes(department);
    cell.append('span').attr('class', `dept-badge ${signed ? 'decision-confirm' : 'decision-pending'}`)
      .attr('data-testid', 'report-signoff').attr('data-department', department).attr('data-signed', String(signed))
      .attr('title', signed ? `signed ${formatDateTime(signOff.at)}${signOff.by ? ` by ${signOff.by}` : ''} · ledger tx ${signOff.txId}` : 'not signed')
      .text(signed ? 'signed' : 'pending');
  } else if (maySignOff(q, data.session)) {
    cell.append('button').attr('class', 'button primary small').attr('data-testid', 'sign-off')
      .property('disabled', data.signing !== undefined)
      .text(data.signing === q.quarter ? 'Signing…' : `Sign off for ${data.session.department}`)
      .on('click', () => { options.onSignOff(q); });
  }
}

export function createQuarterReports(initial: QuarterReportsData, options: Readonly<QuarterReportsOptions>): Component<QuarterReportsData> {
  const element = createElement('div', 'table-scroll');
  const table = select(element).append('table').attr('class', 'data-table report-table').attr('data-testid', 'report-table');
  const headRow = table.append('thead').append('tr');
  const body = table.append('tbody');

  function render(data: QuarterReportsData): void {
    const columns = ['quarter', 'hash', 'anchored', ...data.departments.map((d) => `dept:${d}`), 'actions'];
    headRow.selectAll('th').data(['Quarter', 'Report hash on the ledger', 'Anchored', ...data.departments, '']).join('th').text((h) => h);
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
