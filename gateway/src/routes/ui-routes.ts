import type { FastifyPluginAsync } from 'fastify';
import type { PlatformComponents } from '../platform-components.js';

/** Serves the bundled dashboard (monitor-ui) from memory. */
export const uiRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const files = components.ui;
  if (!files) return;
  const send = (path: string) => files.get(path);
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const index = send('/index.html');
    if (!index) return reply.status(404).send({ error: 'NOT_FOUND', message: 'dashboard not built' });
    return reply.type(index.contentType).header('cache-control', 'no-cache').send(index.body);
  });
  for (const [path, file] of files) {
    app.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply.type(file.contentType).header('cache-control', 'no-cache').send(file.body));
  }
};
