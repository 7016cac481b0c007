/**
 * Cases that share accounts with a case: the same pseudonym in another alert's evidence is
 * the first lead an investigator follows (a mule account reused, a developer paid from
 * several loans). Only alerts the user may see are offered, most shared accounts first.
 */
import type { Alert, CaseStatus } from '../../core/src/domain/alert.js';
import type { UserSession } from '../../core/src/domain/user-session.js';
import type { AlertDocument } from './alert-store.js';
import { canSee } from './joint-review-service.js';

export interface LinkedCase {
  caseId: string;
  alertId: string;
  typology: Alert['typology'];
  status: CaseStatus;
  /** Pseudonyms the two cases have in common. */
  sharedAccounts: string[];
}

/** At most this many linked cases are listed (the strongest links first). */
export const MAX_LINKED = 20;

export function linkedCases(doc: AlertDocument, all: readonly AlertDocument[], user: Pick<UserSession, 'department' | 'role'>): LinkedCase[] {
  const mine = new Set(doc.accounts);
  return all
    .filter((other) => other.id !== doc.id && canSee(user, other))
    .map((other) => ({ other, shared: other.accounts.filter((a) => mine.has(a)) }))
    .filter(({ shared }) => shared.length > 0)
    .sort((a, b) => b.shared.length - a.shared.length || (a.other.raisedAt < b.other.raisedAt ? 1 : -1))
    .slice(0, MAX_LINKED)
    .map(({ other, shared }) => ({ caseId: other.caseId, alertId: other.id, typology: other.typology, status: other.status, sharedAccounts: shared.sort() }));
}
