/** Counters of alerts per typology over the selected window: one card per typology, keyed. */
import { select } from 'd3';
import { createElement, type Component } from './component.js';
import type { I18n } from '../i18n/index.js';
import { TYPOLOGY_CATALOGUE, typologyColor } from './format.js';

export interface TypologyCountersData {
  totals: { typology: string; count: number }[];
  rangeLabel: string;
}

const CATALOGUE = TYPOLOGY_CATALOGUE;

export function createTypologyCounters(initial: TypologyCountersData, i18n: I18n): Component<TypologyCountersData> {
  const element = createElement('div', 'typology-counters', 'typology-counters');
  const total = createElement('div', 'counter counter-total');
  element.append(total);

  function render(data: TypologyCountersData): void {
    const counts = new Map(data.totals.map((t) => [t.typology, t.count]));
    // The whole catalogue in a fixed order, so cards never jump around as counts change.
    const typologies = [...CATALOGUE, ...[...counts.keys()].filter((t) => !CATALOGUE.includes(t))];
    const sum = data.totals.reduce((s, t) => s + t.count, 0);
    select(total).selectAll('*').remove();
    select(total).append('div').attr('class', 'counter-value').attr('data-testid', 'alert-total').text(i18n.count(sum));
    select(total).append('div').attr('class', 'counter-label').text(i18n.m.counterTotal(data.rangeLabel));

    const cards = select(element)
      .selectAll<HTMLDivElement, string>('div.counter-typology')
      .data(typologies, (t) => t)
      .join((enter) => {
        const card = enter.append('div').attr('class', 'counter counter-typology').attr('data-testid', 'typology-counter');
        card.append('div').attr('class', 'counter-value');
        card.append('div').attr('class', 'counter-label');
        return card;
      })
      .attr('data-typology', (t) => t)
      .style('--swatch', (t) => typologyColor(t))
      .classed('is-zero', (t) => (counts.get(t) ?? 0) === 0);
    cards.select('.counter-value').text((t) => i18n.count(counts.get(t) ?? 0));
    cards.select('.counter-label').text((t) => i18n.typology(t));
  }

  render(initial);
  return {
    element,
    update: render,
    destroy() { element.remove(); },
  };
}
