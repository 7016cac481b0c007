/**
 * Keeps the logged-in session across reloads of the tab. The token also travels as the
 * gateway's `suptech_session` cookie (for report downloads); this copy feeds the
 * `Authorization` header and the socket handshake.
 */
import type { Session } from './contract.js';
import { parseSession } from './payload-guards.js';

const STORAGE_KEY = 'suptech.session';

/**
 * The stored session; `'expired'` when one was stored but has run out, so that the sign-in
 * page can say why it is shown instead of silently asking again.
 */
export function loadSession(storage: Storage = window.localStorage): Session | 'expired' | undefined {
  let stored: unknown;
  try {
    stored = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return undefined;
  }
  if (stored === null) return undefined;
  const session = parseSession(stored);
  if (!session || Date.parse(session.expiresAt) <= Date.now()) {
    storage.removeItem(STORAGE_KEY);
    return session ? 'expired' : undefined;
  }
  return session;
}

export function saveSession(session: Session, storage: Storage = window.localStorage): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(storage: Storage = window.localStorage): void {
  storage.removeItem(STORAGE_KEY);
}
