import type { FastifyPluginAsync } from 'fastify';
import type { PlatformComponents } from '../platform-components.js';

/**
 * `GET /api/v1/health`: 200 with engine status once ready, 503 when an engine is down. A
 * platform that serves but is degraded otherwise (a typology lagging) answers 200 with
 * `status: 'degraded'` and says why: taking it out of service would not help.
 */
export const healthRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  app.get('/api/v1/health', { schema: { tags: ['platform'], summary: 'Engine status' } }, async (_request, reply) => {
    const health = await components.health();
    const engineDown = !health.analytics.ok || !health.ledger.ok;
    return reply.status(engineDown ? 503 : 200).send(health);
  });
};
