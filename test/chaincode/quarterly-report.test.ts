import assert from 'node:assert/strict';
import { assertRefused, openContractFixture, sha256, settle, type ContractFixture } from './contract-fixture.js';

const HASH = sha256('report 2026Q3');

describe('QuarterlyReport on the ledger', () => {
  let f: ContractFixture;
  beforeEach(async () => { f = await openContractFixture('2026-10-02T09:00:00.000Z'); });
  afterEach(async () => { await f.close(); });

  describe('anchorReport', () => {
    it('anchors the report hash with no sign-offs yet', async () => {
      const { result } = await f.supervision.anchorReport('PBOC', '2026Q3', HASH);
      assert.deepEqual(result, { quarter: '2026Q3', reportHash: HASH, anchoredBy: 'PBOC', anchoredAt: '2026-10-02T09:00:00.000Z', signOffs: {} });
      assert.deepEqual(await f.supervision.getReport('SAFE', '2026Q3'), result);
    });

    it('changes nothing when the same hash is anchored again', async () => {
      const first = await f.supervision.anchorReport('PBOC', '2026Q3', HASH);
      assert.deepEqual((await f.supervision.anchorReport('NFRA', '2026Q3', HASH)).result, first.result);
      await settle();
      assert.equal(f.events.length, 1);
    });

    it('replaces the hash of a report nobody has signed, and refuses to once one department has', async () => {
      const regenerated = sha256('report 2026Q3 with late records');
      assert.equal((await f.supervision.anchorReport('PBOC', '2026Q3', regenerated)).result.reportHash, regenerated);
      await f.supervision.signOffReport('PBOC', '2026Q3', regenerated);
      await assertRefused(f.supervision.anchorReport('PBOC', '2026Q3', HASH), 'CONFLICT', /already signed off/);
    });

    it('refuses a malformed quarter or hash, and an auditor', async () => {
      await assertRefused(f.supervision.anchorReport('PBOC', '2026-Q3', HASH), 'INVALID_ARGUMENT', /quarter/);
      await assertRefused(f.supervision.anchorReport('PBOC', '2026Q3', 'x'), 'INVALID_ARGUMENT', /reportHash/);
      await assertRefused(f.asUser('auditor').anchorReport('PBOC', '2026Q3', HASH), 'ACCESS_DENIED');
    });

    it('answers null for a quarter without a report', async () => {
      assert.equal(await f.ledger.evaluate('CAC', 'getReport', ['2026Q2']), null);
    });
  });

  describe('signOffReport', () => {
    beforeEach(async () => { await f.supervision.anchorReport('PBOC', '2026Q3', HASH); });

    it('refuses a quarter that has not ended by the transaction time (China Standard Time), and accepts it once it has', async () => {
      const q4 = sha256('report 2026Q4');
      await f.supervision.anchorReport('PBOC', '2026Q4', q4);
      await assertRefused(f.asUser('reviewer').signOffReport('NFRA', '2026Q4', q4), 'CONFLICT', /2026Q4 has not ended: it can be signed off from 2026-12-31T16:00:00.000Z/);
      await assertRefused(f.asUser('reviewer').signOffReport('NFRA', '2099Q1', q4), 'NOT_FOUND');
      f.clock.advance(Date.parse('2026-12-31T16:00:00.000Z') - Date.parse('2026-10-02T09:00:00.000Z'));
      const signed = await f.asUser('reviewer').signOffReport('NFRA', '2026Q4', q4);
      assert.equal(signed.result.signOffs.NFRA?.at, '2026-12-31T16:00:00.000Z');
    });

    it('records one sign-off per department, by whom and in which transaction', async () => {
      const nfra = await f.asUser('reviewer', 'wang.fang').signOffReport('NFRA', '2026Q3', HASH);
      f.clock.advance(60_000);
      const samr = await f.supervision.signOffReport('SAMR', '2026Q3', HASH);
      assert.deepEqual(Object.keys(samr.result.signOffs).sort(), ['NFRA', 'SAMR']);
      assert.deepEqual(samr.result.signOffs.NFRA, { at: '2026-10-02T09:00:00.000Z', txId: nfra.txId, reportHash: HASH, by: 'wang.fang' });
      assert.equal(samr.result.signOffs.SAMR?.txId, samr.txId);
      await settle();
      assert.deepEqual(f.events.map((e) => e.name), ['ReportAnchored', 'ReportSignedOff', 'ReportSignedOff']);
    });

    it('keeps the first sign-off when a department signs again', async () => {
      const first = await f.supervision.signOffReport('CAC', '2026Q3', HASH);
      f.clock.advance(60_000);
      assert.deepEqual((await f.supervision.signOffReport('CAC', '2026Q3', HASH)).result, first.result);
    });

    it('refuses a sign-off of a hash other than the anchored one', async () => {
      await assertRefused(f.supervision.signOffReport('CAC', '2026Q3', sha256('something else')), 'CONFLICT', /anchored with hash/);
    });

    it('refuses a sign-off for a quarter with no anchored report', async () => {
      await assertRefused(f.supervision.signOffReport('CAC', '2026Q4', HASH), 'NOT_FOUND');
    });

    it('refuses a sign-off by an analyst or an auditor', async () => {
      await assertRefused(f.asUser('analyst').signOffReport('SAFE', '2026Q3', HASH), 'ACCESS_DENIED', /only a reviewer/);
      await assertRefused(f.asUser('auditor').signOffReport('SAFE', '2026Q3', HASH), 'ACCESS_DENIED');
    });

    it('refuses a sign-off by an organisation that is not one of the five departments', async () => {
      const proposal = f.ledger.createSignedProposal('BANK', 'signOffReport', ['2026Q3', HASH]);
      await assertRefused(f.ledger.submitSignedProposal(proposal), 'ACCESS_DENIED', /BANKMSP is not a member/);
      assert.deepEqual((await f.supervision.getReport('PBOC', '2026Q3'))?.signOffs, {});
    });
  });
});
