import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AccessDeniedError } from '../../../core/src/errors.js';

/**
 * A page of another site may not act with a department user's session: a browser sends the
 * session cookie along with a cross-site request, and `Origin` is how the server tells. A
 * request that changes state and carries a foreign `Origin` is refused; clients that are not
 * browsers (institutions' uploaders, the CLI) send none.
 */
export function isForeignOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" (sandboxed frames, file:) and anything unparsable
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Security headers on every answer, and the same-origin rule for state-changing requests. */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The report's HTML carries its print stylesheet inline; d3 sets styles through the CSSOM.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS is sent always; browsers heed it only over HTTPS (behind the TLS-terminating proxy).
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (isForeignOrigin(request.headers.origin, request.headers.host)) {
      request.log.warn({ origin: request.headers.origin, url: request.url }, 'cross-origin request refused');
      throw new AccessDeniedError(`origin: ${request.headers.origin} is not this platform's origin`);
    }
  });
}
