import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { AuthenticationError, PlatformError } from '../../../core/src/errors.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { requireUser, SESSION_COOKIE } from '../http/request-identity.js';
import type { PlatformComponents } from '../platform-components.js';

const Login = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false });

/** Department users' login, identity and logout. */
export const sessionRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access } = components;
  const throttle = new LoginThrottle();

  app.post<{ Body: Static<typeof Login> }>('/api/v1/session', {
    schema: {
      tags: ['session'], summary: 'Log in a department user', body: Login,
      description: 'After 5 failed attempts for a username (or 30 from one address in 15 minutes), attempts are refused with 429 and Retry-After, before any password is checked.',
    },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const wait = throttle.retryAfterSeconds(username, request.ip);
    if (wait > 0) {
      request.log.warn({ username, ip: request.ip }, 'login refused: too many failed attempts');
      throw new PlatformError('SATURATED', `too many failed logins: try again in ${wait} s`, { details: { retryAfterSeconds: wait } });
    }
    const session = await access.login(username, password);
    if (!session) {
      throttle.failed(username, request.ip);
      request.log.warn({ username, ip: request.ip }, 'login failed: unknown username or wrong password');
      throw new AuthenticationError('unknown username or wrong password');
    }
    throttle.succeeded(username);
    const maxAge = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
    // Secure whenever the platform is reached over HTTPS (behind its TLS proxy); a plain-HTTP
    // loopback start would otherwise have no session cookie at all.
    const secure = request.protocol === 'https' ? '; Secure' : '';
    void reply.header('set-cookie', `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`);
    return { token: session.token, username: session.username, department: session.department, role: session.role, expiresAt: session.expiresAt.toISOString() };
  });

  app.get('/api/v1/me', { schema: { tags: ['session'], summary: 'The logged-in user' } }, async (request) => {
    const { username, department, role, expiresAt } = requireUser(access, request);
    return { username, department, role, expiresAt: expiresAt.toISOString() };
  });

  app.delete('/api/v1/session', { schema: { tags: ['session'], summary: 'Log out' } }, async (request, reply) => {
    const session = requireUser(access, request);
    await access.logout(session.token);
    void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    return { loggedOut: true };
  });
};
