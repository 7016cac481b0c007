import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { AuthenticationError } from '../errors.js';
import { requireUser, SESSION_COOKIE } from '../http/request-identity.js';
import type { PlatformComponents } from '../platform-components.js';

const Login = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });

/** Department users' login, identity and logout. */
export const sessionRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access } = components;

  app.post<{ Body: Static<typeof Login> }>('/api/v1/session', {
    schema: { tags: ['session'], summary: 'Log in a department user', body: Login },
  }, async (request, reply) => {
    const session = await access.login(request.body.username, request.body.password);
    if (!session) throw new AuthenticationError('unknown username or wrong password');
    const maxAge = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
    void reply.header('set-cookie', `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`);
    return { token: session.token, username: session.username, department: session.department, role: session.role, expiresAt: session.expiresAt.toISOString() };
  });

  app.get('/api/v1/me', { schema: { tags: ['session'], summary: 'The logged-in user' } }, async (request) => {
    const { username, department, role, expiresAt } = requireUser(access, request);
    return { username, department, role, expiresAt: expiresAt.toISOString() };
  });

  app.delete('/api/v1/session', { schema: { tags: ['session'], summary: 'Log out' } }, async (request, reply) => {
    const session = requireUser(access, request);
    access.logout(session.token);
    void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return { loggedOut: true };
  });
};
