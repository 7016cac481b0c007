import type { FastifyPluginAsync } from 'fastify';
import type { PlatformComponents } from '../platform-components.js';
import { requireUser } from '../http/request-identity.js';

/**
 * `GET /api/v1/health`: 200 with engine status once ready, 503 when an engine is down. A
 * platform that serves but is degraded otherwise (a typology lagging) answers 200 with
 * `status: 'degraded'` and says why: taking it out of service would not help.
 */
export const healthRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, config } = components;
  // Anyone may ask whether the platform is up; only a logged-in user (or, with
  // SUPTECH_HEALTH_DETAILS=public, anyone) learns record counts, sequence numbers, ledger
  // height, partition and which batches or typologies are in trouble.
  const mayReadDetails = (request: Parameters<typeof requireUser>[1]): boolean => {
    if (config.healthDetails === 'public') return true;
    try {
      requireUser(access, request);
      return true;
    } catch {
      return false;
    }
  };
  app.get('/api/v1/health', {
    schema: { tags: ['platform'], summary: 'Engine status (public: status and engines up or down; with a session: the details)' },
  }, async (request, reply) => {
    const health = await components.health();
    const engineDown = !health.analytics.ok || !health.ledger.ok;
    const answer = mayReadDetails(request) ? health
      : { status: health.status, analytics: { ok: health.analytics.ok }, ledger: { ok: health.ledger.ok } };
    return reply.status(engineDown ? 503 : 200).send(answer);
  });
};
