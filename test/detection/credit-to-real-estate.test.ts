import assert from 'node:assert/strict';
import { createDetectionEngine, type DetectionEngine, type Incident } from '../../alerts/src/detection/index.js';
import { loadRecords } from '../../alerts/src/scenarios/load-records.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';
import { TypologyProbe } from './support/typology-probe.js';
import { DAY, HOUR, rec } from './support/records.js';
import type { IncomingTransactionRecord } from '../../core/src/domain/transaction-record.js';

const loan = (amount: number, purpose: 'consumer' | 'business' | 'mortgage' = 'consumer', offsetMs = 0): IncomingTransactionRecord =>
  rec({ type: 'loan_disbursement', from: 'LOANACCT', to: 'BORROWER', amount, loanPurpose: purpose, offsetMs });
const toRealEstate = (from: string, amount: number, offsetMs: number, extra: Partial<IncomingTransactionRecord> = { toSector: 'K' }): IncomingTransactionRecord =>
  rec({ type: 'payment', from, to: 'DEVELOPER', amount, offsetMs, ...extra });
const hop = (from: string, to: string, amount: number, offsetMs: number): IncomingTransactionRecord =>
  rec({ type: 'transfer', from, to, amount, offsetMs });

describe('credit_to_real_estate', () => {
  let store: DetectionStore;
  let engine: DetectionEngine;
  before(async () => {
    store = await openDetectionStore();
    engine = new TypologyProbe(store).engine('credit_to_real_estate');
  });
  after(async () => store.close());
  beforeEach(async () => store.reset());

  async function incidents(records: IncomingTransactionRecord[]): Promise<Incident[]> {
    const range = await loadRecords(store.client, records);
    const result = await engine.detect(range);
    assert.deepEqual(result.errors, []);
    return result.incidents.filter((incident) => incident.typology === 'credit_to_real_estate');
  }

  it('flags a consumer loan paid straight to a real-estate party', async () => {
    const records = [loan(100_000), toRealEstate('BORROWER', 60_000, DAY)];
    const [incident, ...rest] = await incidents(records);
    assert.equal(rest.length, 0);
    assert.deepEqual(incident?.evidence.map((e) => [e.txId, e.role]), [[records[0]!.txId, 'loan'], [records[1]!.txId, 'sensitive_payment']]);
    assert.equal(incident?.amount, '60000.00');
    assert.equal(incident?.incidentKey, `credit_to_real_estate:BANK_A/${records[0]!.txId}`);
  });

  it('flags business loans and real-estate MCC 6513', async () => {
    assert.equal((await incidents([loan(100_000, 'business'), toRealEstate('BORROWER', 60_000, DAY, { toMcc: '6513' })])).length, 1);
  });

  it('exempts mortgages', async () => {
    assert.equal((await incidents([loan(100_000, 'mortgage'), toRealEstate('BORROWER', 60_000, DAY)])).length, 0);
  });

  it('accepts the payment exactly 90 days after the disbursement, not 1 ms later', async () => {
    assert.equal((await incidents([loan(100_000), toRealEstate('BORROWER', 60_000, 90 * DAY)])).length, 1);
    await store.reset();
    assert.equal((await incidents([loan(100_000), toRealEstate('BORROWER', 60_000, 90 * DAY + 1)])).length, 0);
  });

  it('needs a final payment of at least 10,000', async () => {
    assert.equal((await incidents([loan(15_000), toRealEstate('BORROWER', 10_000, DAY)])).length, 1);
    await store.reset();
    assert.equal((await incidents([loan(15_000), toRealEstate('BORROWER', 9_999.99, DAY)])).length, 0);
  });

  it('needs each hop to carry at least 50% of the previous one', async () => {
    assert.equal((await incidents([loan(100_000), hop('BORROWER', 'P1', 50_000, HOUR), toRealEstate('P1', 25_000, 2 * HOUR)])).length, 1);
    await store.reset();
    assert.equal((await incidents([loan(100_000), hop('BORROWER', 'P1', 49_999.99, HOUR), toRealEstate('P1', 25_000, 2 * HOUR)])).length, 0);
    await store.reset();
    assert.equal((await incidents([loan(100_000), hop('BORROWER', 'P1', 50_000, HOUR), toRealEstate('P1', 24_999.99, 2 * HOUR)])).length, 0);
  });

  it('needs each hop strictly later than the one before', async () => {
    assert.equal((await incidents([loan(100_000), hop('BORROWER', 'P1', 90_000, 1), toRealEstate('P1', 80_000, 2)])).length, 1);
    await store.reset();
    assert.equal((await incidents([loan(100_000), hop('BORROWER', 'P1', 90_000, 0), toRealEstate('P1', 80_000, 2)])).length, 0);
    await store.reset();
    assert.equal((await incidents([loan(100_000), hop('BORROWER', 'P1', 90_000, 1), toRealEstate('P1', 80_000, 1)])).length, 0);
  });

  it('follows up to 2 intermediate personal accounts, not 3', async () => {
    const two = [loan(100_000), hop('BORROWER', 'P1', 90_000, HOUR), hop('P1', 'P2', 80_000, 2 * HOUR), toRealEstate('P2', 70_000, 3 * HOUR)];
    const [incident] = await incidents(two);
    assert.deepEqual(incident?.evidence.map((e) => e.role), ['loan', 'hop', 'hop', 'sensitive_payment']);
    await store.reset();
    const three = [loan(100_000), hop('BORROWER', 'P1', 90_000, HOUR), hop('P1', 'P2', 80_000, 2 * HOUR),
      hop('P2', 'P3', 75_000, 3 * HOUR), toRealEstate('P3', 70_000, 4 * HOUR)];
    assert.equal((await incidents(three)).length, 0);
  });

  it('does not pass through an account that was ever reported with a sector', async () => {
    const records = [loan(100_000), hop('BORROWER', 'SHOP', 90_000, HOUR), toRealEstate('SHOP', 70_000, 2 * HOUR),
      rec({ type: 'payment', from: 'SOMEONE', to: 'SHOP', amount: 10, toMcc: '5411', offsetMs: 50 * DAY })];
    assert.equal((await incidents(records)).length, 0);
  });

  it('finds the pattern when the loan arrives last and only the loan is in the range', async () => {
    await loadRecords(store.client, [toRealEstate('BORROWER', 60_000, DAY)]);
    const late = await loadRecords(store.client, [loan(100_000)], 1);
    const result = await engine.detect(late);
    assert.equal(result.incidents.filter((i) => i.typology === 'credit_to_real_estate').length, 1);
    assert.equal((await engine.detect({ afterSeq: 2, uptoSeq: 5 })).incidents.length, 0);
  });

  it('names its rule version', () => {
    assert.equal(engine.ruleVersion('credit_to_real_estate'), 'credit_to_real_estate@1.0.0+1.0.0-test');
    assert.equal(createDetectionEngine({ client: store.client }).ruleVersion('credit_to_real_estate'), 'credit_to_real_estate@1.0.0+1.0.0');
  });
});
