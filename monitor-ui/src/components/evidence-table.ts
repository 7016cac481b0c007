/**
 * The records a case rests on, in event order; rows keyed by institution and record id.
 * Counterparty codes (GB/T 4754 sector, MCC) are shown with their names.
 */
import { select } from 'd3';
import type { EvidenceRecord } from '../data/index.js';
import type { I18n } from '../i18n/index.js';
import { createElement, type Component } from './component.js';
import { shortPseudonym } from './format.js';

export interface EvidenceTableData {
  evidence: readonly EvidenceRecord[];
}

interface Column {
  title: string;
  className?: string;
  value: (r: EvidenceRecord) => string;
  full?: (r: EvidenceRecord) => string;
}

/** What the receiving party is, in words: sector, merchant category, country. */
export function counterpartyOf(r: EvidenceRecord, i18n: I18n): string {
  const parts = [r.toSector && i18n.sector(r.toSector), r.toMcc && i18n.mcc(r.toMcc), r.toCountry && i18n.m.countryValue(r.toCountry)];
  return parts.filter(Boolean).join(' · ') || '—';
}

function columnsOf(i18n: I18n): Column[] {
  const { m } = i18n;
  return [
    { title: `${m.evTime} (${i18n.zoneLabel})`, value: (r) => i18n.dateTime(r.ts) },
    { title: m.evRole, value: (r) => i18n.evidenceRole(r.role) },
    { title: m.evType, value: (r) => i18n.recordType(r.type) },
    { title: m.evInstitution, value: (r) => r.institution },
    { title: m.evRecordId, className: 'mono', value: (r) => r.txId },
    { title: m.evFrom, className: 'mono', value: (r) => shortPseudonym(r.from), full: (r) => r.from },
    { title: m.evTo, className: 'mono', value: (r) => shortPseudonym(r.to), full: (r) => r.to },
    { title: m.evCounterparty, className: 'wrap', value: (r) => counterpartyOf(r, i18n) },
    { title: m.evAmount, className: 'num', value: (r) => i18n.amount(r.amount) },
  ];
}

export function createEvidenceTable(initial: EvidenceTableData, i18n: I18n): Component<EvidenceTableData> {
  const columns = columnsOf(i18n);
  const element = createElement('div', 'table-scroll');
  element.tabIndex = 0;
  const table = select(element).append('table').attr('class', 'data-table evidence-table').attr('data-testid', 'evidence-table');
  table.append('thead').append('tr').selectAll('th').data(columns).join('th')
    .attr('scope', 'col').attr('class', (c) => c.className ?? null).text((c) => c.title);
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
      .data((r) => columns.map((c) => ({ c, r })))
      .join('td')
      .attr('class', ({ c }) => c.className ?? null)
      .attr('title', ({ c, r }) => (c.full ? c.full(r) : null))
      .text(({ c, r }) => c.value(r));
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
