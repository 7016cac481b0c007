/**
 * The body sections of the rendered report: alerts, joint review, the meeting's agenda.
 * Every figure is read from the hashed content; suppressed cells print as a marker.
 */
import type { ProtectedCell } from './disclosure-control.js';
import type { AlertFigures, QuarterlyReportContent, TrendRow } from './quarterly-report.js';
import { CHART_COLORS, columnChart, horizontalBarChart, rangeDotChart, shareBar } from './report-charts.js';
import { DEPARTMENTS } from '../../../core/src/domain/departments.js';
import { durationUnit, escapeHtml as h, formatAmount, formatDuration, millions } from './report-format.js';
import type { ReportWords } from './report-words.js';
import { dateOfInstant } from './reporting-quarter.js';

/**
 * A heading with its table or figure and their notes, kept on one page when it fits: a page
 * break may fall between blocks, never between a table and the note that explains it.
 */
const keep = (...parts: string[]): string => `<div class="keep">${parts.join('')}</div>`;

const suppressedCell = (w: ReportWords): string => `<td class="sup" title="${w.suppressedTitle}">${w.suppressed}</td>`;
/** `2026-07` in the report's language. */
const monthOf = (month: string, w: ReportWords): string => { const [y = '', m] = month.split('-'); return w.month(y, Number(m)); };
const td = (v: string | number): string => `<td class="num">${typeof v === 'number' ? v.toLocaleString('en-US') : v}</td>`;
const value = <V extends object>(c: ProtectedCell<V>): V | null => (c.suppressed === undefined ? c : null);
/** Department rows in the network's customary order rather than the content's alphabetical one. */
const inNetworkOrder = <T extends { key: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => DEPARTMENTS.indexOf(a.key as never) - DEPARTMENTS.indexOf(b.key as never));

function alertTable(rows: readonly ProtectedCell<AlertFigures>[], label: (key: string) => string, heading: string, w: ReportWords): string {
  const SUPPRESSED = suppressedCell(w);
  const body = rows.map((c) => {
    const v = value(c);
    return `<tr><td>${h(label(c.key))}</td>${v ? td(v.alerts) + td(formatAmount(v.amount)) + td(c.accounts ?? 0) : SUPPRESSED + SUPPRESSED + SUPPRESSED}</tr>`;
  }).join('');
  return `<table><thead><tr><th>${h(heading)}</th><th class="num">${w.colAlerts}</th><th class="num">${w.colAmountCny}</th><th class="num">${w.colAccounts}</th></tr></thead><tbody>${body}</tbody></table>`;
}

function trendCells(row: TrendRow, w: ReportWords): string {
  const SUPPRESSED = suppressedCell(w);
  const now = value(row.current);
  const before = value(row.previous);
  const change = now && before ? `${now.alerts - before.alerts >= 0 ? '+' : ''}${now.alerts - before.alerts}` : '—';
  return (before ? td(before.alerts) : SUPPRESSED) + (now ? td(now.alerts) : SUPPRESSED) + td(change)
    + (before ? td(formatAmount(before.amount)) : SUPPRESSED) + (now ? td(formatAmount(now.amount)) + td(row.current.accounts ?? 0) : SUPPRESSED + SUPPRESSED);
}

