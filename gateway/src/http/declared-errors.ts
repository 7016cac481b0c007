import type { FastifyInstance, RouteOptions } from 'fastify';
import { Type } from '@sinclair/typebox';

/** The body of every error answer (see error-handler.ts). */
export const ErrorAnswer = Type.Object({
  error: Type.String({ description: 'stable code, e.g. INVALID_INPUT, UNAUTHENTICATED, ACCESS_DENIED, NOT_FOUND, SATURATED' }),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'the field at fault, for INVALID_INPUT' })),
}, { $id: 'ErrorAnswer' });

/** Answers any API route may give besides its own (validation, authentication, Origin check, rate limits, engines). */
const ANSWERS: Readonly<Record<number, string>> = {
  400: 'invalid input; `field` names it',
  401: 'no valid session or API key',
  403: 'not allowed for this department or role, or a foreign Origin',
  404: 'not found, or not routed to the caller',
  409: 'the ledger refused: it holds something that conflicts',
  414: 'a path parameter beyond 2,048 characters',
  429: 'too many requests; see Retry-After',
  500: 'internal error (logged; nothing of the internals is said)',
  503: 'an engine is unavailable',
};

/** Routes that need no credentials at all. */
const PUBLIC: ReadonlySet<string> = new Set(['GET /api/v1/health', 'POST /api/v1/session']);

/**
 * Declares in every API route's schema the error answers the platform can give on any route,
 * with their common body, so that the OpenAPI document lists each status code a client can
 * meet (the routes declare their own particular ones, which are kept).
 */
export function declareErrorAnswers(app: FastifyInstance): void {
  app.addSchema(ErrorAnswer);
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/') || route.schema === undefined || (route.schema as { hide?: boolean }).hide) return;
    const declared = (route.schema.response ?? {}) as Record<string, unknown>;
    const added: Record<string, unknown> = {};
    // Declaring only errors would leave success undeclared: a route without its own success schema gets an open one.
    if (!Object.keys(declared).some((status) => status.startsWith('2'))) added['2xx'] = { description: 'success' };
    for (const [status, description] of Object.entries(ANSWERS)) {
      if (declared[status] === undefined) added[status] = { ...Type.Ref('ErrorAnswer'), description };
    }
    // A record deleted after anchoring is gone, not unknown.
    if (route.url.endsWith('/proof') && declared['410'] === undefined) added['410'] = { ...Type.Ref('ErrorAnswer'), description: 'the record was deleted after it was anchored' };
    // CSV exports answer text/csv on success (their errors stay JSON).
    if (route.url.endsWith('.csv')) {
      for (const status of Object.keys({ ...declared, ...added }).filter((s) => s.startsWith('2'))) {
        added[status] = { description: 'CSV with a header row', content: { 'text/csv': { schema: { type: 'string' } } } };
      }
    }
    // Routes open without a session say so, so that clients (and schemathesis) send none.
    const open = PUBLIC.has(`${String(route.method)} ${route.url}`) ? { security: [] } : {};
    route.schema = { ...route.schema, ...open, response: { ...declared, ...added } };
  });
}
