import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { startPlatform, type TestPlatform } from '../support/platform.js';

/** What a hostile browser page or a password guesser gets from the gateway. */
describe('Hostile clients', () => {
  let platform: TestPlatform;
  before(async () => { platform = await startPlatform(); });
  after(async () => platform.close());

  const login = (username: string, password: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${platform.baseUrl}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }),
    });

  it('sends security headers on the dashboard and the API', async () => {
    for (const path of ['/', '/api/v1/health']) {
      const response = await fetch(`${platform.baseUrl}${path}`);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /script-src 'self'(;|$)/, `${path}: no inline or foreign script`);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=\d+/, path);
      assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    }
  });

  it('refuses a cookie-authenticated request from a foreign Origin, and takes it from its own', async () => {
    const { username, password } = platform.user('NFRA', 'reviewer');
    const session = await login(username, password);
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
    const foreign = await fetch(`${platform.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { cookie, origin: 'http://evil.example' } });
    assert.equal(foreign.status, 403);
    assert.match(((await foreign.json()) as { message: string }).message, /^origin: http:\/\/evil\.example is not this platform's origin/);
    const me = await fetch(`${platform.baseUrl}/api/v1/me`, { headers: { cookie } });
    assert.equal(me.status, 200, 'the foreign request did not log the user out');
    const own = await fetch(`${platform.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { cookie, origin: platform.baseUrl } });
    assert.equal(own.status, 200);
  });

  it('refuses a WebSocket from a foreign Origin, and accepts one from its own', async () => {
    const token = await platform.login('PBOC', 'analyst');
    const attempt = (origin: string): Promise<string> => new Promise((resolve) => {
      const socket = io(platform.baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false, extraHeaders: { origin } });
      socket.once('connect', () => { socket.close(); resolve('connected'); });
      socket.once('connect_error', (error) => { socket.close(); resolve(`refused: ${error.message}`); });
    });
    assert.match(await attempt('http://evil.example'), /^refused/);
    assert.equal(await attempt(platform.baseUrl), 'connected');
  });

  it('answers 429 with Retry-After after 5 wrong passwords for a user, before checking the password; other users are unaffected', async () => {
    const { username, password } = platform.user('SAMR', 'reviewer');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(username, `wrong-${i}`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
    const locked = await login(username, password);
    assert.equal(locked.status, 429, 'even the right password waits out the lock');
    assert.ok(Number(locked.headers.get('retry-after')) > 0);
    assert.match(((await locked.json()) as { message: string }).message, /too many failed logins: try again in \d+ s/);
    const other = platform.user('SAMR', 'analyst');
    assert.equal((await login(other.username, other.password)).status, 200);
  });
});
