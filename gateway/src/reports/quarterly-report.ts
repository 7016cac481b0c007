import { createHash } from 'node:crypto';
import type { CaseStatus, Decision, Severity } from '../../../core/src/domain/alert.js';
import type { Department } from '../../../core/src/domain/departments.js';
import { canonicalJson } from '../../../core/src/domain/canonical-json.js';
import type { ProtectedCell } from './disclosure-control.js';

/** Identifies the content's shape and the rules that computed it (part of the hash). */
export const REPORT_FORMAT = 'suptech.quarterly-report/1';

/** Alert counts and amounts of one cell (typology, department, institution, month). */
export interface AlertFigures {
  alerts: number;
  /** Sum of the alerts' amounts at risk, CNY, two decimals. */
  amount: string;
}

/** The quarter's totals; outcomes are read from `casesByOutcome`, where each is protected on its own. */
export interface SummaryFigures extends AlertFigures {
  cases: number;
}

/** Time from a case's opening to a department's first decision (confirm or dismiss). */
export interface DecisionTimeFigures {
  decisions: number;
  /** Milliseconds, rounded; linear-interpolation percentiles (R-7, as d3.quantile); null without decisions. */
  medianMs: number | null;
  p90Ms: number | null;
}

/** One line of a trend table: this quarter against the previous one. */
export interface TrendRow {
  key: string;
  current: ProtectedCell<AlertFigures>;
  previous: ProtectedCell<AlertFigures>;
}

/** A case for the joint meeting: escalated on the ledger, or open past its deadline at the report's cut-off. */
export interface AgendaItem {
  caseId: string;
  alertId: string;
  typology: string;
  severity: Severity;
  status: CaseStatus;
  reason: 'disagreement' | 'deadline_passed' | 'overdue_at_cut_off';
  departments: Department[];
  opinions: { department: Department; decision: Decision }[];
  institutions: string[];
  openedAt: string;
  deadline: string;
  /** Amount and account count, unless the case describes fewer accounts than the threshold. */
  figures: ProtectedCell<{ amount: string }>;
}

/**
 * The hashed part of the quarterly joint report: figures only, each list in a fixed
 * order, amounts as two-decimal strings and durations as integer milliseconds. It holds
 * no generation time and nothing from the ledger's report anchor, so regenerating it from
 * the same data gives the same bytes and the same hash.
 */
export interface QuarterlyReportContent {
  format: typeof REPORT_FORMAT;
  quarter: string;
  previousQuarter: string;
  /** `cutOff`: the instant the report speaks of (overdue means past the deadline then). */
  period: { from: string; to: string; cutOff: string; timeZone: string; timeAxis: 'alert_first_event_time' };
  disclosure: { minAccounts: number };
  /** Records reported with an event time in the quarter, and the accounts they involve. */
  basis: ProtectedCell<{ records: number }>;
  summary: ProtectedCell<SummaryFigures>;
  alertsByTypology: ProtectedCell<AlertFigures>[];
  alertsByDepartment: ProtectedCell<AlertFigures>[];
  alertsByInstitution: ProtectedCell<AlertFigures>[];
  alertsByMonth: ProtectedCell<AlertFigures>[];
  casesByOutcome: ProtectedCell<{ cases: number }>[];
  decisionTimes: ProtectedCell<DecisionTimeFigures>[];
  /** Institutions ranked by confirmed cases (disclosable ones only), and how many were left out. */
  topInstitutions: { listed: ProtectedCell<{ confirmedCases: number }>[]; notListed: number };
  trends: { total: TrendRow; byTypology: TrendRow[] };
  agenda: AgendaItem[];
}

/** A department's sign-off as the ledger records it. */
export interface SignOffView {
  department: Department;
  at: string;
  txId: string;
  reportHash: string;
  /** The reviewer, when the ledger identity carried the user attribute. */
  by?: string;
}

/** Where the quarter's report stands on the ledger (outside the hashed content). */
export interface ReportLedgerStatus {
  anchored: { reportHash: string; anchoredBy?: string; anchoredAt?: string } | null;
  /** Whether the anchored hash is this report's hash. */
  matchesAnchor: boolean;
  signOffs: SignOffView[];
  /** Departments that have not signed this report's hash. */
  pending: Department[];
}

/**
 * Which version a served report is: `current`, generated now from the data; or `signed`,
 * the version whose hash the ledger fixed at its first sign-off (kept as a snapshot), with
 * the hash the current data give (equal while nothing has changed since).
 */
export type ReportVersion = { kind: 'current' } | { kind: 'signed'; currentHash: string };

/** The report as served: the content, its hash, and the non-hashed envelope. */
export interface QuarterlyReport {
  reportHash: string;
  content: QuarterlyReportContent;
  generatedAt: string;
  ledger: ReportLedgerStatus;
  version: ReportVersion;
}

/** SHA-256 of the content's canonical JSON. */
export function reportHashOf(content: QuarterlyReportContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
