/**
 * Keeps a case's ledger history current between reads: a `case:updated` event carries the
 * case's new state and the ledger transaction that made it, so the entry it adds is known
 * at once (and named by comparing with the state before) instead of after a reload.
 */
import type { CaseHistoryEntry, CaseView } from './contract.js';

/** The history with the transaction behind `after` appended, if it is not listed yet. */
export function withLiveEntry(history: readonly CaseHistoryEntry[], before: CaseView, after: CaseView): CaseHistoryEntry[] {
  const txId = after.ledger.txId;
  if (!txId || history.some((h) => h.txId === txId)) return [...history];
  const changed = after.opinions.find((o) => {
    const prior = before.opinions.find((p) => p.department === o.department);
    return !prior || prior.decision !== o.decision || prior.commentHash !== o.commentHash || prior.at !== o.at;
  });
  const added = after.departments.find((d) => !before.departments.includes(d));
  const timestamp = changed?.at ?? new Date().toISOString();
  const entry: CaseHistoryEntry = changed
    ? { txId, timestamp, status: after.status, action: 'opinion', department: changed.department, decision: changed.decision, ...(changed.by ? { by: changed.by } : {}) }
    : added
      ? { txId, timestamp, status: after.status, action: 'widened', department: added }
      : { txId, timestamp, status: after.status, action: after.status === 'escalated' ? 'escalated' : 'updated' };
  return [...history, entry];
}
