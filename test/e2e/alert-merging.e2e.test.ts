import assert from 'node:assert/strict';
import { startPlatform, type TestPlatform } from '../support/platform.js';

describe('AlertPipeline merging incidents into alerts', function () {
  this.timeout(120_000);
  let platform: TestPlatform;
  before(async () => { platform = await startPlatform(); });
  after(async () => platform.close());

  const post = async (records: Record<string, unknown>[]): Promise<void> => {
    const { body } = await platform.postTransactions(records.map((r) => ({ institution: 'EAST_HARBOR_BANK', ...r })), platform.apiKeyOf('EAST_HARBOR_BANK'));
    assert.equal((body as { accepted: number }).accepted, records.length);
    await platform.settle();
  };
  const creditAlerts = () => platform.platform.core.alerts.all().filter((a) => a.typology === 'credit_to_real_estate');

  it('grows one alert as evidence arrives, and folds two alerts into one when a late record joins their incidents', async () => {
    await post([
      { txId: 'm-l1', ts: '2026-07-01T08:00:00Z', type: 'loan_disbursement', from: 'POOL', to: 'M-B', amount: 300000, loanPurpose: 'consumer' },
      { txId: 'm-p1', ts: '2026-07-03T08:00:00Z', type: 'payment', from: 'M-B', to: 'M-DEV', amount: 200000, toSector: 'K' },
      { txId: 'm-l2', ts: '2026-07-01T09:00:00Z', type: 'loan_disbursement', from: 'POOL', to: 'M-C', amount: 300000, loanPurpose: 'business' },
      { txId: 'm-p2', ts: '2026-07-05T08:00:00Z', type: 'payment', from: 'M-C', to: 'M-DEV', amount: 250000, toSector: 'K' },
    ]);
    assert.equal(creditAlerts().length, 2, 'two separate incidents so far');
    const before = creditAlerts().map((a) => a.id).sort();

    // Late: B passed 290,000 to C before C's payment, so L1's money also reached the developer through C.
    await post([{ txId: 'm-hop', ts: '2026-07-04T08:00:00Z', type: 'transfer', from: 'M-B', to: 'M-C', amount: 290000 }]);
    const after = creditAlerts();
    assert.equal(after.length, 1, 'one alert per incident after the joining record');
    assert.ok(before.includes(after[0]!.id), 'the older alert absorbed the other');
    assert.deepEqual([...after[0]!.txIds].sort(), ['m-hop', 'm-l1', 'm-l2', 'm-p1', 'm-p2']);
  });
});