/** Section 2: alerts by typology (with the previous quarter), month, department and institution. */
export function alertsSection(c: QuarterlyReportContent, w: ReportWords): string {
  // Typologies without a published alert in either quarter stay in the tables, not in the chart.
  const charted = c.trends.byTypology.filter((r) => r.current.suppressed !== undefined || r.previous.suppressed !== undefined
    || (value(r.current)?.alerts ?? 0) > 0 || (value(r.previous)?.alerts ?? 0) > 0);
  const byTypology = charted.map((r) => ({
    label: w.typology(r.key), value: value(r.current)?.alerts ?? null, compare: value(r.previous)?.alerts ?? null,
  }));
  const months = c.alertsByMonth.map((m) => ({ label: monthOf(m.key, w), value: value(m)?.alerts ?? null }));
  const amounts = c.alertsByMonth.map((m) => ({ label: monthOf(m.key, w), value: value(m) ? millions(value(m)!.amount) : null }));
  const trendRows = c.trends.byTypology.map((r) => `<tr><td>${h(w.typology(r.key))}</td>${trendCells(r, w)}</tr>`).join('');
  const q = h(c.quarter);
  const p = h(c.previousQuarter);
  return `<h2>${w.alertsHeading}</h2>
<figure>${horizontalBarChart('chart-typology', w.chartTypology, byTypology, { legend: [c.quarter, c.previousQuarter] })}
<figcaption>${w.fig1(q, p, charted.length < c.trends.byTypology.length)}</figcaption></figure>
${keep(`<h3>${w.byTypologyHeading}</h3>
<table><thead><tr><th>${w.colTypology}</th><th class="num">${w.colAlertsIn(p)}</th><th class="num">${w.colAlertsIn(q)}</th><th class="num">${w.colChange}</th><th class="num">${w.colAmountIn(p)}</th><th class="num">${w.colAmountIn(q)}</th><th class="num">${w.colAccountsIn(q)}</th></tr></thead>
<tbody>${trendRows}<tr class="total"><td>${w.allTypologies}</td>${trendCells(c.trends.total, w)}</tr></tbody></table>`)}
<div class="grid2"><figure>${columnChart('chart-month', w.chartMonth, months)}<figcaption>${w.fig2}</figcaption></figure>
<figure>${columnChart('chart-month-amount', w.chartMonthAmount, amounts)}<figcaption>${w.fig3}</figcaption></figure></div>
${keep(`<h3>${w.byMonthHeading}</h3>`, alertTable(c.alertsByMonth, (k) => monthOf(k, w), w.colMonth, w))}
${keep(`<h3>${w.byDepartmentHeading}</h3>`, alertTable(inNetworkOrder(c.alertsByDepartment), (k) => `${k} — ${w.department(k)}`, w.colDepartment, w),
    `<p class="footnote">${w.byDepartmentNote}</p>`)}
${keep(`<h3>${w.byInstitutionHeading}</h3>`, alertTable(c.alertsByInstitution, (k) => k, w.colInstitution, w),
    `<p class="footnote">${w.byInstitutionNote}</p>`)}`;
}

