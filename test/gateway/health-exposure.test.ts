import assert from 'node:assert/strict';
import { startPlatform, type TestPlatform } from '../support/platform.js';

describe('GET /api/v1/health: public status, details behind login', function () {
  this.timeout(120_000);
  let platform: TestPlatform;
  before(async () => {
    // The platform's default, which the test platform otherwise opens up for its suites.
    platform = await startPlatform({ env: { SUPTECH_HEALTH_DETAILS: 'login' } });
    const { status } = await platform.postTransactions([{ txId: 'h-1', institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00Z', type: 'transfer', from: 'H-A', to: 'H-B', amount: 5 }], platform.apiKeyOf('JADE_RIVER_BANK'));
    assert.equal(status, 200);
    await platform.settle();
  });
  after(async () => platform.close());

  it('tells an anonymous caller whether the platform and its engines are up, and nothing more', async () => {
    const response = await fetch(`${platform.baseUrl}/api/v1/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', analytics: { ok: true }, ledger: { ok: true } });
  });

  it('gives a logged-in department user the details: counts, sequence numbers, ledger height, partition', async () => {
    const token = await platform.login('CAC', 'analyst');
    const details = (await (await fetch(`${platform.baseUrl}/api/v1/health`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      partition: string; analytics: { records: number }; ledger: { height: number }; detection: { ingestedSeq: number };
    };
    assert.match(details.partition, /^p[0-9a-f]{16}$/);
    assert.equal(details.analytics.records, 1);
    assert.ok(details.ledger.height > 0);
    assert.equal(details.detection.ingestedSeq, 1);
    const stale = await (await fetch(`${platform.baseUrl}/api/v1/health`, { headers: { authorization: 'Bearer not-a-session' } })).json();
    assert.deepEqual(Object.keys(stale as object).sort(), ['analytics', 'ledger', 'status'], 'a token that opens no session gets the public answer');
  });
});
