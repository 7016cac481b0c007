import assert from 'node:assert/strict';
import type { IncomingTransactionRecord } from '../../core/src/domain/transaction-record.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';
import { HOUR, rec } from './support/records.js';
import { TypologyProbe, account } from './support/typology-probe.js';

/** Transfers between a hub and counterparties; direction 'in' = counterparties pay the hub. */
function fan(direction: 'in' | 'out', hub: string, parties: string[], amounts: number[], offsets: number[]): IncomingTransactionRecord[] {
  return parties.map((party, i) => {
    const [from, to] = direction === 'in' ? [party, hub] : [hub, party];
    return rec({ type: 'transfer', from, to, amount: amounts[i]!, offsetMs: offsets[i]! });
  });
}
const many = (n: number): string[] => Array.from({ length: n }, () => account('p'));
const spread = (n: number, lastAt: number): number[] => Array.from({ length: n }, (_, i) => (i === n - 1 ? lastAt : i * HOUR));

for (const direction of ['in', 'out'] as const) {
  const typology = direction === 'in' ? 'fan_in' : 'fan_out';
  describe(typology, () => {
    let store: DetectionStore;
    let probe: TypologyProbe;
    before(async () => { store = await openDetectionStore(); probe = new TypologyProbe(store); });
    after(async () => store.close());
    const count = async (records: IncomingTransactionRecord[]): Promise<number> => (await probe.incidents(typology, records)).length;

    it('flags 10 distinct counterparties within 24 hours for 100,000 together', async () => {
      const records = fan(direction, account('hub'), many(10), Array(10).fill(10_000) as number[], spread(10, 24 * HOUR));
      const [incident, ...rest] = await probe.incidents(typology, records);
      assert.equal(rest.length, 0);
      assert.equal(incident?.evidence.length, 10);
      assert.equal(incident?.amount, '100000.00');
    });

    it('needs 10 distinct counterparties, not 9', async () => {
      const parties = many(9);
      assert.equal(await count(fan(direction, account('hub'), [...parties, parties[0]!], Array(10).fill(20_000) as number[], spread(10, 9 * HOUR))), 0);
    });

    it('needs 100,000 together', async () => {
      const amounts = [...Array(9).fill(10_000), 9_999.99] as number[];
      assert.equal(await count(fan(direction, account('hub'), many(10), amounts, spread(10, 9 * HOUR))), 0);
    });

    it('needs them within 24 hours, not 1 ms more', async () => {
      assert.equal(await count(fan(direction, account('hub'), many(10), Array(10).fill(10_000) as number[], spread(10, 24 * HOUR + 1))), 0);
    });

    it('needs a personal hub', async () => {
      const hub = account('merchant');
      const marked = rec({ type: 'payment', from: account('p'), to: hub, amount: 1, toMcc: '5812', offsetMs: 30 * HOUR });
      assert.equal(await count([...fan(direction, hub, many(10), Array(10).fill(20_000) as number[], spread(10, 9 * HOUR)), marked]), 0);
    });
  });
}
