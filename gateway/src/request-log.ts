/**
 * One debug line per answered HTTP request instead of Fastify's two info lines: the demo
 * feed and the dashboards make hundreds of requests a minute, which at info would bury the
 * startup banner and every line that matters. Failures are still logged by the error handler.
 */
import type { FastifyInstance } from 'fastify';

export function logRequestsAtDebug(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({
      method: request.method, url: request.url.split('?')[0], statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime),
    }, 'request');
  });
}
