import { quantileSorted } from 'd3';
import { TYPOLOGY_IDS, type CaseStatus, type Severity } from '../../../core/src/domain/alert.js';
import { DEPARTMENTS } from '../../../core/src/domain/departments.js';
import { sumAmounts } from '../../../alerts/src/typologies/incident-of.js';
import { MIN_ACCOUNTS, protectCells, protectValue, type ProtectedCell, type RawCell } from './disclosure-control.js';
import type { AlertFact, CaseFact, QuarterFacts } from './quarter-facts.js';
import { monthOfInstant, REPORTING_TIME_ZONE, type ReportingQuarter } from './reporting-quarter.js';
import {
  REPORT_FORMAT, type AgendaItem, type AlertFigures, type DecisionTimeFigures, type QuarterlyReportContent, type SummaryFigures, type TrendRow,
} from './quarterly-report.js';

const OUTCOMES: readonly CaseStatus[] = ['confirmed', 'dismissed', 'escalated', 'open'];
const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
const TOP_INSTITUTIONS = 10;

const byKey = (a: { key: string }, b: { key: string }): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const accountsOf = (alerts: readonly AlertFact[]): Set<string> => new Set(alerts.flatMap((a) => a.accounts));
const figuresOf = (alerts: readonly AlertFact[]): AlertFigures => ({ alerts: alerts.length, amount: sumAmounts(alerts.map((a) => a.amount)) });

/** Alerts grouped by the keys `keysOf` gives each (an alert routed to two departments counts in both). */
function groupAlerts(alerts: readonly AlertFact[], keysOf: (a: AlertFact) => readonly string[], fixedKeys: readonly string[]): Map<string, AlertFact[]> {
  const groups = new Map<string, AlertFact[]>(fixedKeys.map((k) => [k, []]));
  for (const alert of alerts) {
    for (const key of keysOf(alert)) {
      const group = groups.get(key);
      if (group) group.push(alert);
      else groups.set(key, [alert]);
    }
  }
  return groups;
}

/** A protected breakdown of alerts; the whole-quarter total is published, so complementary suppression applies. */
export function alertBreakdown(
  alerts: readonly AlertFact[], keysOf: (a: AlertFact) => readonly string[], fixedKeys: readonly string[] = [],
): ProtectedCell<AlertFigures>[] {
  const cells: RawCell<AlertFigures>[] = [...groupAlerts(alerts, keysOf, fixedKeys)]
    .map(([key, group]) => ({ key, accounts: accountsOf(group), values: figuresOf(group) }));
  return protectCells(cells.sort(byKey), { complementary: true });
}

function statusOf(alert: AlertFact, cases: ReadonlyMap<string, CaseFact>): CaseStatus {
  return cases.get(alert.caseId)?.status ?? 'open';
}

function summaryOf(facts: QuarterFacts): ProtectedCell<SummaryFigures> {
  return protectValue('quarter', accountsOf(facts.alerts), { ...figuresOf(facts.alerts), cases: facts.alerts.filter((a) => facts.cases.has(a.caseId)).length });
}

function casesByOutcome(facts: QuarterFacts): ProtectedCell<{ cases: number }>[] {
  const groups = groupAlerts(facts.alerts, (a) => [statusOf(a, facts.cases)], OUTCOMES);
  return protectCells(OUTCOMES.map((key) => {
    const group = groups.get(key) ?? [];
    return { key, accounts: accountsOf(group), values: { cases: group.length } };
  }), { complementary: true });
}

/** Per department: time from case opening to its first decision, median and 90th percentile. */
export function decisionTimes(facts: QuarterFacts): ProtectedCell<DecisionTimeFigures>[] {
  return DEPARTMENTS.map((department) => {
    const decided = facts.alerts.flatMap((alert) => {
      const c = facts.cases.get(alert.caseId);
      const first = c?.firstDecisions.find((d) => d.department === department);
      return c && first ? [{ alert, ms: Date.parse(first.at) - Date.parse(c.openedAt) }] : [];
    });
    const sorted = decided.map((d) => d.ms).sort((a, b) => a - b);
    const values = {
      decisions: sorted.length,
      medianMs: sorted.length > 0 ? Math.round(quantileSorted(sorted, 0.5)!) : null,
      p90Ms: sorted.length > 0 ? Math.round(quantileSorted(sorted, 0.9)!) : null,
    };
    return protectValue(department, accountsOf(decided.map((d) => d.alert)), values);
  }).sort(byKey);
}