/** Section 3: cases by outcome, time to decision per department, institutions with the most confirmed cases. */
export function reviewSection(c: QuarterlyReportContent, w: ReportWords): string {
  const SUPPRESSED = suppressedCell(w);
  const colors: Record<string, string> = { confirmed: CHART_COLORS.confirmed, dismissed: CHART_COLORS.dismissed, escalated: CHART_COLORS.escalated, open: CHART_COLORS.open };
  const outcomes = c.casesByOutcome.map((o) => ({ label: w.outcome[o.key] ?? o.key, value: value(o)?.cases ?? null, color: colors[o.key] ?? '#777' }));
  const outcomeRows = c.casesByOutcome.map((o) => `<tr><td>${h(w.outcome[o.key] ?? o.key)}</td>${value(o) ? td(value(o)!.cases) + td(o.accounts ?? 0) : SUPPRESSED + SUPPRESSED}</tr>`).join('');
  const departments = inNetworkOrder(c.decisionTimes);
  const unit = durationUnit(Math.max(0, ...departments.map((d) => value(d)?.p90Ms ?? 0)));
  const times = departments.map((d) => {
    const v = value(d);
    const scaled = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : x / unit.ms);
    return { label: d.key, median: scaled(v?.medianMs), p90: scaled(v?.p90Ms), note: v ? w.noDecisions : w.suppressedNote };
  });
  const timeRows = departments.map((d) => {
    const v = value(d);
    if (!v) return `<tr><td>${h(d.key)}</td>${SUPPRESSED.repeat(3)}</tr>`;
    return `<tr><td>${h(d.key)}</td>${td(v.decisions)}${td(v.medianMs === null ? '—' : formatDuration(v.medianMs))}${td(v.p90Ms === null ? '—' : formatDuration(v.p90Ms))}</tr>`;
  }).join('');
  const top = c.topInstitutions.listed.map((i, n) => `<tr><td>${n + 1}</td><td>${h(i.key)}</td>${td(value(i)?.confirmedCases ?? 0)}${td(i.accounts ?? 0)}</tr>`).join('')
    || `<tr><td colspan="4"><em>${w.topNone}</em></td></tr>`;
  return `<h2>${w.reviewHeading}</h2>
${keep(`<figure>${shareBar('chart-outcome', w.chartOutcome, outcomes)}<figcaption>${w.fig4}</figcaption></figure>
<table><thead><tr><th>${w.colOutcome}</th><th class="num">${w.colCases}</th><th class="num">${w.colAccounts}</th></tr></thead><tbody>${outcomeRows}</tbody></table>`)}
${keep(`<h3>${w.decisionHeading}</h3>
<figure>${rangeDotChart('chart-decision', w.chartDecision, times, unit.unit)}
<figcaption>${w.fig5}</figcaption></figure>
<table><thead><tr><th>${w.colDepartment}</th><th class="num">${w.colDecisions}</th><th class="num">${w.colMedian}</th><th class="num">${w.colP90}</th></tr></thead><tbody>${timeRows}</tbody></table>`)}
${keep(`<h3>${w.topHeading}</h3>`,
    `<table><thead><tr><th>${w.colRank}</th><th>${w.colInstitution}</th><th class="num">${w.colConfirmedCases}</th><th class="num">${w.colAccounts}</th></tr></thead><tbody>${top}</tbody></table>`,
    c.topInstitutions.notListed > 0 ? `<p class="footnote">${w.topMore(c.topInstitutions.notListed)}</p>` : '')}`;
}

/** Section 4: the escalated and overdue cases, as the joint meeting's agenda. */
export function agendaSection(c: QuarterlyReportContent, w: ReportWords): string {
  if (c.agenda.length === 0) return keep(`<h2>${w.agendaHeading}</h2><p>${w.agendaNone}</p>`);
  const SUPPRESSED = suppressedCell(w);
  const rows = c.agenda.map((a, n) => {
    const f = value(a.figures);
    const opinions = a.departments.map((d) => { const o = a.opinions.find((x) => x.department === d); return `${d}: ${o ? h(w.decision[o.decision] ?? o.decision) : w.none}`; }).join('<br>');
    return `<tr><td>${n + 1}</td><td class="mono">${h(a.caseId)}</td><td>${h(w.typology(a.typology))}<br><span class="footnote">${h(w.severity[a.severity] ?? a.severity)}</span></td>
<td class="agenda-reason">${h(w.agendaReason[a.reason] ?? a.reason)}</td><td>${opinions}</td><td>${h(a.institutions.join(', '))}</td>
<td class="num">${h(dateOfInstant(a.openedAt))}<br>${h(dateOfInstant(a.deadline))}</td>${f ? td(formatAmount(f.amount)) : SUPPRESSED}</tr>`;
  }).join('');
  // A section starts a new page only when it does not fit: the heading and introduction stay with the table's first rows.
  return `<h2>${w.agendaHeading}</h2>
<p class="lead">${w.agendaLead}</p>
<table><thead><tr><th>#</th><th>${w.colCase}</th><th>${w.colTypology}</th><th>${w.colWhy}</th><th>${w.colOpinions}</th><th>${w.colInstitutions}</th><th class="num">${w.colOpenedDeadline}</th><th class="num">${w.colAmount}</th></tr></thead><tbody>${rows}</tbody></table>`;
}
