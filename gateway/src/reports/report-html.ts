import { DEPARTMENTS } from '../../../core/src/domain/departments.js';
import { MIN_ACCOUNTS } from './disclosure-control.js';
import type { QuarterlyReport, QuarterlyReportContent } from './quarterly-report.js';
import { DEPARTMENT_NAMES, escapeHtml as h, formatAmount, formatInstant, millions } from './report-format.js';
import { agendaSection, alertsSection, reviewSection } from './report-sections.js';
import { REPORT_CSS } from './report-styles.js';
import { dateOfInstant, REPORTING_TIME_ZONE } from './reporting-quarter.js';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${Number(d)} ${MONTH_NAMES[Number(m) - 1] ?? m} ${y}`;
}

function periodText(c: QuarterlyReportContent): string {
  const lastDay = dateOfInstant(new Date(Date.parse(c.period.to) - 1).toISOString());
  return `${longDate(dateOfInstant(c.period.from))} – ${longDate(lastDay)}`;
}

/** Document control: the hash, the ledger anchor and every department's sign-off. */
function documentControl(report: QuarterlyReport): string {
  const { ledger } = report;
  const by = ledger.anchored ? ` by ${h(ledger.anchored.anchoredBy ?? '?')}, ${h(formatInstant(ledger.anchored.anchoredAt ?? '?'))}` : '';
  const anchor = !ledger.anchored ? 'Not yet anchored: the first sign-off anchors it.'
    : ledger.matchesAnchor ? `Anchored with this hash${by}`
      : `<strong>Another hash is anchored</strong>${by}: ${h(ledger.anchored.reportHash)} (the data changed since; departments that signed it signed that version)`;
  const rows = DEPARTMENTS.map((d) => {
    const s = ledger.signOffs.find((x) => x.department === d);
    return s
      ? `<tr><td><strong>${d}</strong> — ${h(DEPARTMENT_NAMES[d] ?? '')}</td>${ledger.matchesAnchor ? '<td class="signed">Signed off</td>' : '<td class="pending">Signed another version</td>'}<td>${h(s.by ?? '(department identity)')}</td><td>${h(formatInstant(s.at))}</td><td class="mono">${h(s.txId.slice(0, 16))}…</td></tr>`
      : `<tr><td><strong>${d}</strong> — ${h(DEPARTMENT_NAMES[d] ?? '')}</td><td class="pending">Pending</td><td></td><td></td><td></td></tr>`;
  }).join('');
  const version = report.version.kind === 'current'
    ? `Generated from the current data, ${h(formatInstant(report.generatedAt))}`
    : `The version signed on the ledger, generated ${h(formatInstant(report.generatedAt))}. ${report.version.currentHash === report.reportHash
      ? 'The current data give the same hash.'
      : `The data have changed since; regenerated now the hash would be ${h(report.version.currentHash)}.`}`;
  return `<table class="meta"><tbody>
<tr><th>Report hash (SHA-256 of the canonical figures)</th><td>${h(report.reportHash)}</td></tr>
<tr><th>Version</th><td>${version}</td></tr>
<tr><th>Ledger anchor</th><td>${anchor}</td></tr></tbody></table>
<h3>Sign-off by the departments</h3>
<table><thead><tr><th>Department</th><th>Status</th><th>Reviewer</th><th>Signed</th><th>Ledger transaction</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function keyFigures(c: QuarterlyReportContent): string {
  const s = c.summary.suppressed === undefined ? c.summary : null;
  const prev = c.trends.total.previous.suppressed === undefined ? c.trends.total.previous : null;
  const kpi = (label: string, v: string, d = ''): string => `<div class="kpi"><div class="l">${label}</div><div class="v">${v}</div><div class="d">${d}</div></div>`;
  const change = s && prev ? `${s.alerts - prev.alerts >= 0 ? '+' : ''}${s.alerts - prev.alerts} against ${h(c.previousQuarter)} (${prev.alerts})` : `${h(c.previousQuarter)}: suppressed or none`;
  const basis = c.basis.suppressed === undefined ? `${c.basis.records.toLocaleString('en-US')} records reported for the quarter` : 'records: suppressed';
  if (!s) return `<p>The quarter's alerts describe fewer than ${MIN_ACCOUNTS} accounts: every figure is suppressed.</p>`;
  const outcome = (key: string): string => {
    const cell = c.casesByOutcome.find((o) => o.key === key);
    return cell && cell.suppressed === undefined ? String(cell.cases) : 'suppressed&#8225;';
  };
  return `<div class="kpis">${kpi('Alerts', s.alerts.toLocaleString('en-US'), change)}${kpi('Amount involved', `${millions(s.amount).toFixed(1)} m`, `CNY ${formatAmount(s.amount)}`)}
${kpi('Confirmed cases', outcome('confirmed'), `dismissed: ${outcome('dismissed')} · open: ${outcome('open')}`)}${kpi('Escalated', outcome('escalated'), `${c.agenda.length} case(s) on the agenda`)}</div>
<p>In ${h(c.quarter)} the detection network raised <strong>${s.alerts}</strong> alerts involving <strong>CNY ${formatAmount(s.amount)}</strong> across <strong>${s.accounts}</strong> accounts, on the basis of ${basis}. Confirmed cases: ${outcome('confirmed')}; dismissed: ${outcome('dismissed')}; escalated: ${outcome('escalated')}; still open: ${outcome('open')}. Section 4 lists the cases for the joint meeting.</p>`;
}

