/**
 * The one typed event contract between the socket.io server and the dashboards.
 * Payloads are still validated on receipt in the browser.
 */
import type { Alert, CaseStatus, Decision } from '../domain/alert.js';
import type { Department, Role } from '../domain/departments.js';

export interface OpinionView {
  department: Department;
  decision: Decision;
  commentHash: string;
  at: string;
  txId: string;
  /** The comment text, kept off-chain; present for users allowed to read the case. */
  comment?: string;
  by?: string;
}

/** A joint-review case as the dashboard sees it. */
export interface CaseView {
  caseId: string;
  alertId: string;
  departments: Department[];
  status: CaseStatus;
  opinions: OpinionView[];
  openedAt: string;
  deadline: string;
  closedAt?: string;
  /** Ledger transaction of the latest change of this case, and its block. */
  ledger: { txId: string; blockNumber: number };
}

/** One entry of a case's discussion: the text (off-chain) and the hash anchored on the ledger. */
export interface CaseDiscussionEntry {
  id: string;
  caseId: string;
  department: Department;
  username: string;
  role: Role;
  text: string;
  entryHash: string;
  ledgerTxId: string;
  at: string;
  /** A request for information addressed to this routed department (the `request_info` workflow). */
  askedDepartment?: Department;
  /** The request this entry answers (an entry of the same case asking the author's department). */
  replyTo?: string;
}

export interface ServerToClientEvents {
  /** A new alert routed to the receiver's department. */
  'alert:raised': (alert: Alert) => void;
  /** An alert whose evidence grew, or whose status changed. */
  'alert:updated': (alert: Alert) => void;
  /** A case changed on the ledger (opinion, widening, closing, escalation). */
  'case:updated': (c: CaseView) => void;
  /** A new entry in the discussion of a case routed to the receiver's department. */
  'case:discussion': (entry: CaseDiscussionEntry) => void;
}

export type ClientToServerEvents = Record<string, never>;

/** socket.io room of a department; auditors join every room. */
export function departmentRoom(department: Department): string {
  return `department:${department}`;
}
