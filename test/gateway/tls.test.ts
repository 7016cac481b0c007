import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../gateway/src/config.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

describe('TLS, and mutual TLS for institutions', function () {
  this.timeout(120_000);
  let dir: string;
  let platform: TestPlatform;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'suptech-tls-'));
    // A CA, a server certificate naming 127.0.0.1 (as a subject alternative name), a client certificate per institution.
    const ssl = (...args: string[]): void => { execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' }); };
    ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Institutions CA');
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
    for (const client of ['JADE_RIVER_BANK', 'SWIFTPAY']) {
      ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${client}.key`, '-out', `${client}.csr`, '-subj', `/CN=${client}`);
      ssl('x509', '-req', '-in', `${client}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${client}.pem`, '-days', '2');
    }
  });
  after(async () => {
    await platform.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (path: string, options: { method?: string; body?: string; headers?: Record<string, string>; client?: string }): Promise<{ status: number; body: string; headers: Record<string, unknown> }> =>
    new Promise((resolve, reject) => {
      const url = new URL(path, platform.baseUrl);
      const req = request(url, {
        method: options.method ?? 'GET', ca: readFileSync(join(dir, 'ca.pem')), headers: options.headers,
        ...(options.client ? { cert: readFileSync(join(dir, `${options.client}.pem`)), key: readFileSync(join(dir, `${options.client}.key`)) } : {}),
      }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(options.body);
    });

  it('serves over HTTPS, with a Secure session cookie', async () => {
    platform = await startPlatform({ env: { SUPTECH_TLS_CERT_FILE: join(dir, 'server.pem'), SUPTECH_TLS_KEY_FILE: join(dir, 'server.key'), SUPTECH_TLS_CLIENT_CA_FILE: join(dir, 'ca.pem') } });
    assert.match(platform.baseUrl, /^https:\/\//);
    const { username, password } = platform.user('NFRA', 'analyst');
    const login = await send('/api/v1/session', { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json' } });
    assert.equal(login.status, 200, 'a department user needs no client certificate');
    assert.match(String(login.headers['set-cookie']), /; Secure/);
  });

  it('takes records only with a client certificate issued to the API key\'s institution', async () => {
    const record = JSON.stringify([{ txId: 'tls-1', institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00Z', type: 'transfer', from: 'T-A', to: 'T-B', amount: 5 }]);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${platform.apiKeyOf('JADE_RIVER_BANK')}` };
    const without = await send('/api/v1/transactions', { method: 'POST', body: record, headers });
    assert.equal(without.status, 401);
    assert.match(without.body, /client certificate/);
    const other = await send('/api/v1/transactions', { method: 'POST', body: record, headers, client: 'SWIFTPAY' });
    assert.equal(other.status, 401);
    assert.match(other.body, /issued to SWIFTPAY, not to JADE_RIVER_BANK/);
    const own = await send('/api/v1/transactions', { method: 'POST', body: record, headers, client: 'JADE_RIVER_BANK' });
    assert.equal(own.status, 200, own.body);
  });

  it('refuses half a TLS configuration, naming the variable', () => {
    assert.throws(() => loadConfig({ SUPTECH_TLS_CERT_FILE: 'cert.pem' }), /SUPTECH_TLS_KEY_FILE: must be set with SUPTECH_TLS_CERT_FILE/);
    assert.throws(() => loadConfig({ SUPTECH_TLS_CLIENT_CA_FILE: 'ca.pem' }), /SUPTECH_TLS_CLIENT_CA_FILE=.*needs SUPTECH_TLS_CERT_FILE/);
  });
});
