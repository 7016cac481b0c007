/**
 * The body sections of the rendered report: alerts, joint review, the meeting's agenda.
 * Every figure is read from the hashed content; suppressed cells print as a marker.
 */
import type { ProtectedCell } from './disclosure-control.js';
import type { AlertFigures, QuarterlyReportContent, TrendRow } from './quarterly-report.js';
import { CHART_COLORS, columnChart, horizontalBarChart, rangeDotChart, shareBar } from './report-charts.js';
import { DEPARTMENTS } from '../../../core/src/domain/departments.js';
import {
  AGENDA_REASONS, DEPARTMENT_NAMES, OUTCOME_NAMES, durationUnit, escapeHtml as h, formatAmount, formatDuration, millions, monthName, typologyName,
} from './report-format.js';
import { dateOfInstant } from './reporting-quarter.js';

/**
 * A heading with its table or figure and their notes, kept on one page when it fits: a page
 * break may fall between blocks, never between a table and the note that explains it.
 */
const keep = (...parts: string[]): string => `<div class="keep">${parts.join('')}</div>`;

export const SUPPRESSED = '<td class="sup" title="fewer than 5 accounts">suppressed&#8225;</td>';
const td = (v: string | number): string => `<td class="num">${typeof v === 'number' ? v.toLocaleString('en-US') : v}</td>`;
const value = <V extends object>(c: ProtectedCell<V>): V | null => (c.suppressed === undefined ? c : null);
/** Department rows in the network's customary order rather than the content's alphabetical one. */
const inNetworkOrder = <T extends { key: string }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => DEPARTMENTS.indexOf(a.key as never) - DEPARTMENTS.indexOf(b.key as never));

function alertTable(rows: readonly ProtectedCell<AlertFigures>[], label: (key: string) => string, heading: string): string {
  const body = rows.map((c) => {
    const v = value(c);
    return `<tr><td>${h(label(c.key))}</td>${v ? td(v.alerts) + td(formatAmount(v.amount)) + td(c.accounts ?? 0) : SUPPRESSED + SUPPRESSED + SUPPRESSED}</tr>`;
  }).join('');
  return `<table><thead><tr><th>${h(heading)}</th><th class="num">Alerts</th><th class="num">Amount involved (CNY)</th><th class="num">Accounts</th></tr></thead><tbody>${body}</tbody></table>`;
}

function trendCells(row: TrendRow): string {
  const now = value(row.current);
  const before = value(row.previous);
  const change = now && before ? `${now.alerts - before.alerts >= 0 ? '+' : ''}${now.alerts - before.alerts}` : '—';
  return (before ? td(before.alerts) : SUPPRESSED) + (now ? td(now.alerts) : SUPPRESSED) + td(change)
    + (before ? td(formatAmount(before.amount)) : SUPPRESSED) + (now ? td(formatAmount(now.amount)) + td(row.current.accounts ?? 0) : SUPPRESSED + SUPPRESSED);
}

/** Section 2: alerts by typology (with the previous quarter), month, department and institution. */
export function alertsSection(c: QuarterlyReportContent): string {
  // Typologies without a published alert in either quarter stay in the tables, not in the chart.
  const charted = c.trends.byTypology.filter((r) => r.current.suppressed !== undefined || r.previous.suppressed !== undefined
    || (value(r.current)?.alerts ?? 0) > 0 || (value(r.previous)?.alerts ?? 0) > 0);
  const byTypology = charted.map((r) => ({
    label: typologyName(r.key), value: value(r.current)?.alerts ?? null, compare: value(r.previous)?.alerts ?? null,
  }));
  const months = c.alertsByMonth.map((m) => ({ label: monthName(m.key), value: value(m)?.alerts ?? null }));
  const amounts = c.alertsByMonth.map((m) => ({ label: monthName(m.key), value: value(m) ? millions(value(m)!.amount) : null }));
  const trendRows = c.trends.byTypology.map((r) => `<tr><td>${h(typologyName(r.key))}</td>${trendCells(r)}</tr>`).join('');
  return `<h2>2. Alerts raised in the quarter</h2>
<figure>${horizontalBarChart('chart-typology', 'Alerts by typology, this quarter and the previous one', byTypology, { legend: [c.quarter, c.previousQuarter] })}
<figcaption>Figure 1. Alerts by typology, ${h(c.quarter)} against ${h(c.previousQuarter)}${charted.length < c.trends.byTypology.length ? '; typologies without alerts in either quarter are omitted' : ''}.</figcaption></figure>
${keep(`<h3>By typology, against the previous quarter</h3>
<table><thead><tr><th>Typology</th><th class="num">Alerts ${h(c.previousQuarter)}</th><th class="num">Alerts ${h(c.quarter)}</th><th class="num">Change</th><th class="num">Amount ${h(c.previousQuarter)}</th><th class="num">Amount ${h(c.quarter)}</th><th class="num">Accounts ${h(c.quarter)}</th></tr></thead>
<tbody>${trendRows}<tr class="total"><td>All typologies</td>${trendCells(c.trends.total)}</tr></tbody></table>`)}
<div class="grid2"><figure>${columnChart('chart-month', 'Alerts by month', months)}<figcaption>Figure 2. Alerts by month of first event.</figcaption></figure>
<figure>${columnChart('chart-month-amount', 'Amount involved by month, CNY million', amounts)}<figcaption>Figure 3. Amount involved by month (CNY million).</figcaption></figure></div>
${keep('<h3>By month of first event</h3>', alertTable(c.alertsByMonth, monthName, 'Month'))}
${keep('<h3>By department the alerts were routed to</h3>', alertTable(inNetworkOrder(c.alertsByDepartment), (k) => `${k} — ${DEPARTMENT_NAMES[k] ?? ''}`, 'Department'),
    '<p class="footnote">An alert routed to several departments counts once for each of them.</p>')}
${keep('<h3>By reporting institution</h3>', alertTable(c.alertsByInstitution, (k) => k, 'Institution'),
    '<p class="footnote">An alert resting on records of several institutions counts once for each of them.</p>')}`;
}

