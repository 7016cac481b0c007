import type { FastifyRequest } from 'fastify';
import type { AccessDirectory } from '../auth/session-store.js';
import type { UserSession } from '../../../core/src/domain/user-session.js';
import type { Institution } from '../../../core/src/domain/institution-registry.js';
import { AuthenticationError } from '../../../core/src/errors.js';

export const SESSION_COOKIE = 'suptech_session';

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  return undefined;
}

/** Reads one cookie without a cookie library (the session cookie is all we use). */
export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The logged-in department user of a request (bearer token or session cookie), or 401. */
export function requireUser(access: AccessDirectory, request: FastifyRequest): UserSession {
  const token = bearer(request) ?? cookieValue(request.headers.cookie, SESSION_COOKIE);
  const session = access.session(token);
  // A token that no longer opens a session is told apart from none: the user logged in once.
  if (!session && token) throw new AuthenticationError('your session has ended (logged out, expired, or the user was removed): log in again with POST /api/v1/session');
  if (!session) throw new AuthenticationError('log in first: POST /api/v1/session, then send the token as Authorization: Bearer');
  return session;
}

/** The reporting institution of a request's API key, or 401. */
export function requireInstitution(access: AccessDirectory, request: FastifyRequest): Institution {
  const institution = access.institutionOfKey(bearer(request));
  if (!institution) throw new AuthenticationError('an institution API key is required: Authorization: Bearer <key>');
  return institution;
}
