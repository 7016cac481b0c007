import assert from 'node:assert/strict';
import { assertRefused, DAY_MS, openContractFixture, sha256, settle, type ContractFixture } from './contract-fixture.js';

const batch = { batchId: 'batch-2026-07-01-0001', merkleRoot: sha256('root'), count: 42, firstTs: '2026-07-01T00:00:00Z', lastTs: '2026-07-01T07:59:59Z' };
const alert = { alertId: 'alert-1', alertHash: sha256('v1'), typology: 'credit_to_real_estate', ruleVersion: '1.2.0', departments: ['PBOC' as const, 'NFRA' as const] };

describe('SupervisionContract', () => {
  let f: ContractFixture;
  beforeEach(async () => { f = await openContractFixture(); });
  afterEach(async () => { await f.close(); });

  describe('anchorBatch', () => {
    it('anchors a batch root with the submitting department and the transaction time', async () => {
      const { result } = await f.supervision.anchorBatch('SAFE', batch);
      assert.deepEqual(result, { ...batch, submittedBy: 'SAFE', anchoredAt: '2026-07-01T08:00:00.000Z' });
      assert.deepEqual(await f.supervision.getBatch('PBOC', batch.batchId), result);
      await settle();
      assert.deepEqual(f.events.map((e) => [e.name, e.payload]), [['BatchAnchored', result]]);
    });

    it('returns the stored anchor when the same batch is anchored again', async () => {
      const first = await f.supervision.anchorBatch('SAFE', batch);
      f.clock.advance(DAY_MS);
      const again = await f.supervision.anchorBatch('PBOC', batch);
      assert.deepEqual(again.result, first.result);
      await settle();
      assert.equal(f.events.length, 1);
    });

    it('refuses a different root under an anchored batch id', async () => {
      await f.supervision.anchorBatch('SAFE', batch);
      await assertRefused(f.supervision.anchorBatch('SAFE', { ...batch, merkleRoot: sha256('other') }), 'CONFLICT', /already anchored/);
    });

    it('refuses malformed batches, naming the field', async () => {
      await assertRefused(f.supervision.anchorBatch('SAFE', { ...batch, count: 0 }), 'INVALID_ARGUMENT', /count/);
      await assertRefused(f.supervision.anchorBatch('SAFE', { ...batch, firstTs: 'yesterday' }), 'INVALID_ARGUMENT', /firstTs/);
      await assertRefused(f.supervision.anchorBatch('SAFE', { ...batch, firstTs: '2026-07-02T00:00:00Z' }), 'INVALID_ARGUMENT', /later than/);
      await assertRefused(f.supervision.anchorBatch('SAFE', { ...batch, batchId: '' }), 'INVALID_ARGUMENT', /batchId/);
    });

    it('answers null for a batch that was never anchored', async () => {
      assert.equal(await f.ledger.evaluate('CAC', 'getBatch', ['nope']), null);
      assert.equal(await f.supervision.getBatch('CAC', 'nope'), undefined);
    });
  });

  describe('recordAlert', () => {
    it('records version 1 of an alert with its routing', async () => {
      const { result } = await f.supervision.recordAlert('PBOC', alert);
      assert.deepEqual(result, { ...alert, departments: ['NFRA', 'PBOC'], version: 1, recordedBy: 'PBOC', recordedAt: '2026-07-01T08:00:00.000Z' });
    });

    it('changes nothing when the same alert hash is recorded again', async () => {
      const first = await f.supervision.recordAlert('PBOC', alert);
      f.clock.advance(1000);
      assert.deepEqual((await f.supervision.recordAlert('PBOC', alert)).result, first.result);
      await settle();
      assert.equal(f.events.length, 1);
    });

    it('records a new version when the alert hash changes, with its new routing', async () => {
      await f.supervision.recordAlert('PBOC', alert);
      f.clock.advance(1000);
      const { result } = await f.supervision.recordAlert('NFRA', { ...alert, alertHash: sha256('v2'), departments: ['SAMR', 'PBOC'] });
      assert.equal(result.version, 2);
      assert.deepEqual(result.departments, ['PBOC', 'SAMR']);
      assert.equal(result.recordedBy, 'NFRA');
      await settle();
      assert.deepEqual(f.events.map((e) => e.name), ['AlertRecorded', 'AlertRecorded']);
    });

    it('refuses routing to an unknown department and an auditor', async () => {
      await assertRefused(f.ledger.submit('PBOC', 'recordAlert', [JSON.stringify({ ...alert, departments: ['PBOC', 'pboc'] })]), 'INVALID_ARGUMENT');
      await assertRefused(f.asUser('auditor').recordAlert('PBOC', alert), 'ACCESS_DENIED');
    });
  });

  describe('anchorRuleSet', () => {
    it('anchors a rule-set version and reads it back', async () => {
      const { result } = await f.supervision.anchorRuleSet('PBOC', { version: 'rules@2026.07', hash: sha256('rules') });
      assert.deepEqual(await f.supervision.getRuleSet('SAMR', 'rules@2026.07'), result);
      assert.equal(result.anchoredBy, 'PBOC');
    });

    it('is idempotent on the version and refuses another hash for it', async () => {
      const first = await f.supervision.anchorRuleSet('PBOC', { version: 'v1', hash: sha256('rules') });
      assert.deepEqual((await f.supervision.anchorRuleSet('NFRA', { version: 'v1', hash: sha256('rules') })).result, first.result);
      await assertRefused(f.supervision.anchorRuleSet('PBOC', { version: 'v1', hash: sha256('changed') }), 'CONFLICT');
    });

    it('answers null for an unknown version', async () => {
      assert.equal(await f.supervision.getRuleSet('PBOC', 'v9'), undefined);
    });
  });
});
