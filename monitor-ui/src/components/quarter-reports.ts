/** The quarterly joint reports and each department's sign-off; rows keyed by quarter. */
import { select } from 'd3';
import type { QuarterSummary, Session } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { formatDateTime } from './format.js';

export interface QuarterReportsData {
  quarters: readonly QuarterSummary[];
  session: Session;
  departments: readonly string[];
}

export interface QuarterReportsOptions {
  reportUrl: (quarter: string) => string;
  onSignOff: (quarter: string) => void;
}

export function createQuarterReports(initial: QuarterReportsData, options: Readonly<QuarterReportsOptions>): Component<QuarterReportsData> {
  const element = createElement('div', 'table-scroll');
  const table = select(element).append('table').attr('class', 'data-table report-table').attr('data-testid', 'report-table');
  const headRow = table.append('thead').append('tr');
  const body = table.append('tbody');

  function render(data: QuarterReportsData): void {
    const headers = ['Quarter', 'Report hash', ...data.departments, ''];
    headRow.selectAll('th').data(headers).join('th').text((h) => h);
    const canSign = data.session.role === 'reviewer';
    const rows = body.selectAll<HTMLTableRowElement, QuarterSummary>('tr')
      .data([...data.quarters].sort((a, b) => b.quarter.localeCompare(a.quarter)), (q) => q.quarter)
      .join('tr')
      .attr('data-testid', 'report-row')
      .attr('data-quarter', (q) => q.quarter);
    rows.selectAll('td')
      .data((q) => ['quarter', 'hash', ...data.departments.map((d) => `dept:${d}`), 'actions'].map((col) => ({ q, col })))
      .join('td')
      .attr('class', ({ col }) => (col === 'hash' ? 'mono' : col.startsWith('dept:') ? 'signoff-cell' : null))
      .each(function ({ q, col }) {
        const cell = select(this);
        cell.selectAll('*').remove();
        if (col === 'quarter') {
          cell.append('a').attr('href', options.reportUrl(q.quarter)).attr('target', '_blank').attr('rel', 'noopener').text(q.quarter);
        } else if (col === 'hash') {
          cell.text(q.reportHash ? `${q.reportHash.slice(0, 16)}…` : 'not generated').attr('title', q.reportHash ?? null);
        } else if (col.startsWith('dept:')) {
          const signOff = q.signOffs[col.slice(5)];
          cell.append('span').attr('class', `dept-badge ${signOff ? 'decision-confirm' : 'decision-pending'}`)
            .attr('data-testid', 'report-signoff').attr('data-department', col.slice(5))
            .attr('title', signOff ? `signed ${formatDateTime(signOff.at)}${signOff.by ? ` by ${signOff.by}` : ''}` : 'not signed')
            .text(signOff ? 'signed' : '—');
        } else if (canSign && q.reportHash && !q.signOffs[data.session.department]) {
          cell.append('button').attr('class', 'button primary small').attr('data-testid', 'sign-off')
            .text(`Sign off for ${data.session.department}`)
            .on('click', () => { options.onSignOff(q.quarter); });
        }
      });
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
