/** The records a case rests on, in event order; rows keyed by institution and record id. */
import { select } from 'd3';
import type { EvidenceRecord } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { formatAmount, formatDateTime, shortPseudonym } from './format.js';

export interface EvidenceTableData {
  evidence: readonly EvidenceRecord[];
}

const COLUMNS: { title: string; className?: string; value: (r: EvidenceRecord) => string; full?: (r: EvidenceRecord) => string }[] = [
  { title: 'Time', value: (r) => formatDateTime(r.ts) },
  { title: 'Role', value: (r) => r.role.replace(/_/g, ' ') },
  { title: 'Type', value: (r) => r.type.replace(/_/g, ' ') },
  { title: 'Institution', value: (r) => r.institution },
  { title: 'Record id', className: 'mono', value: (r) => r.txId },
  { title: 'From', className: 'mono', value: (r) => shortPseudonym(r.from), full: (r) => r.from },
  { title: 'To', className: 'mono', value: (r) => shortPseudonym(r.to), full: (r) => r.to },
  { title: 'Counterparty', value: (r) => [r.toSector && `sector ${r.toSector}`, r.toMcc && `MCC ${r.toMcc}`, r.toCountry].filter(Boolean).join(' · ') || '—' },
  { title: 'Amount', className: 'num', value: (r) => formatAmount(r.amount) },
];

export function createEvidenceTable(initial: EvidenceTableData): Component<EvidenceTableData> {
  const element = createElement('div', 'table-scroll');
  const table = select(element).append('table').attr('class', 'data-table evidence-table').attr('data-testid', 'evidence-table');
  table.append('thead').append('tr').selectAll('th').data(COLUMNS).join('th')
    .attr('class', (c) => c.className ?? null).text((c) => c.title);
  const body = table.append('tbody');

  function render(data: EvidenceTableData): void {
    const records = [...data.evidence].sort((a, b) => a.ts.localeCompare(b.ts));
    body.selectAll<HTMLTableRowElement, EvidenceRecord>('tr')
      .data(records, (r) => `${r.institution}/${r.txId}`)
      .join('tr')
      .attr('data-testid', 'evidence-row')
      .attr('data-tx-id', (r) => r.txId)
      .attr('class', (r) => `role-${r.role}`)
      .selectAll('td')
      .data((r) => COLUMNS.map((c) => ({ c, r })))
      .join('td')
      .attr('class', ({ c }) => c.className ?? null)
      .attr('title', ({ c, r }) => (c.full ? c.full(r) : null))
      .text(({ c, r }) => c.value(r));
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
