/**
 * What awaits a department: open cases routed to it on which it has no decisive opinion yet
 * (none, or a request for information), oldest first. Read from the alerts' mirrored case
 * state, so the queue needs no ledger round trip per case. Auditors decide nothing.
 */
import type { UserSession } from '../../core/src/domain/user-session.js';
import type { AlertDocument } from './alert-store.js';

export function awaitingDepartment(alerts: readonly AlertDocument[], user: Pick<UserSession, 'department' | 'role'>): AlertDocument[] {
  if (user.role === 'auditor') return [];
  return alerts
    .filter((a) => a.departments.includes(user.department) && a.status === 'open')
    .filter((a) => { const d = a.decisions?.[user.department]; return d === undefined || d === 'request_info'; })
    .sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : 0));
}
