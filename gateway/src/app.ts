import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { handleError } from './http/error-handler.js';
import { registerSecurity } from './http/security.js';
import { requireUserBeforeBody } from './http/user-authentication.js';
import { registerIngestRateLimit } from './http/ingest-rate-limit.js';
import { declareErrorAnswers } from './http/declared-errors.js';
import { RouteIndex } from './http/method-not-allowed.js';
import { requireInstitutionCertificates } from './http/institution-certificates.js';
import type { PlatformComponents } from './platform-components.js';
import { healthRoutes } from './routes/health-routes.js';
import { transactionRoutes } from './routes/transaction-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { alertRoutes } from './routes/alert-routes.js';
import { caseRoutes } from './routes/case-routes.js';
import { uiRoutes } from './routes/ui-routes.js';
import { userRoutes } from './routes/user-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { listRoutes } from './routes/list-routes.js';
import { institutionRoutes } from './routes/institution-routes.js';
import { exportRoutes } from './routes/export-routes.js';
import { triageRoutes } from './routes/triage-routes.js';
import { indicatorRoutes } from './routes/indicator-routes.js';
import { logRequestsAtDebug } from './request-log.js';

/**
 * The gateway's HTTP application, built from its components. It does not listen: the
 * server entry point does, and tests call `app.inject()` on the same app.
 */
export async function buildApp(components: PlatformComponents, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Requests are logged once each, at debug (request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    // On close, drop every connection rather than wait out keep-alive timeouts: a client
    // whose request was cut never got an acknowledgement and resends (ingestion is idempotent).
    forceCloseConnections: true,
    // Path parameters are bounded by each route's schema (a 400 naming the field); the router's
    // own bound (default 100) would answer 414 before the schema is consulted.
    routerOptions: { maxParamLength: 2048 },
    // verbose: a validation error carries its schema, so a refused pattern can be explained by the field's description.
    ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: 'array', verbose: true } },
    ...options,
  });
  app.setErrorHandler(handleError);
  logRequestsAtDebug(app);
  const routeIndex = new RouteIndex();
  routeIndex.watch(app);
  app.setNotFoundHandler(routeIndex.notFound);
  await registerSecurity(app);
  requireUserBeforeBody(app, components.access);
  declareErrorAnswers(app);
  if (components.config.tls?.clientCaFile) requireInstitutionCertificates(app, components.access);
  await registerIngestRateLimit(app, { access: components.access, perMinute: components.config.ingestRequestsPerKeyPerMinute });
  await app.register(swagger, {
    openapi: {
      info: { title: 'SupTech joint supervision platform', version: '0.1.0', description: 'Ingestion, alerts, joint review and reports.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  for (const routes of [healthRoutes, transactionRoutes, sessionRoutes, alertRoutes, exportRoutes, caseRoutes, triageRoutes, userRoutes, listRoutes, institutionRoutes, reportRoutes, indicatorRoutes, uiRoutes]) {
    await app.register(routes, { components });
  }
  return app;
}
