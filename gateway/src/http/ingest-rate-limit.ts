import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessDirectory } from '../auth/session-store.js';
import { PlatformError } from '../../../core/src/errors.js';

/** The route limited: ingestion, the only one an institution's key opens. */
const INGEST_ROUTE = 'POST /api/v1/transactions';

/**
 * Per-key rate limits on ingestion (`@fastify/rate-limit`): each institution's API key gets
 * `perMinute` requests a minute, so that one institution's sender (or a stolen key) cannot
 * take the whole intake; admission control (`admission-control.ts`) still bounds the work in
 * flight across all of them. A request without a known key counts against its address. The
 * limit is checked before the body is read, and answers `429` with `Retry-After`.
 */
export async function registerIngestRateLimit(app: FastifyInstance, options: Readonly<{ access: AccessDirectory; perMinute: number }>): Promise<void> {
  if (options.perMinute <= 0) return;
  const keyOf = (request: FastifyRequest): string => {
    const header = request.headers.authorization;
    const key = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const institution = options.access.institutionOfKey(key);
    return institution ? `institution:${institution.code}` : `address:${request.ip}`;
  };
  await app.register(rateLimit, {
    global: true,
    max: options.perMinute,
    timeWindow: 60_000,
    hook: 'onRequest',
    keyGenerator: keyOf,
    allowList: (request) => `${request.method} ${request.routeOptions.url ?? ''}` !== INGEST_ROUTE,
    errorResponseBuilder: (request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      request.log.warn({ key: keyOf(request), max: context.max }, 'ingestion rate limit reached');
      return new PlatformError('SATURATED', `this API key's limit of ${String(context.max)} requests a minute is reached: retry in ${String(seconds)} s`, { details: { retryAfterSeconds: seconds } });
    },
  });
}
