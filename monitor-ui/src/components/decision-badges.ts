/**
 * Small per-department badges saying which routed departments have decided a case and how:
 * code, icon and colour, with the decision spelled out for screen readers and in the tooltip.
 * Shared by the alert stream, the queue and the case header; keyed by department.
 */
import type { Selection } from 'd3';
import type { Alert, CaseView, Decision, Department } from '../data/index.js';
import type { I18n } from '../i18n/index.js';
import { DECISION_ICONS } from './format.js';

/** The order departments are always shown in, wherever they are listed. */
export const DEPARTMENT_ORDER: readonly Department[] = ['PBOC', 'NFRA', 'SAMR', 'CAC', 'SAFE'];

export function inDepartmentOrder<D extends Department>(departments: readonly D[]): D[] {
  return [...departments].sort((a, b) => DEPARTMENT_ORDER.indexOf(a) - DEPARTMENT_ORDER.indexOf(b));
}

export interface DepartmentDecision {
  department: Department;
  decision: Decision | 'pending';
  at?: string;
}

/**
 * Each routed department's decision. Without the case view (a backlog row whose case has not
 * been seen live) only a closed status tells: everyone agreed on it.
 */
export function decisionsOf(alert: Pick<Alert, 'departments' | 'status' | 'decisions'>, caseView?: CaseView): DepartmentDecision[] {
  // One fixed order on every row, so a department's badge is always in the same place.
  const departments = inDepartmentOrder(caseView?.departments ?? alert.departments);
  return departments.map((department) => {
    const opinion = caseView?.opinions.find((o) => o.department === department);
    if (opinion) return { department, decision: opinion.decision, at: opinion.at };
    // The alert mirrors the case's decisions, so a backlog row needs no case fetch.
    const mirrored = alert.decisions?.[department];
    if (mirrored) return { department, decision: mirrored };
    if (!caseView && alert.status === 'confirmed') return { department, decision: 'confirm' };
    if (!caseView && alert.status === 'dismissed') return { department, decision: 'dismiss' };
    return { department, decision: 'pending' };
  });
}

/** Renders the badges into `parent` with a keyed join (one `span` per department). */
export function joinDecisionBadges<P extends Element>(
  parent: Selection<P, unknown, null, undefined> | Selection<P, unknown, Element, unknown>,
  decisions: DepartmentDecision[],
  i18n: I18n,
): void {
  const describe = (d: DepartmentDecision): string =>
    `${d.department}: ${i18n.decision(d.decision)}${d.at ? ` · ${i18n.dateTimeZoned(d.at)}` : ''}`;
  const badges = (parent as Selection<P, unknown, null, undefined>)
    .selectAll<HTMLSpanElement, DepartmentDecision>('span.dept-badge')
    .data(decisions, (d) => d.department)
    .join((enter) => {
      const span = enter.append('span');
      span.append('span').attr('class', 'badge-icon').attr('aria-hidden', 'true');
      span.append('span').attr('class', 'badge-code');
      span.append('span').attr('class', 'visually-hidden badge-decision');
      return span;
    })
    .attr('class', (d) => `dept-badge decision-${d.decision}`)
    .attr('data-testid', 'dept-badge')
    .attr('data-department', (d) => d.department)
    .attr('data-decision', (d) => d.decision)
    .attr('title', describe);
  badges.select('.badge-icon').text((d) => DECISION_ICONS[d.decision] ?? '');
  badges.select('.badge-code').text((d) => d.department);
  badges.select('.badge-decision').text((d) => ` ${i18n.decision(d.decision)}`);
}
