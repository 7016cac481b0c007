import assert from 'node:assert/strict';
import type { IncomingTransactionRecord } from '../../core/src/domain/transaction-record.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';
import { HOUR, rec } from './support/records.js';
import { TypologyProbe, account } from './support/typology-probe.js';

type Cash = 'cash_deposit' | 'cash_withdrawal';
const cash = (who: string, amount: number, offsetMs: number, type: Cash = 'cash_deposit', institution = 'BANK_A'): IncomingTransactionRecord =>
  rec({ type, from: who, to: who, amount, offsetMs, institution });

describe('structuring', () => {
  let store: DetectionStore;
  let probe: TypologyProbe;
  before(async () => { store = await openDetectionStore(); probe = new TypologyProbe(store); });
  after(async () => store.close());

  const flagged = async (records: IncomingTransactionRecord[], params?: Record<string, unknown>): Promise<number> =>
    (await probe.incidents('structuring', records, params ? probe.engine('structuring', params) : undefined)).length;

  it('flags 3 deposits just under 50,000 within 24 hours across institutions', async () => {
    const who = account();
    const records = [cash(who, 40_000, 0, 'cash_deposit', 'BANK_A'), cash(who, 49_999.99, 12 * HOUR, 'cash_deposit', 'BANK_B'),
      cash(who, 45_000, 24 * HOUR, 'cash_deposit', 'PAY_X')];
    const [incident, ...rest] = await probe.incidents('structuring', records);
    assert.equal(rest.length, 0);
    assert.deepEqual(incident?.evidence.map((e) => e.txId), records.map((r) => r.txId));
    assert.equal(incident?.amount, '134999.99');
  });

  it('needs the third deposit within 24 hours of the first: not 1 ms later', async () => {
    const who = account();
    assert.equal(await flagged([cash(who, 40_000, 0), cash(who, 40_000, HOUR), cash(who, 40_000, 24 * HOUR + 1)]), 0);
  });

  it('counts 80% of the threshold in and 100% out', async () => {
    const low = account();
    assert.equal(await flagged([cash(low, 40_000, 0), cash(low, 40_000, HOUR), cash(low, 39_999.99, 2 * HOUR)]), 0);
    const high = account();
    assert.equal(await flagged([cash(high, 40_000, 0), cash(high, 40_000, HOUR), cash(high, 50_000, 2 * HOUR)]), 0);
  });

  it('counts deposits and withdrawals separately', async () => {
    const mixed = account();
    assert.equal(await flagged([cash(mixed, 45_000, 0), cash(mixed, 45_000, HOUR), cash(mixed, 45_000, 2 * HOUR, 'cash_withdrawal')]), 0);
    const out = account();
    assert.equal(await flagged([0, 1, 2].map((h) => cash(out, 45_000, h * HOUR, 'cash_withdrawal'))), 1);
  });

  it('needs the window together at least the threshold', async () => {
    const params = { lowerRatio: 0.1 };
    const under = account();
    assert.equal(await flagged([0, 1, 2].map((h) => cash(under, 16_666.66, h * HOUR)), params), 0);
    const at = account();
    assert.equal(await flagged([0, 1, 2].map((h) => cash(at, 16_666.67, h * HOUR)), params), 1);
  });

  it('reports a run of overlapping windows as one incident', async () => {
    const who = account();
    const records = [0, 10, 20, 30, 40].map((h) => cash(who, 45_000, h * HOUR));
    const incidents = await probe.incidents('structuring', records);
    assert.equal(incidents.length, 1);
    assert.equal(incidents[0]?.evidence.length, 5);
  });
});