function methodology(c: QuarterlyReportContent): string {
  return `<h2>5. Methodology and disclosure control</h2><ul class="methodology">
<li><strong>Quarter.</strong> An alert belongs to the quarter in which its earliest evidence record took place (the alert's <em>first event time</em>, <code>firstTs</code>), not the quarter in which it was raised or reviewed; late-reported records therefore land in the quarter of the underlying conduct. Quarters are calendar quarters in China Standard Time (${h(REPORTING_TIME_ZONE)}, UTC+08:00): ${h(c.period.from)} inclusive to ${h(c.period.to)} exclusive.</li>
<li><strong>Sources.</strong> Alerts, amounts, departments and institutions come from the shared analytics store; case outcomes, opinions and their times from the supervision ledger at the time of generation. The amount of an alert is its amount at risk; amounts are summed exactly in CNY.</li>
<li><strong>Cases.</strong> Each alert opens one joint-review case. Outcomes are the case status on the ledger. Time to decision runs from the case's opening on the ledger to the department's first confirm or dismiss (a request for information is not a decision); percentiles interpolate linearly between ranks.</li>
<li><strong>Disclosure control.</strong> No figure describing fewer than ${c.disclosure.minAccounts} distinct accounts is shown; such cells read <em>suppressed&#8225;</em>. Where a table's total is published, further cells are suppressed (smallest first) until the suppressed cells together describe at least ${c.disclosure.minAccounts} accounts, so that no suppressed figure can be recovered by subtraction. Accounts appear only as pseudonyms and are not listed in this report.</li>
<li><strong>Integrity.</strong> The report hash is the SHA-256 of the canonical JSON of the figures (format <code>${h(c.format)}</code>: keys sorted, fixed number formats, no generation time). Regenerating the report from the same data gives the same hash. The hash is anchored on the supervision ledger and each department's reviewer signs that hash off in a ledger transaction; this page and its sign-off table are renderings around the hashed figures.</li></ul>`;
}

/** The whole report as a standalone, print-ready HTML document (charts inline as SVG). */
export function renderReportHtml(report: QuarterlyReport): string {
  const c = report.content;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quarterly Joint Supervision Report ${h(c.quarter)}</title>
<meta name="report-hash" content="${h(report.reportHash)}"><style>${REPORT_CSS}</style></head><body><main>
<div class="banner">Restricted — for the members of the joint supervision network</div>
<header class="title"><div class="org">PBOC · NFRA · SAMR · CAC · SAFE — Joint Supervision Meeting</div>
<h1>Quarterly Joint Supervision Report</h1><div class="subtitle">${h(c.quarter.replace('Q', ' Q'))} · ${h(periodText(c))} (China Standard Time)</div></header>
<h2>1. Key figures</h2>${keyFigures(c)}
<h3>Document control</h3>${documentControl(report)}
${alertsSection(c)}${reviewSection(c)}${agendaSection(c)}${methodology(c)}
<footer class="generated">Generated ${h(report.generatedAt)} from the platform's shared data. Generation time and sign-offs are outside the hashed figures. &#8225; suppressed: the figure would describe fewer than ${c.disclosure.minAccounts} accounts.</footer>
</main></body></html>`;
}
