import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessDirectory } from '../auth/session-store.js';
import { requireUser } from './request-identity.js';

/**
 * Routes that authenticate otherwise or not at all: logging in and out, the public health
 * probe, ingestion (an institution's API key, checked by its own hook before its body), and
 * record proofs (an institution proves its own records with its key; users any record).
 */
const OWN_AUTHENTICATION: ReadonlySet<string> = new Set([
  'POST /api/v1/session', 'DELETE /api/v1/session', 'GET /api/v1/health', 'POST /api/v1/transactions',
  'GET /api/v1/transactions/:institution/:txId/proof',
]);

/**
 * Every other API route requires a department user's session before anything of the
 * request body is read or validated: an anonymous client gets its 401 at once, and its
 * connection is closed with the answer so that a large body costs the platform nothing.
 * The routes still read the session themselves (this hook only refuses early).
 */
export function requireUserBeforeBody(app: FastifyInstance, access: AccessDirectory): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    const route = request.routeOptions.url;
    if (route === undefined || !route.startsWith('/api/v1/')) return;
    if (OWN_AUTHENTICATION.has(`${request.method} ${route}`)) return;
    try {
      requireUser(access, request);
    } catch (error) {
      const bodyPending = request.headers['transfer-encoding'] !== undefined || (Number(request.headers['content-length']) || 0) > 0;
      if (bodyPending) {
        void reply.header('connection', 'close');
        reply.raw.once('finish', () => request.raw.pause());
      }
      throw error;
    }
  });
}
