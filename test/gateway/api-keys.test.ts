import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const run = promisify(execFile);
const record = (txId: string, institution = 'JADE_RIVER_BANK'): unknown[] => [{
  txId, institution, ts: '2026-07-01T09:00:00Z', type: 'transfer', from: 'KEY-A', to: 'KEY-B', amount: 10,
}];

describe("Institutions' API keys", function () {
  this.timeout(180_000);

  describe('rotation and revocation by the operator\'s admins', () => {
    let platform: TestPlatform;
    let admin: string;
    before(async () => {
      platform = await startPlatform();
      admin = await platform.login('PBOC', 'admin');
    });
    after(async () => platform.close());

    const call = async (token: string, method: string, path: string): Promise<{ status: number; json: Record<string, unknown> }> => {
      const response = await fetch(`${platform.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };

    it('lists institutions without any key or digest, to the operator department\'s admins only', async () => {
      const listed = await call(admin, 'GET', '/api/v1/institutions');
      assert.equal(listed.status, 200);
      const text = JSON.stringify(listed.json);
      assert.ok(!text.includes(platform.apiKeyOf('JADE_RIVER_BANK')) && !/apiKey|[0-9a-f]{64}/.test(text));
      assert.equal((await call(await platform.login('NFRA', 'admin'), 'GET', '/api/v1/institutions')).status, 403);
      assert.equal((await call(await platform.login('PBOC', 'reviewer'), 'GET', '/api/v1/institutions')).status, 403);
    });

    it('a rotated key replaces the old one at once; a revoked one opens nothing', async () => {
      const old = platform.apiKeyOf('JADE_RIVER_BANK');
      const rotated = await call(admin, 'POST', '/api/v1/institutions/JADE_RIVER_BANK/api-key');
      assert.equal(rotated.status, 201);
      const fresh = String(rotated.json.apiKey);
      assert.match(fresh, /^sk_/);
      assert.equal((await platform.postTransactions(record('key-1'), old)).status, 401);
      assert.equal((await platform.postTransactions(record('key-1'), fresh)).status, 200);
      const revoked = await call(admin, 'DELETE', '/api/v1/institutions/JADE_RIVER_BANK/api-key');
      assert.equal((revoked.json.institution as { state: string }).state, 'revoked');
      assert.equal((await platform.postTransactions(record('key-2'), fresh)).status, 401);
      assert.equal((await platform.postTransactions(record('key-2', 'SWIFTPAY'), platform.apiKeyOf('SWIFTPAY'))).status, 200, 'other institutions are unaffected');
      assert.equal((await call(admin, 'POST', '/api/v1/institutions/NO_SUCH_BANK/api-key')).status, 404);
      assert.equal((await call(admin, 'POST', '/api/v1/institutions/bad%20code/api-key')).status, 400);
    });

    it('suptech api-key rotate and revoke do the same with the server stopped', async () => {
      const { dataDir } = platform;
      await platform.close({ keepData: true });
      const { stdout } = await run(process.execPath, ['bin/suptech.js', 'api-key', 'rotate', 'JADE_RIVER_BANK', '--data-dir', dataDir]);
      const key = /new API key (\S+)/.exec(stdout)?.[1] ?? '';
      await run(process.execPath, ['bin/suptech.js', 'api-key', 'revoke', 'SWIFTPAY', '--data-dir', dataDir]);
      platform = await startPlatform({ dataDir });
      assert.equal((await platform.postTransactions(record('key-3'), key)).status, 200);
      assert.equal((await platform.postTransactions(record('key-3', 'SWIFTPAY'), platform.apiKeyOf('SWIFTPAY'))).status, 401);
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-secrets`, { recursive: true, force: true });
      platform = await startPlatform();
    });
  });

  describe('per-key rate limit', () => {
    let platform: TestPlatform;
    before(async () => { platform = await startPlatform({ env: { SUPTECH_INGEST_REQUESTS_PER_KEY_PER_MINUTE: '3' } }); });
    after(async () => platform.close());

    it("answers 429 with Retry-After past a key's requests a minute, leaving other keys their own", async () => {
      const key = platform.apiKeyOf('EAST_HARBOR_BANK');
      for (let i = 0; i < 3; i++) assert.equal((await platform.postTransactions(record(`rl-${i}`, 'EAST_HARBOR_BANK'), key)).status, 200);
      const response = await fetch(`${platform.baseUrl}/api/v1/transactions`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(record('rl-3', 'EAST_HARBOR_BANK')),
      });
      assert.equal(response.status, 429);
      assert.ok(Number(response.headers.get('retry-after')) >= 1);
      assert.match(((await response.json()) as { message: string }).message, /limit of 3 requests a minute/);
      assert.equal((await platform.postTransactions(record('rl-0', 'MALLCO'), platform.apiKeyOf('MALLCO'))).status, 200);
      assert.equal((await fetch(`${platform.baseUrl}/api/v1/health`)).status, 200, 'other routes are not limited');
    });
  });
});