/** Section 3: cases by outcome, time to decision per department, institutions with the most confirmed cases. */
export function reviewSection(c: QuarterlyReportContent): string {
  const colors: Record<string, string> = { confirmed: CHART_COLORS.confirmed, dismissed: CHART_COLORS.dismissed, escalated: CHART_COLORS.escalated, open: CHART_COLORS.open };
  const outcomes = c.casesByOutcome.map((o) => ({ label: OUTCOME_NAMES[o.key] ?? o.key, value: value(o)?.cases ?? null, color: colors[o.key] ?? '#777' }));
  const outcomeRows = c.casesByOutcome.map((o) => `<tr><td>${h(OUTCOME_NAMES[o.key] ?? o.key)}</td>${value(o) ? td(value(o)!.cases) + td(o.accounts ?? 0) : SUPPRESSED + SUPPRESSED}</tr>`).join('');
  const departments = inNetworkOrder(c.decisionTimes);
  const unit = durationUnit(Math.max(0, ...departments.map((d) => value(d)?.p90Ms ?? 0)));
  const times = departments.map((d) => {
    const v = value(d);
    const scaled = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : x / unit.ms);
    return { label: d.key, median: scaled(v?.medianMs), p90: scaled(v?.p90Ms), note: v ? 'no decisions' : 'suppressed (<5 accounts)' };
  });
  const timeRows = departments.map((d) => {
    const v = value(d);
    if (!v) return `<tr><td>${h(d.key)}</td>${SUPPRESSED.repeat(3)}</tr>`;
    return `<tr><td>${h(d.key)}</td>${td(v.decisions)}${td(v.medianMs === null ? '—' : formatDuration(v.medianMs))}${td(v.p90Ms === null ? '—' : formatDuration(v.p90Ms))}</tr>`;
  }).join('');
  const top = c.topInstitutions.listed.map((i, n) => `<tr><td>${n + 1}</td><td>${h(i.key)}</td>${td(value(i)?.confirmedCases ?? 0)}${td(i.accounts ?? 0)}</tr>`).join('')
    || '<tr><td colspan="4"><em>No institution has confirmed cases describing at least 5 accounts.</em></td></tr>';
  return `<h2>3. Joint review of cases</h2>
${keep(`<figure>${shareBar('chart-outcome', 'Cases by outcome', outcomes)}<figcaption>Figure 4. Cases of the quarter's alerts by outcome on the ledger.</figcaption></figure>
<table><thead><tr><th>Outcome</th><th class="num">Cases</th><th class="num">Accounts</th></tr></thead><tbody>${outcomeRows}</tbody></table>`)}
${keep(`<h3>Time to decision per department</h3>
<figure>${rangeDotChart('chart-decision', 'Time from case opening to the department\'s first decision', times, unit.unit)}
<figcaption>Figure 5. Time from a case's opening to the department's first confirm or dismiss: median and 90th percentile.</figcaption></figure>
<table><thead><tr><th>Department</th><th class="num">Decisions</th><th class="num">Median</th><th class="num">90th percentile</th></tr></thead><tbody>${timeRows}</tbody></table>`)}
${keep('<h3>Institutions with the most confirmed cases</h3>',
    `<table><thead><tr><th>Rank</th><th>Institution</th><th class="num">Confirmed cases</th><th class="num">Accounts</th></tr></thead><tbody>${top}</tbody></table>`,
    c.topInstitutions.notListed > 0 ? `<p class="footnote">${c.topInstitutions.notListed} further institution(s) with confirmed cases are not listed (outside the top 10, or fewer than 5 accounts).</p>` : '')}`;
}

/** Section 4: the escalated and overdue cases, as the joint meeting's agenda. */
export function agendaSection(c: QuarterlyReportContent): string {
  if (c.agenda.length === 0) return keep('<h2>4. Agenda of the joint meeting</h2><p>No case of this quarter is escalated or overdue.</p>');
  const rows = c.agenda.map((a, n) => {
    const f = value(a.figures);
    const opinions = a.departments.map((d) => `${d}: ${a.opinions.find((o) => o.department === d)?.decision ?? '<em>none</em>'}`).join('<br>');
    return `<tr><td>${n + 1}</td><td class="mono">${h(a.caseId)}</td><td>${h(typologyName(a.typology))}<br><span class="footnote">${h(a.severity)}</span></td>
<td class="agenda-reason">${h(AGENDA_REASONS[a.reason] ?? a.reason)}</td><td>${opinions}</td><td>${h(a.institutions.join(', '))}</td>
<td class="num">${h(dateOfInstant(a.openedAt))}<br>${h(dateOfInstant(a.deadline))}</td>${f ? td(formatAmount(f.amount)) : SUPPRESSED}</tr>`;
  }).join('');
  // A section starts a new page only when it does not fit: the heading and introduction stay with the table's first rows.
  return `<h2>4. Agenda of the joint meeting</h2>
<p class="lead">Cases of the quarter's alerts that the routed departments could not close: escalated on the ledger (disagreement or no joint decision by the deadline), or still open past their deadline at the report's cut-off (the quarter's end, or the time of generation for a quarter still running). Ordered by severity, then by opening date.</p>
<table><thead><tr><th>#</th><th>Case</th><th>Typology</th><th>Why on the agenda</th><th>Opinions</th><th>Institutions</th><th class="num">Opened<br>Deadline</th><th class="num">Amount (CNY)</th></tr></thead><tbody>${rows}</tbody></table>`;
}
