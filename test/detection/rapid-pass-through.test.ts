import assert from 'node:assert/strict';
import type { IncomingTransactionRecord } from '../../core/src/domain/transaction-record.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';
import { HOUR, rec } from './support/records.js';
import { TypologyProbe, account } from './support/typology-probe.js';

const transfer = (from: string, to: string, amount: number, offsetMs: number): IncomingTransactionRecord =>
  rec({ type: 'transfer', from, to, amount, offsetMs });

/** `received` into a fresh conduit, then onward transfers [amount, offset] to fresh people. */
function passThrough(received: number, onward: [number, number][], receivedAt = 0): IncomingTransactionRecord[] {
  const conduit = account('conduit');
  return [transfer(account('src'), conduit, received, receivedAt), ...onward.map(([amount, at]) => transfer(conduit, account('p'), amount, at))];
}

describe('rapid_pass_through', () => {
  let store: DetectionStore;
  let probe: TypologyProbe;
  before(async () => { store = await openDetectionStore(); probe = new TypologyProbe(store); });
  after(async () => store.close());
  const count = async (records: IncomingTransactionRecord[]): Promise<number> => (await probe.incidents('rapid_pass_through', records)).length;

  it('flags 50,000 received and 90% sent on to 2 people within 24 hours', async () => {
    const records = passThrough(50_000, [[25_000, HOUR], [20_000, 24 * HOUR]]);
    const [incident] = await probe.incidents('rapid_pass_through', records);
    assert.deepEqual(incident?.evidence.map((e) => e.role), ['transfer', 'hop', 'hop']);
    assert.equal(incident?.amount, '50000.00');
  });

  it('needs the incoming transfer at least 50,000', async () => {
    assert.equal(await count(passThrough(49_999.99, [[25_000, HOUR], [25_000, 2 * HOUR]])), 0);
  });

  it('needs at least 90% sent on', async () => {
    assert.equal(await count(passThrough(50_000, [[25_000, HOUR], [19_999.99, 2 * HOUR]])), 0);
  });

  it('counts onward transfers up to 24 hours later, not 1 ms more, and not at the same instant', async () => {
    assert.equal(await count(passThrough(50_000, [[25_000, HOUR], [20_000, 24 * HOUR + 1]])), 0);
    assert.equal(await count(passThrough(50_000, [[25_000, 0], [20_000, HOUR]])), 0);
    assert.equal(await count(passThrough(50_000, [[25_000, 1], [20_000, HOUR]])), 1);
  });

  it('needs 2 distinct personal recipients', async () => {
    const conduit = account('conduit');
    const one = account('p');
    assert.equal(await count([transfer(account('src'), conduit, 50_000, 0), transfer(conduit, one, 25_000, HOUR), transfer(conduit, one, 25_000, 2 * HOUR)]), 0);
    const shop = account('shop');
    const records = [transfer(account('src'), account('x'), 1, 0)];
    const c2 = account('conduit');
    records.push(transfer(account('src'), c2, 50_000, 0), transfer(c2, account('p'), 25_000, HOUR), transfer(c2, shop, 25_000, 2 * HOUR),
      rec({ type: 'payment', from: account('p'), to: shop, amount: 1, toMcc: '5411', offsetMs: 3 * HOUR }));
    assert.equal(await count(records), 0);
  });
});
