/**
 * The shapes the dashboard receives. The live-event and alert types come from the gateway's
 * one typed contract (type-only imports: esbuild erases them, nothing of the server is bundled);
 * the REST payloads the contract does not cover yet are declared here, as the API answers them.
 */
import type { Alert, AlertCondition, CaseStatus, Decision, Severity, SeverityBasis, TypologyId } from '../../../core/src/domain/alert.js';
import type { Department, Role } from '../../../core/src/domain/departments.js';
import type { CaseDiscussionEntry, CaseView, OpinionView, ServerToClientEvents } from '../../../core/src/live/events.js';
import type { EvidenceRecord, EvidenceRole } from '../../../alerts/src/typology.js';

/** One entry of a case's discussion thread: the text off-chain, its hash on the ledger. */
export type DiscussionEntry = CaseDiscussionEntry;

export type {
  Alert, AlertCondition, CaseStatus, SeverityBasis, CaseView, Decision, Department, EvidenceRecord, EvidenceRole, OpinionView,
  Role, ServerToClientEvents, Severity, TypologyId,
};

/** The logged-in department user, as `POST /api/v1/session` answers it. */
export interface Session {
  token: string;
  username: string;
  department: Department;
  role: Role;
  expiresAt: string;
}

/** One ledger transaction in a case's history: who did what (the gateway names the change). */
export interface CaseHistoryEntry {
  txId: string;
  timestamp: string;
  status: string;
  action?: 'opened' | 'opinion' | 'widened' | 'escalated' | 'updated';
  department?: string;
  by?: string;
  decision?: string;
  escalationReason?: string;
}

/** Whether the alert's evidence is anchored: the Merkle proof checked against the ledger. */
export interface ProofStatus {
  verified: boolean;
  batchId?: string;
  blockNumber?: number;
}

/** `GET /api/v1/cases/:caseId`. */
export interface CaseDetail {
  case: CaseView;
  alert: Alert;
  evidence: EvidenceRecord[];
  history: CaseHistoryEntry[];
  proof: ProofStatus;
  /** How the severity was reached, when the gateway says. */
  severityBasis?: SeverityBasis;
  /** Other cases the user may see that share accounts with this one, strongest links first. */
  linkedCases?: LinkedCase[];
}

/** A case sharing accounts with the one shown. */
export interface LinkedCase {
  caseId: string;
  alertId: string;
  typology: string;
  status: CaseStatus;
  sharedAccounts: string[];
}

export type StatsBucket = 'minute' | 'hour' | 'day';

export interface StatsPoint {
  t: string;
  typology: string;
  count: number;
}

/** `GET /api/v1/alerts/stats`: alert counts by typology, bucketed. */
export interface AlertStats {
  series: StatsPoint[];
  totals: Record<string, number>;
}

/** One department's sign-off of a quarterly report, a ledger transaction. */
export interface ReportSignOff {
  department: string;
  at: string;
  txId: string;
  reportHash: string;
  by?: string;
}

/** One quarter in `GET /api/v1/reports`: the report hash anchored on the ledger and who signed it. */
export interface QuarterSummary {
  quarter: string;
  /** The anchored report, or null while no department has anchored one. */
  anchored: { reportHash: string; anchoredBy?: string; anchoredAt?: string } | null;
  signOffs: ReportSignOff[];
  /** Departments that have not signed the anchored hash (all of them when nothing is anchored). */
  pending: string[];
  /** First instant after the quarter (ISO); sign-off opens then. */
  endsAt?: string;
  /** Whether the quarter has ended by the gateway's clock. */
  ended?: boolean;
}


/** A department's own triage of a case: who handles it, and whether it has been seen. */
export interface CaseTriageState {
  assignee?: string;
  assignedBy?: string;
  assignedAt?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
}

/** `GET /api/v1/triage`. */
export interface TriageView {
  cases: Record<string, CaseTriageState>;
  /** Who in the department a case can be assigned to. */
  members: string[];
}
