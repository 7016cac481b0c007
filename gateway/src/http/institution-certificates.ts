import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessDirectory } from '../auth/session-store.js';
import { AuthenticationError } from '../../../core/src/errors.js';

/**
 * Mutual TLS for reporting institutions (`SUPTECH_TLS_CLIENT_CA_FILE`): ingestion then needs,
 * besides the API key, a client certificate issued by the institutions' CA whose subject CN is
 * the key's institution code, so a leaked key alone sends nothing. Browsers of the departments
 * are not asked for one (the server requests certificates but does not refuse a handshake
 * without), and the refusal comes before the body is read.
 */
export function requireInstitutionCertificates(app: FastifyInstance, access: AccessDirectory): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' || request.routeOptions.url !== '/api/v1/transactions') return;
    const socket = request.raw.socket as Partial<TLSSocket>;
    const refuse = (message: string): never => {
      void reply.header('connection', 'close');
      reply.raw.once('finish', () => request.raw.pause());
      throw new AuthenticationError(message);
    };
    if (socket.authorized !== true || typeof socket.getPeerCertificate !== 'function') {
      refuse("a client certificate issued by the institutions' CA is required for ingestion");
      return;
    }
    const subject = socket.getPeerCertificate().subject as Record<string, string | string[] | undefined> | undefined;
    const cn = subject?.CN;
    const header = request.headers.authorization;
    const institution = access.institutionOfKey(typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined);
    if (institution && cn !== institution.code) refuse(`the client certificate is issued to ${String(cn)}, not to ${institution.code}`);
  });
}
