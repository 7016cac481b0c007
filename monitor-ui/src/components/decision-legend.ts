/** What the decision badges mean: each decision's icon, colour and name, once per page. */
import { createElement, type Component } from './component.js';
import type { I18n } from '../i18n/index.js';
import { DECISION_ICONS } from './format.js';

const ORDER = ['pending', 'confirm', 'dismiss', 'request_info'] as const;

export function createDecisionLegend(i18n: I18n): Component<undefined> {
  const element = createElement('div', 'decision-legend', 'decision-legend');
  const title = createElement('span', 'legend-title');
  title.textContent = `${i18n.m.legendTitle}:`;
  element.append(title);
  for (const decision of ORDER) {
    const item = createElement('span', `dept-badge decision-${decision} legend-badge`);
    item.dataset.decision = decision;
    const icon = createElement('span', 'badge-icon');
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = DECISION_ICONS[decision] ?? '';
    item.append(icon, i18n.decision(decision));
    element.append(item);
  }
  return { element, update() { /* static */ }, destroy() { element.remove(); } };
}
