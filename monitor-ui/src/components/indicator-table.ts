/**
 * One indicator's figures, a row per institution (and corridor) and period, keyed by both:
 * value, threshold, change on the previous period, whether it is breached (or no longer),
 * the joint review it opened and the alerts behind it, each a link to its case.
 */
import { select } from 'd3';
import type { IndicatorValue } from '../../../alerts/src/indicators/indicator-value.js';
import type { IndicatorMessages } from '../i18n/indicator-messages.js';
import { createElement, type Component } from './component.js';

export interface IndicatorTableOptions {
  m: IndicatorMessages;
  format: (value: IndicatorValue, x: number | null) => string;
  /** The case page of a case id. */
  caseHref: (caseId: string) => string;
}

/** Alerts named after a case id: `A-<hex>` opens case `C-<hex>` (alert-factory.ts). */
const caseOfAlert = (alertId: string): string => `C-${alertId.slice(2)}`;
const ALERT_LINKS = 5;

const keyOf = (v: IndicatorValue): string => `${v.institution}\u0000${v.segment ?? ''}\u0000${v.period}`;

function stateOf(v: IndicatorValue, m: IndicatorMessages): { text: string; state: string } {
  if (v.breached) return { text: m.breachedBy(v.breaches.map((b) => m.breachKinds[b as 'level' | 'trend']).join(', ')), state: 'breached' };
  if (v.caseId) return { text: m.noLongerBreached, state: 'cleared' };
  if (!v.sufficientBase) return { text: m.baseTooSmall, state: 'insufficient' };
  return { text: m.withinThreshold, state: 'ok' };
}

export function createIndicatorTable(initial: readonly IndicatorValue[], options: Readonly<IndicatorTableOptions>): Component<readonly IndicatorValue[]> {
  const { m } = options;
  const element = createElement('div', 'indicator-table-wrap');
  const table = select(element).append('table').attr('class', 'data-table indicator-table').attr('data-testid', 'indicator-table');
  table.append('thead').append('tr').selectAll('th')
    .data([m.columnInstitution, m.columnPeriod, m.columnValue, m.columnThreshold, m.columnChange, m.columnState, m.columnCase])
    .join('th').attr('scope', 'col').text((t) => t);
  const body = table.append('tbody');

  function render(values: readonly IndicatorValue[]): void {
    const rows = body.selectAll<HTMLTableRowElement, IndicatorValue>('tr').data(values, keyOf).join('tr')
      .attr('data-testid', 'indicator-row').attr('data-institution', (v) => v.institution).attr('data-period', (v) => v.period)
      .attr('data-state', (v) => stateOf(v, m).state);
    rows.each(function (v) {
      const state = stateOf(v, m);
      const cells = [
        v.segment ? `${v.institution} · ${v.segment}` : v.institution, v.period, options.format(v, v.value), options.format(v, v.threshold),
        v.changePct === null ? '—' : m.trendRise(v.changePct.toFixed(1)), state.text,
      ];
      const tr = select(this);
      tr.selectAll<HTMLTableCellElement, string>('td.text').data(cells).join('td')
        .attr('class', (_d, i) => (i >= 2 && i <= 4 ? 'text num' : 'text')).text((d) => d);
      const links = tr.selectAll<HTMLTableCellElement, null>('td.links').data([null]).join('td').attr('class', 'links wrap');
      links.selectChildren().remove();
      if (v.caseId) {
        links.append('a').attr('href', options.caseHref(v.caseId)).attr('data-testid', 'indicator-case-link').text(m.openCase(v.caseId));
      }
      if (v.alertIds.length > 0) {
        const behind = links.append('div').attr('class', 'indicator-alerts').text(`${m.alertsBehind(v.alertIds.length)}: `);
        v.alertIds.slice(0, ALERT_LINKS).forEach((id, i) => {
          if (i > 0) behind.append('span').text(' ');
          behind.append('a').attr('href', options.caseHref(caseOfAlert(id))).attr('data-testid', 'indicator-alert-link').text(id);
        });
      }
    });
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
