/**
 * A case's ledger history told as who did what: each ledger transaction of the case compared
 * with the one before it. The ledger stores whole case states; reviewers want "PBOC
 * (pboc.reviewer) confirmed", so the difference between consecutive states is named here.
 */
import type { CaseStatus, Decision } from '../../core/src/domain/alert.js';
import type { Department } from '../../core/src/domain/departments.js';
import type { CaseHistoryEntry, Opinion, ReviewCase } from '../../core/src/ledger/contract-model.js';

export type CaseAction = 'opened' | 'opinion' | 'widened' | 'escalated' | 'updated';

/** One ledger transaction of a case, as the dashboard lists it. */
export interface CaseHistoryItem {
  txId: string;
  timestamp: string;
  /** The case status after this transaction. */
  status: CaseStatus;
  action: CaseAction;
  /** The department that acted (the opener, the opinion's department, the one added). */
  department?: Department;
  /** The acting user, when the ledger recorded one. */
  by?: string;
  decision?: Decision;
  escalationReason?: 'disagreement' | 'deadline';
}

const sameOpinion = (a: Opinion | undefined, b: Opinion | undefined): boolean =>
  a?.decision === b?.decision && a?.commentHash === b?.commentHash && a?.at === b?.at;

/** What changed from `before` (undefined for the first transaction) to `after`. */
export function describeCaseChange(before: ReviewCase | undefined, after: ReviewCase, txId: string, timestamp: string): CaseHistoryItem {
  const base = { txId, timestamp, status: after.status };
  if (!before) return { ...base, action: 'opened', ...(after.openedBy ? { department: after.openedBy } : {}) };
  const changed = (Object.values(after.opinions) as (Opinion | undefined)[])
    .filter((o): o is Opinion => o !== undefined && !sameOpinion(before.opinions[o.department], o));
  const opinion = changed.find((o) => o.txId === txId) ?? changed[0];
  if (opinion) {
    return { ...base, action: 'opinion', department: opinion.department, decision: opinion.decision, ...(opinion.by ? { by: opinion.by } : {}) };
  }
  const added = after.departments.find((d) => !before.departments.includes(d));
  if (added) return { ...base, action: 'widened', department: added };
  if (after.status === 'escalated' && before.status !== 'escalated') {
    return { ...base, action: 'escalated', ...(after.escalationReason ? { escalationReason: after.escalationReason } : {}) };
  }
  return { ...base, action: 'updated' };
}

/** The whole history, oldest first. */
export function describeCaseHistory(history: readonly CaseHistoryEntry[]): CaseHistoryItem[] {
  return history.map((entry, i) => describeCaseChange(history[i - 1]?.value, entry.value, entry.txId, entry.timestamp));
}
