import type { FastifyPluginAsync } from 'fastify';
import type { PlatformComponents } from '../platform-components.js';

/** `GET /api/v1/health`: 200 with engine status once ready, 503 when an engine is down. */
export const healthRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  app.get('/api/v1/health', { schema: { tags: ['platform'], summary: 'Engine status' } }, async (_request, reply) => {
    const health = await components.health();
    return reply.status(health.status === 'ok' ? 200 : 503).send(health);
  });
};
