import assert from 'node:assert/strict';
import type { IncomingTransactionRecord } from '../../core/src/domain/transaction-record.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';
import { DAY, rec } from './support/records.js';
import { TypologyProbe, account } from './support/typology-probe.js';

const remit = (from: string, amount: number, offsetMs: number, toCountry: string): IncomingTransactionRecord =>
  rec({ type: 'cross_border_out', from, to: account('foreign'), amount, offsetMs, toCountry });
/** Remittances from one fresh account: [amount, day, country]. */
const split = (legs: [number, number, string][]): IncomingTransactionRecord[] => {
  const who = account('remitter');
  return legs.map(([amount, at, country]) => remit(who, amount, at, country));
};

describe('cross_border_split', () => {
  let store: DetectionStore;
  let probe: TypologyProbe;
  before(async () => { store = await openDetectionStore(); probe = new TypologyProbe(store); });
  after(async () => store.close());
  const count = async (records: IncomingTransactionRecord[], params?: Record<string, unknown>): Promise<number> =>
    (await probe.incidents('cross_border_split', records, params ? probe.engine('cross_border_split', params) : undefined)).length;

  it('flags 3 remittances of 50–100% of 200,000 to 2 countries within 7 days', async () => {
    const records = split([[100_000, 0, 'HK'], [199_999.99, DAY, 'SG'], [100_000, 7 * DAY, 'HK']]);
    const [incident] = await probe.incidents('cross_border_split', records);
    assert.deepEqual(incident?.evidence.map((e) => e.toCountry), ['HK', 'SG', 'HK']);
  });

  it('needs 2 countries', async () => {
    assert.equal(await count(split([[100_000, 0, 'HK'], [100_000, DAY, 'HK'], [100_000, 2 * DAY, 'HK']])), 0);
  });

  it('counts from 50% inclusive to 100% exclusive of the threshold', async () => {
    assert.equal(await count(split([[100_000, 0, 'HK'], [99_999.99, DAY, 'SG'], [100_000, 2 * DAY, 'HK']])), 0);
    assert.equal(await count(split([[100_000, 0, 'HK'], [200_000, DAY, 'SG'], [100_000, 2 * DAY, 'SG']])), 0);
  });

  it('needs them within 7 days, not 1 ms more', async () => {
    assert.equal(await count(split([[100_000, 0, 'HK'], [100_000, DAY, 'SG'], [100_000, 7 * DAY + 1, 'SG']])), 0);
  });

  it('needs the total at least the threshold', async () => {
    const params = { lowerRatio: 0.3 };
    assert.equal(await count(split([[66_666.66, 0, 'HK'], [66_666.66, DAY, 'SG'], [66_666.66, 2 * DAY, 'SG']]), params), 0);
    assert.equal(await count(split([[66_666.67, 0, 'HK'], [66_666.67, DAY, 'SG'], [66_666.66, 2 * DAY, 'SG']]), params), 1);
  });
});
