/**
 * Shapes of the values the supervision contract stores and returns, as the gateway sees
 * them. The contract (chaincode/) is the authority; these mirror its canonical JSON.
 */
import type { Department } from '../domain/departments.js';
import type { CaseStatus, Decision } from '../domain/alert.js';

export interface BatchAnchor {
  batchId: string;
  merkleRoot: string;
  count: number;
  firstTs: string;
  lastTs: string;
  submittedBy?: Department;
  anchoredAt?: string;
}

export interface AlertRecord {
  alertId: string;
  alertHash: string;
  typology: string;
  ruleVersion: string;
  departments: Department[];
  version?: number;
  recordedBy?: Department;
  recordedAt?: string;
}

export interface Opinion {
  department: Department;
  decision: Decision;
  commentHash: string;
  at: string;
  txId: string;
  /** The acting user (`suptech.user` identity attribute), when the submission carried one. */
  by?: string;
}

export interface ReviewCase {
  caseId: string;
  alertId: string;
  departments: Department[];
  status: CaseStatus;
  opinions: Partial<Record<Department, Opinion>>;
  openedAt: string;
  deadline: string;
  closedAt?: string;
  updatedAt: string;
  /** Department whose identity opened the case. */
  openedBy?: Department;
  /** Why an `escalated` case was escalated. */
  escalationReason?: 'disagreement' | 'deadline';
}

export interface CaseHistoryEntry {
  txId: string;
  timestamp: string;
  value: ReviewCase;
}

export interface RuleSetAnchor {
  version: string;
  hash: string;
  anchoredBy?: Department;
  anchoredAt?: string;
}

export interface ReportAnchor {
  quarter: string;
  reportHash: string;
  anchoredBy?: Department;
  anchoredAt?: string;
  signOffs: Partial<Record<Department, { at: string; txId: string; reportHash: string; by?: string }>>;
}

/** Who did something to a list entry on the ledger, and when. */
export interface ListEntryAct {
  department: Department;
  by?: string;
  at: string;
  txId: string;
}

/** A negative- or allow-list entry as the contract keeps it (maker-checker: proposed, approved, withdrawn). */
export interface ListEntryRecord {
  entryId: string;
  list: 'negative' | 'allow';
  kind: 'account' | 'jurisdiction';
  value: string;
  typologies: string[];
  owner: Department;
  reasonHash: string;
  requiredApprovals: Department[];
  proposed: ListEntryAct;
  approvals: ListEntryAct[];
  withdrawn?: ListEntryAct;
  state: 'proposed' | 'active' | 'withdrawn';
}

/** The ledger's record of one entry of a case's discussion: its hash, not its text. */
export interface CaseNoteRecord {
  caseId: string;
  noteId: string;
  noteHash: string;
  department: Department;
  at: string;
  by?: string;
}
