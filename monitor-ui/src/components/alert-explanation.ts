/**
 * Why the alert fired: each condition that held, with its value and threshold, and how the
 * severity was reached. Reviewers decide on the grounds, so the grounds are on the page.
 */
import { select } from 'd3';
import type { Alert, AlertCondition, EvidenceRecord, SeverityBasis } from '../data/index.js';
import type { I18n } from '../i18n/index.js';
import { createElement, type Component } from './component.js';
import { shortPseudonym } from './format.js';

export interface AlertExplanationData {
  alert: Alert;
  severityBasis?: SeverityBasis;
  /** The evidence, from which a credit typology's traced share and path are read. */
  evidence?: readonly EvidenceRecord[];
}

/** For a loan traced to a sensitive-sector payment: the share of the loan that reached it, and the path of accounts. */
export function tracedFlow(evidence: readonly EvidenceRecord[]): { share: number; loan: EvidenceRecord; payment: EvidenceRecord; path: string[] } | undefined {
  const ordered = [...evidence].sort((a, b) => a.ts.localeCompare(b.ts));
  const loan = ordered.find((e) => e.role === 'loan');
  const payment = [...ordered].reverse().find((e) => e.role === 'sensitive_payment');
  if (!loan || !payment || Number(loan.amount) <= 0) return undefined;
  // Walk from the borrower along the hops, in time order, to the payer of the sensitive payment.
  const path = [loan.from, loan.to];
  for (const hop of ordered.filter((e) => e.role === 'hop')) if (hop.from === path.at(-1)) path.push(hop.to);
  if (path.at(-1) !== payment.from) path.push(payment.from);
  path.push(payment.to);
  return { share: Math.min(1, Number(payment.amount) / Number(loan.amount)), loan, payment, path };
}

/** The severity's reason in a sentence of the reader's language. */
export function severityReason(alert: Alert, basis: SeverityBasis | undefined, i18n: I18n): string {
  const { m } = i18n;
  if (!basis) return m.severityReason(i18n.severity(alert.severity), m.severityUnknown);
  const amount = i18n.amount(basis.amount);
  const band = basis.base === 'high' ? m.severityBandHigh(amount, i18n.amount(basis.highFrom))
    : basis.base === 'low' ? m.severityBandLow(amount, i18n.amount(basis.lowBelow))
      : m.severityBandMedium(amount, i18n.amount(basis.lowBelow), i18n.amount(basis.highFrom));
  const reason = basis.raisedBy > 0 ? `${band}; ${m.severityRaised(basis.raisedBy)}` : band;
  return m.severityReason(i18n.severity(alert.severity), reason);
}

export function createAlertExplanation(initial: AlertExplanationData, i18n: I18n): Component<AlertExplanationData> {
  const { m } = i18n;
  const element = createElement('div', 'alert-explanation', 'alert-explanation');
  const severity = createElement('p', 'severity-reason', 'severity-reason');
  const empty = createElement('p', 'empty-note', 'explanation-empty');
  empty.textContent = m.whyEmpty;
  const scroll = createElement('div', 'table-scroll');
  scroll.tabIndex = 0;
  const table = select(scroll).append('table').attr('class', 'data-table explanation-table');
  table.append('thead').append('tr').selectAll('th').data([m.whyCondition, m.whyValue, m.whyThreshold]).join('th')
    .attr('scope', 'col').text((h) => h);
  const body = table.append('tbody');
  const traced = createElement('p', 'traced-share', 'traced-share');
  const tracedPath = createElement('p', 'traced-path mono', 'traced-path');
  element.append(severity, traced, tracedPath, empty, scroll);
  const percent = new Intl.NumberFormat(i18n.locale === 'en' ? 'en-US' : 'zh-CN', { style: 'percent', maximumFractionDigits: 1 });

  function render(data: AlertExplanationData): void {
    severity.textContent = severityReason(data.alert, data.severityBasis, i18n);
    severity.dataset.severity = data.alert.severity;
    const flow = data.evidence ? tracedFlow(data.evidence) : undefined;
    traced.hidden = tracedPath.hidden = flow === undefined;
    if (flow) {
      // lender, borrower, …intermediates…, payee
      const hops = flow.path.length - 3;
      traced.textContent = m.tracedShare(percent.format(flow.share), i18n.amount(flow.loan.amount), i18n.amount(flow.payment.amount), Math.max(0, hops));
      tracedPath.textContent = `${m.tracedPath}: ${flow.path.map(shortPseudonym).join(' → ')}`;
      tracedPath.title = flow.path.join(' → ');
    }
    const conditions = data.alert.explanation ?? [];
    empty.hidden = conditions.length > 0;
    scroll.hidden = conditions.length === 0;
    const rows = body.selectAll<HTMLTableRowElement, AlertCondition>('tr')
      .data(conditions, (c) => c.condition)
      .join((enter) => {
        const tr = enter.append('tr').attr('data-testid', 'explanation-condition');
        tr.append('td').attr('class', 'wrap condition-text');
        tr.append('td').attr('class', 'num condition-value');
        tr.append('td').attr('class', 'num condition-threshold');
        return tr;
      })
      .attr('data-condition', (c) => c.condition);
    rows.select('.condition-text').text((c) => `✔ ${c.text}`).attr('title', (c) => c.condition);
    rows.select('.condition-value').text((c) => String(c.value));
    rows.select('.condition-threshold').text((c) => String(c.threshold));
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
