/** Each routed department's opinion on a case and when it was recorded, keyed by department. */
import { select } from 'd3';
import type { CaseView, Department, OpinionView } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { inDepartmentOrder } from './decision-badges.js';
import type { I18n } from '../i18n/index.js';
import { DECISION_ICONS } from './format.js';

export interface DepartmentOpinionsData {
  caseView: CaseView;
}

interface Row {
  department: Department;
  opinion?: OpinionView;
}

export function createDepartmentOpinions(initial: DepartmentOpinionsData, i18n: I18n): Component<DepartmentOpinionsData> {
  const { m } = i18n;
  const element = createElement('ul', 'opinion-list', 'department-opinions');

  function render(data: DepartmentOpinionsData): void {
    const rows: Row[] = inDepartmentOrder(data.caseView.departments).map((department) => ({
      department, opinion: data.caseView.opinions.find((o) => o.department === department),
    }));
    const items = select(element).selectAll<HTMLLIElement, Row>('li')
      .data(rows, (r) => r.department)
      .join((enter) => {
        const li = enter.append('li');
        const head = li.append('div').attr('class', 'opinion-head');
        head.append('span').attr('class', 'opinion-department');
        const decision = head.append('span').attr('class', 'opinion-decision');
        decision.append('span').attr('class', 'badge-icon').attr('aria-hidden', 'true');
        decision.append('span').attr('class', 'decision-text');
        li.append('div').attr('class', 'opinion-meta');
        li.append('div').attr('class', 'opinion-comment');
        return li;
      })
      .attr('class', (r) => `opinion decision-${r.opinion?.decision ?? 'pending'}`)
      .attr('data-testid', 'department-opinion')
      .attr('data-department', (r) => r.department)
      .attr('data-decision', (r) => r.opinion?.decision ?? 'pending')
      .attr('data-tx-id', (r) => r.opinion?.txId ?? null);
    items.select('.opinion-department').text((r) => r.department).attr('title', (r) => i18n.department(r.department));
    items.select('.opinion-decision .badge-icon').text((r) => DECISION_ICONS[r.opinion?.decision ?? 'pending'] ?? '');
    items.select('.opinion-decision .decision-text').text((r) => i18n.decision(r.opinion?.decision ?? 'pending'));
    items.select('.opinion-meta').text((r) => {
      const o = r.opinion;
      if (!o) return m.opinionNone;
      const at = i18n.dateTimeZoned(o.at);
      return o.by ? m.opinionMetaBy(at, o.by, o.txId.slice(0, 12)) : m.opinionMeta(at, o.txId.slice(0, 12));
    });
    items.select('.opinion-comment').text((r) => r.opinion?.comment ?? '').attr('hidden', (r) => (r.opinion?.comment ? null : ''));
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
