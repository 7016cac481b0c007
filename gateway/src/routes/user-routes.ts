import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireUser } from '../http/request-identity.js';
import type { PlatformComponents } from '../platform-components.js';

const NewUser = Type.Object({
  username: Type.String({ minLength: 3, maxLength: 64 }),
  role: Type.String({ maxLength: 16 }),
}, { additionalProperties: false });

/** A department admin manages the department's users. */
export const userRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, users } = components;

  app.get('/api/v1/users', { schema: { tags: ['users'], summary: "The admin's department's users" } }, async (request) =>
    ({ users: users.list(requireUser(access, request)) }));

  app.post<{ Body: Static<typeof NewUser> }>('/api/v1/users', {
    schema: { tags: ['users'], summary: 'Create a user in the admin\'s department (the password is shown once)', body: NewUser },
  }, async (request, reply) => {
    const created = await users.create(requireUser(access, request), request.body.username, request.body.role);
    return reply.status(201).send(created);
  });

  app.delete<{ Params: { username: string } }>('/api/v1/users/:username', {
    schema: { tags: ['users'], summary: 'Remove a user of the admin\'s department', params: Type.Object({ username: Type.String({ maxLength: 64 }) }) },
  }, async (request) => {
    await users.remove(requireUser(access, request), request.params.username);
    return { removed: request.params.username };
  });
};
