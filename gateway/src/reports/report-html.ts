import { DEPARTMENTS } from '../../../core/src/domain/departments.js';
import { MIN_ACCOUNTS } from './disclosure-control.js';
import type { QuarterlyReport, QuarterlyReportContent } from './quarterly-report.js';
import { escapeHtml as h, formatAmount, formatInstant, millions } from './report-format.js';
import { agendaSection, alertsSection, reviewSection } from './report-sections.js';
import { REPORT_CSS } from './report-styles.js';
import { reportWords, type ReportLocale, type ReportWords } from './report-words.js';
import { dateOfInstant, REPORTING_TIME_ZONE } from './reporting-quarter.js';

function longDate(isoDate: string, w: ReportWords): string {
  const [y = '', m, d] = isoDate.split('-');
  return w.longDate(y, Number(m), Number(d));
}

function periodText(c: QuarterlyReportContent, w: ReportWords): string {
  const lastDay = dateOfInstant(new Date(Date.parse(c.period.to) - 1).toISOString());
  return w.period(longDate(dateOfInstant(c.period.from), w), longDate(lastDay, w));
}

/** Document control: the hash, the ledger anchor and every department's sign-off. */
function documentControl(report: QuarterlyReport, w: ReportWords): string {
  const { ledger } = report;
  const by = ledger.anchored ? w.anchorBy(h(ledger.anchored.anchoredBy ?? '?'), h(formatInstant(ledger.anchored.anchoredAt ?? '?'))) : '';
  const anchor = !ledger.anchored ? w.notAnchored
    : ledger.matchesAnchor ? w.anchoredSame(by) : w.anchoredOther(by, h(ledger.anchored.reportHash));
  const rows = DEPARTMENTS.map((d) => {
    const s = ledger.signOffs.find((x) => x.department === d);
    return s
      ? `<tr><td><strong>${d}</strong> — ${h(w.department(d))}</td>${ledger.matchesAnchor ? `<td class="signed">${w.signedOff}</td>` : `<td class="pending">${w.signedOther}</td>`}<td>${h(s.by ?? w.departmentIdentity)}</td><td>${h(formatInstant(s.at))}</td><td class="mono">${h(s.txId.slice(0, 16))}…</td></tr>`
      : `<tr><td><strong>${d}</strong> — ${h(w.department(d))}</td><td class="pending">${w.pending}</td><td></td><td></td><td></td></tr>`;
  }).join('');
  const version = report.version.kind === 'current'
    ? w.versionCurrent(h(formatInstant(report.generatedAt)))
    : w.versionSigned(h(formatInstant(report.generatedAt)), report.version.currentHash === report.reportHash, h(report.version.currentHash));
  return `<table class="meta"><tbody>
<tr><th>${w.reportHash}</th><td>${h(report.reportHash)}</td></tr>
<tr><th>${w.version}</th><td>${version}</td></tr>
<tr><th>${w.ledgerAnchor}</th><td>${anchor}</td></tr></tbody></table>
<h3>${w.signOffHeading}</h3>
<table><thead><tr><th>${w.colDepartment}</th><th>${w.colStatus}</th><th>${w.colReviewer}</th><th>${w.colSigned}</th><th>${w.colLedgerTx}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function keyFigures(c: QuarterlyReportContent, w: ReportWords): string {
  const s = c.summary.suppressed === undefined ? c.summary : null;
  const prev = c.trends.total.previous.suppressed === undefined ? c.trends.total.previous : null;
  const kpi = (label: string, v: string, d = ''): string => `<div class="kpi"><div class="l">${label}</div><div class="v">${v}</div><div class="d">${d}</div></div>`;
  const change = s && prev ? w.changeAgainst(`${s.alerts - prev.alerts >= 0 ? '+' : ''}${s.alerts - prev.alerts}`, h(c.previousQuarter), prev.alerts) : w.prevSuppressed(h(c.previousQuarter));
  const basis = c.basis.suppressed === undefined ? w.basisRecords(c.basis.records.toLocaleString('en-US')) : w.basisSuppressed;
  if (!s) return w.allSuppressed(MIN_ACCOUNTS);
  const outcome = (key: string): string => {
    const cell = c.casesByOutcome.find((o) => o.key === key);
    return cell && cell.suppressed === undefined ? String(cell.cases) : w.suppressed;
  };
  return `<div class="kpis">${kpi(w.kpiAlerts, s.alerts.toLocaleString('en-US'), change)}${kpi(w.kpiAmount, w.millionsCny(millions(s.amount).toFixed(1)), w.cny(formatAmount(s.amount)))}
${kpi(w.kpiConfirmed, outcome('confirmed'), w.outcomeLine(outcome('dismissed'), outcome('open')))}${kpi(w.kpiEscalated, outcome('escalated'), w.onAgenda(c.agenda.length))}</div>
${w.summary(h(c.quarter), s.alerts, formatAmount(s.amount), s.accounts, basis, outcome('confirmed'), outcome('dismissed'), outcome('escalated'), outcome('open'))}`;
}

function methodology(c: QuarterlyReportContent, w: ReportWords): string {
  return `<h2>${w.methodologyHeading}</h2><ul class="methodology">
${w.methodology({ tz: h(REPORTING_TIME_ZONE), from: h(c.period.from), to: h(c.period.to), min: c.disclosure.minAccounts, format: h(c.format) })}</ul>`;
}

/**
 * The whole report as a standalone, print-ready HTML document (charts inline as SVG), in
 * English or Simplified Chinese: the same hashed figures, only the words differ.
 */
export function renderReportHtml(report: QuarterlyReport, locale: ReportLocale = 'en'): string {
  const c = report.content;
  const w = reportWords(locale);
  return `<!doctype html><html lang="${w.lang}"><head><meta charset="utf-8"><title>${w.title} ${h(c.quarter)}</title>
<meta name="report-hash" content="${h(report.reportHash)}"><style>${REPORT_CSS}</style></head><body><main>
<div class="banner">${w.banner}</div>
<header class="title"><div class="org">${w.org}</div>
<h1>${w.title}</h1><div class="subtitle">${h(w.quarterLabel(c.quarter))} · ${h(periodText(c, w))}</div></header>
<h2>${w.keyFigures}</h2>${keyFigures(c, w)}
<h3>${w.documentControl}</h3>${documentControl(report, w)}
${alertsSection(c, w)}${reviewSection(c, w)}${agendaSection(c, w)}${methodology(c, w)}
<footer class="generated">${w.footer(h(report.generatedAt), c.disclosure.minAccounts)}</footer>
</main></body></html>`;
}
