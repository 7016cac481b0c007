import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireUser } from '../http/request-identity.js';
import type { PlatformComponents } from '../platform-components.js';

const Code = Type.Object({ code: Type.String({ pattern: '^[A-Z0-9_]{1,64}$' }) });
type CodeParams = Static<typeof Code>;

/** Institutions' API keys: listed, rotated and revoked by the platform operator's admins. */
export const institutionRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, apiKeys } = components;

  app.get('/api/v1/institutions', { schema: { tags: ['institutions'], summary: "Reporting institutions and their keys' state (operator admins)" } }, async (request) => {
    return { institutions: apiKeys.list(requireUser(access, request)) };
  });

  app.post<{ Params: CodeParams }>('/api/v1/institutions/:code/api-key', {
    schema: { tags: ['institutions'], summary: 'Issue a new API key (shown once); the old one stops working at once', params: Code },
  }, async (request, reply) => {
    const issued = await apiKeys.rotate(requireUser(access, request), request.params.code);
    request.log.warn({ institution: issued.code }, 'institution API key rotated');
    return reply.status(201).header('cache-control', 'no-store').send(issued);
  });

  app.delete<{ Params: CodeParams }>('/api/v1/institutions/:code/api-key', {
    schema: { tags: ['institutions'], summary: "Revoke an institution's API key", params: Code },
  }, async (request) => {
    const institution = await apiKeys.revoke(requireUser(access, request), request.params.code);
    request.log.warn({ institution: institution.code }, 'institution API key revoked');
    return { institution };
  });
};