function topInstitutions(facts: QuarterFacts): QuarterlyReportContent['topInstitutions'] {
  const confirmed = facts.alerts.filter((a) => statusOf(a, facts.cases) === 'confirmed');
  const cells = [...groupAlerts(confirmed, (a) => a.institutions, [])]
    .map(([key, group]) => protectValue(key, accountsOf(group), { confirmedCases: group.length }));
  const listed = cells.filter((c) => c.suppressed === undefined)
    .sort((a, b) => (b.confirmedCases ?? 0) - (a.confirmedCases ?? 0) || byKey(a, b));
  return { listed: listed.slice(0, TOP_INSTITUTIONS), notListed: cells.length - Math.min(listed.length, TOP_INSTITUTIONS) };
}

function trends(current: readonly AlertFact[], previous: readonly AlertFact[]): QuarterlyReportContent['trends'] {
  const keys = [...new Set([...TYPOLOGY_IDS, ...current.map((a) => a.typology), ...previous.map((a) => a.typology)])].sort();
  const now = alertBreakdown(current, (a) => [a.typology], keys);
  const before = alertBreakdown(previous, (a) => [a.typology], keys);
  const row = (key: string): TrendRow => ({ key, current: now.find((c) => c.key === key)!, previous: before.find((c) => c.key === key)! });
  return {
    total: { key: 'total', current: protectValue('total', accountsOf(current), figuresOf(current)), previous: protectValue('total', accountsOf(previous), figuresOf(previous)) },
    byTypology: keys.map(row),
  };
}

/** Escalated cases, and cases still open past their deadline at the report's cut-off. */
function agenda(facts: QuarterFacts, cutOff: string): AgendaItem[] {
  const items = facts.alerts.flatMap((alert): AgendaItem[] => {
    const c = facts.cases.get(alert.caseId);
    if (!c) return [];
    const decisions = new Set(c.opinions.map((o) => o.decision).filter((d) => d !== 'request_info'));
    const disagreement = c.escalationReason ? c.escalationReason === 'disagreement' : decisions.size > 1;
    const reason = c.status === 'escalated' ? (disagreement ? 'disagreement' : 'deadline_passed')
      : c.status === 'open' && Date.parse(c.deadline) < Date.parse(cutOff) ? 'overdue_at_cut_off' : undefined;
    if (!reason) return [];
    return [{
      caseId: c.caseId, alertId: alert.alertId, typology: alert.typology, severity: alert.severity, status: c.status, reason,
      departments: c.departments, opinions: c.opinions.map(({ department, decision }) => ({ department, decision })),
      institutions: alert.institutions, openedAt: c.openedAt, deadline: c.deadline,
      figures: protectValue(c.caseId, new Set(alert.accounts), { amount: alert.amount }),
    }];
  });
  return items.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
    || (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0) || (a.caseId < b.caseId ? -1 : 1));
}

/**
 * The report's content from a quarter's facts and the previous quarter's (for trends).
 * Pure and deterministic: the same facts and cut-off give the same content. The cut-off is
 * the instant the report speaks of (the quarter's end, or earlier for a quarter still running).
 */
export function buildReportContent(
  quarter: ReportingQuarter, previous: ReportingQuarter, facts: QuarterFacts, previousFacts: QuarterFacts, cutOff: string = quarter.to,
): QuarterlyReportContent {
  const alerts = facts.alerts;
  return {
    format: REPORT_FORMAT,
    quarter: quarter.id,
    previousQuarter: previous.id,
    period: { from: quarter.from, to: quarter.to, cutOff, timeZone: REPORTING_TIME_ZONE, timeAxis: 'alert_first_event_time' },
    disclosure: { minAccounts: MIN_ACCOUNTS },
    basis: facts.recordAccounts >= MIN_ACCOUNTS || facts.recordAccounts === 0
      ? { key: 'records', accounts: facts.recordAccounts, records: facts.records }
      : { key: 'records', accounts: null, suppressed: 'fewer_than_min_accounts' },
    summary: summaryOf(facts),
    alertsByTypology: alertBreakdown(alerts, (a) => [a.typology], TYPOLOGY_IDS),
    alertsByDepartment: alertBreakdown(alerts, (a) => a.departments, DEPARTMENTS),
    alertsByInstitution: alertBreakdown(alerts, (a) => a.institutions),
    alertsByMonth: alertBreakdown(alerts, (a) => [monthOfInstant(a.firstTs)], quarter.months),
    casesByOutcome: casesByOutcome(facts),
    decisionTimes: decisionTimes(facts),
    topInstitutions: topInstitutions(facts),
    trends: trends(alerts, previousFacts.alerts),
    agenda: agenda(facts, cutOff),
  };
}
