import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { io } from 'socket.io-client';
import { sessionIdOf, type StoredSession } from '../../gateway/src/auth/session-file.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const run = promisify(execFile);

describe('Sessions across restarts', function () {
  this.timeout(180_000);
  let platform: TestPlatform;
  let dataDir: string;

  before(async () => {
    platform = await startPlatform();
    dataDir = platform.dataDir;
  });
  after(async () => {
    await platform.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-secrets`, { recursive: true, force: true });
  });

  const restart = async (): Promise<void> => {
    await platform.close({ keepData: true });
    platform = await startPlatform({ dataDir });
  };
  const me = async (token: string): Promise<{ status: number; message?: string }> => {
    const response = await fetch(`${platform.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, message: ((await response.json()) as { message?: string }).message };
  };
  const stored = (): StoredSession[] => (JSON.parse(readFileSync(join(dataDir, 'auth', 'sessions.json'), 'utf8')) as { sessions: StoredSession[] }).sessions;

  it('a session survives a restart, and the file keeps only its digest (0600)', async () => {
    const token = await platform.login('NFRA', 'reviewer');
    await restart();
    assert.equal((await me(token)).status, 200);
    const text = readFileSync(join(dataDir, 'auth', 'sessions.json'), 'utf8');
    assert.ok(!text.includes(token), 'no token on disk');
    assert.ok(stored().some((s) => s.id === sessionIdOf(token) && s.username === 'nfra.reviewer'));
    assert.equal((statSync(join(dataDir, 'auth', 'sessions.json')).mode & 0o777).toString(8), '600');
  });

  it('a restored session still has its sockets closed by logout', async () => {
    const token = await platform.login('PBOC', 'analyst');
    await restart();
    const socket = io(platform.baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    assert.equal((await fetch(`${platform.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status, 200);
    assert.equal(await closed, 'io server disconnect');
  });

  it('a session ended before the restart stays ended, and a stale token is told so', async () => {
    const token = await platform.login('SAFE', 'reviewer');
    await fetch(`${platform.baseUrl}/api/v1/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    await restart();
    const answer = await me(token);
    assert.equal(answer.status, 401);
    assert.match(answer.message ?? '', /your session has ended/);
    assert.match((await me('')).message ?? '', /log in first/);
  });

  it('drops expired sessions and those of users who no longer hold that role at restore', async () => {
    const token = await platform.login('SAMR', 'reviewer');
    await platform.close({ keepData: true });
    const forged = 'never-issued-token';
    const sessions = stored().map((s) => (s.id === sessionIdOf(token) ? { ...s, expiresAt: '2020-01-01T00:00:00.000Z' } : s));
    sessions.push({ id: sessionIdOf(forged), username: 'samr.reviewer', department: 'SAMR', role: 'admin', expiresAt: '2099-01-01T00:00:00.000Z' });
    writeFileSync(join(dataDir, 'auth', 'sessions.json'), JSON.stringify({ sessions }), { mode: 0o600 });
    platform = await startPlatform({ dataDir });
    assert.equal((await me(token)).status, 401, 'expired');
    assert.equal((await me(forged)).status, 401, 'the directory says samr.reviewer is a reviewer, not an admin');
    assert.ok(!stored().some((s) => s.id === sessionIdOf(forged) || s.id === sessionIdOf(token)));
  });

  it('suptech credentials reset ends every stored session', async () => {
    const token = await platform.login('CAC', 'reviewer');
    await platform.close({ keepData: true });
    await run(process.execPath, ['bin/suptech.js', 'credentials', 'reset', '--data-dir', dataDir]);
    platform = await startPlatform({ dataDir });
    assert.equal((await me(token)).status, 401);
  });
});
