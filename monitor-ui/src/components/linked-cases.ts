/** Cases that share accounts with the one shown, as links, strongest first; keyed by case id. */
import { select } from 'd3';
import type { LinkedCase } from '../data/index.js';
import type { I18n } from '../i18n/index.js';
import { createElement, type Component } from './component.js';
import { shortPseudonym } from './format.js';

export interface LinkedCasesData {
  cases: readonly LinkedCase[];
}

export function createLinkedCases(initial: LinkedCasesData, i18n: I18n): Component<LinkedCasesData> {
  const { m } = i18n;
  const element = createElement('div', 'linked-cases', 'linked-cases');
  const list = createElement('ul', 'linked-list');
  const empty = createElement('p', 'empty-note', 'linked-empty');
  empty.textContent = m.linkedEmpty;
  element.append(list, empty);

  function render(data: LinkedCasesData): void {
    empty.hidden = data.cases.length > 0;
    const items = select(list).selectAll<HTMLLIElement, LinkedCase>('li')
      .data(data.cases, (c) => c.caseId)
      .join((enter) => {
        const li = enter.append('li').attr('data-testid', 'linked-case');
        li.append('a').attr('class', 'linked-link mono');
        li.append('span').attr('class', 'linked-what');
        li.append('span').attr('class', 'linked-accounts');
        return li;
      })
      .attr('data-case-id', (c) => c.caseId);
    items.select('a').attr('href', (c) => `#/cases/${encodeURIComponent(c.caseId)}`).text((c) => c.caseId);
    items.select('.linked-what').text((c) => ` ${i18n.typology(c.typology)} · ${i18n.status(c.status)} · `);
    items.select('.linked-accounts').text((c) => m.linkedShared(c.sharedAccounts.length))
      .attr('title', (c) => c.sharedAccounts.map(shortPseudonym).join(', '));
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
