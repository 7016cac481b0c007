import assert from 'node:assert/strict';
import type { IncomingTransactionRecord } from '../../core/src/domain/transaction-record.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';
import { DAY, HOUR, rec } from './support/records.js';
import { TypologyProbe, account } from './support/typology-probe.js';

/** A ring through the accounts: hop i at offsets[i] for amounts[i]. */
function ring(accounts: string[], amounts: number[], offsets: number[]): IncomingTransactionRecord[] {
  return accounts.map((from, i) => rec({ type: 'transfer', from, to: accounts[(i + 1) % accounts.length]!, amount: amounts[i]!, offsetMs: offsets[i]! }));
}
const people = (n: number): string[] => Array.from({ length: n }, () => account('p'));
const hourly = (n: number): number[] => Array.from({ length: n }, (_, i) => i * HOUR);

describe('cycle', () => {
  let store: DetectionStore;
  let probe: TypologyProbe;
  before(async () => { store = await openDetectionStore(); probe = new TypologyProbe(store); });
  after(async () => store.close());
  const count = async (records: IncomingTransactionRecord[]): Promise<number> => (await probe.incidents('cycle', records)).length;

  it('flags a loop of 10,000 transfers through 3 personal accounts', async () => {
    const records = ring(people(3), [10_000, 10_000, 10_000], hourly(3));
    const [incident] = await probe.incidents('cycle', records);
    assert.deepEqual(incident?.evidence.map((e) => e.txId), records.map((r) => r.txId));
  });

  it('needs every hop at least 10,000', async () => {
    assert.equal(await count(ring(people(3), [10_000, 10_000, 9_999.99], hourly(3))), 0);
  });

  it('closes within 7 days: exactly 7 days in, 1 ms more out', async () => {
    assert.equal(await count(ring(people(3), [20_000, 20_000, 20_000], [0, DAY, 7 * DAY])), 1);
    assert.equal(await count(ring(people(3), [20_000, 20_000, 20_000], [0, DAY, 7 * DAY + 1])), 0);
  });

  it('keeps every hop within ±20% of the first one', async () => {
    assert.equal(await count(ring(people(3), [20_000, 16_000, 24_000], hourly(3))), 1);
    assert.equal(await count(ring(people(3), [20_000, 15_999.99, 20_000], hourly(3))), 0);
    assert.equal(await count(ring(people(3), [20_000, 20_000, 24_000.01], hourly(3))), 0);
  });

  it('needs each hop strictly later than the previous one', async () => {
    assert.equal(await count(ring(people(3), [20_000, 20_000, 20_000], [0, HOUR, HOUR])), 0);
    assert.equal(await count(ring(people(3), [20_000, 20_000, 20_000], [0, HOUR, HOUR + 1])), 1);
  });

  it('spans 3 to 5 accounts: not 2, not 6', async () => {
    assert.equal(await count(ring(people(2), [20_000, 20_000], hourly(2))), 0);
    assert.equal(await count(ring(people(5), Array(5).fill(20_000) as number[], hourly(5))), 1);
    assert.equal(await count(ring(people(6), Array(6).fill(20_000) as number[], hourly(6))), 0);
  });

  it('only goes through personal accounts', async () => {
    const [a, b, shop] = [account('p'), account('p'), account('shop')];
    const marked = rec({ type: 'payment', from: account('p'), to: shop, amount: 5, toMcc: '5411', offsetMs: 30 * DAY });
    assert.equal(await count([...ring([a, b, shop], [20_000, 20_000, 20_000], hourly(3)), marked]), 0);
  });

  it('reports a ring that turns twice as one incident', async () => {
    const accounts = people(3);
    const records = [...ring(accounts, [20_000, 20_000, 20_000], hourly(3)), ...ring(accounts, [20_000, 20_000, 20_000], hourly(3).map((t) => t + DAY))];
    const incidents = await probe.incidents('cycle', records);
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0]?.evidence.length, 6);
  });
});
