import assert from 'node:assert/strict';
import { assertRefused, DAY_MS, openCaseFor, openContractFixture, sha256, type ContractFixture } from './contract-fixture.js';

describe('JointReviewCase', () => {
  let f: ContractFixture;
  beforeEach(async () => { f = await openContractFixture(); });
  afterEach(async () => { await f.close(); });

  describe('openCase', () => {
    it('opens a case routed to the departments, sorted and de-duplicated, due in 10 days by default', async () => {
      await f.supervision.recordAlert('PBOC', { alertId: 'a-1', alertHash: sha256('a-1'), typology: 'credit_to_real_estate', ruleVersion: '1.0.0', departments: ['PBOC'] });
      const { result } = await f.supervision.openCase('PBOC', { caseId: 'c-1', alertId: 'a-1', departments: ['SAMR', 'PBOC', 'SAMR'] });
      assert.deepEqual(result.departments, ['PBOC', 'SAMR']);
      assert.equal(result.status, 'open');
      assert.deepEqual(result.opinions, {});
      assert.equal(result.openedAt, '2026-07-01T08:00:00.000Z');
      assert.equal(result.deadline, '2026-07-11T08:00:00.000Z');
    });

    it('sets the deadline from deadlineDays and the transaction time', async () => {
      await openCaseFor(f.supervision, 'c-2', ['NFRA'], 3);
      assert.equal((await f.supervision.getCase('NFRA', 'c-2'))?.deadline, '2026-07-04T08:00:00.000Z');
    });

    it('returns the stored case when the same case is opened again, without a new event', async () => {
      await openCaseFor(f.supervision, 'c-3', ['PBOC', 'NFRA']);
      const first = await f.supervision.getCase('PBOC', 'c-3');
      const eventsBefore = f.events.length;
      f.clock.advance(DAY_MS);
      const again = await f.supervision.openCase('NFRA', { caseId: 'c-3', alertId: 'alert-c-3', departments: ['CAC'] });
      assert.deepEqual(again.result, first);
      assert.equal(f.events.length, eventsBefore);
    });

    it('refuses a case id already used for another alert', async () => {
      await openCaseFor(f.supervision, 'c-4', ['PBOC']);
      await f.supervision.recordAlert('PBOC', { alertId: 'other', alertHash: sha256('other'), typology: 'fan_in', ruleVersion: '1', departments: ['PBOC'] });
      await assertRefused(f.supervision.openCase('PBOC', { caseId: 'c-4', alertId: 'other', departments: ['PBOC'] }), 'CONFLICT');
    });

    it('refuses a case on an alert that is not on the ledger', async () => {
      await assertRefused(f.supervision.openCase('PBOC', { caseId: 'c-5', alertId: 'missing', departments: ['PBOC'] }), 'NOT_FOUND');
    });

    it('refuses routing to a department outside the network, no departments, or a bad deadline', async () => {
      await openCaseFor(f.supervision, 'c-6', ['PBOC']);
      const open = (c: object): Promise<unknown> => f.ledger.submit('PBOC', 'openCase', [JSON.stringify(c)]);
      await assertRefused(open({ caseId: 'x', alertId: 'alert-c-6', departments: ['PBOC', 'FED'] }), 'INVALID_ARGUMENT', /departments\[1\]/);
      await assertRefused(open({ caseId: 'x', alertId: 'alert-c-6', departments: [] }), 'INVALID_ARGUMENT');
      await assertRefused(open({ caseId: 'x', alertId: 'alert-c-6', departments: ['PBOC'], deadlineDays: 0 }), 'INVALID_ARGUMENT', /deadlineDays/);
      await assertRefused(f.ledger.submit('PBOC', 'openCase', ['{not json']), 'INVALID_ARGUMENT', /not valid JSON/);
    });
  });

  describe('submitOpinion', () => {
    beforeEach(async () => { await openCaseFor(f.supervision, 'case', ['NFRA', 'PBOC']); });

    it('closes the case as confirmed when every routed department confirms', async () => {
      const first = await f.supervision.submitOpinion('NFRA', 'case', 'confirm', sha256('ok'));
      assert.equal(first.result.status, 'open');
      f.clock.advance(60_000);
      const second = await f.supervision.submitOpinion('PBOC', 'case', 'confirm', sha256('ok too'));
      assert.equal(second.result.status, 'confirmed');
      assert.equal(second.result.closedAt, '2026-07-01T08:01:00.000Z');
      assert.equal(second.result.opinions.PBOC?.txId, second.txId);
      assert.equal(second.result.opinions.NFRA?.txId, first.txId);
    });

    it('closes the case as dismissed when every routed department dismisses', async () => {
      await f.supervision.submitOpinion('NFRA', 'case', 'dismiss', sha256('a'));
      assert.equal((await f.supervision.submitOpinion('PBOC', 'case', 'dismiss', sha256('b'))).result.status, 'dismissed');
    });

    it('escalates for disagreement when one department confirms and another dismisses', async () => {
      await f.supervision.submitOpinion('NFRA', 'case', 'confirm', sha256('a'));
      const { result } = await f.supervision.submitOpinion('PBOC', 'case', 'dismiss', sha256('b'));
      assert.equal(result.status, 'escalated');
      assert.equal(result.escalationReason, 'disagreement');
    });

    it('keeps the case open while a department requests information', async () => {
      await f.supervision.submitOpinion('NFRA', 'case', 'request_info', sha256('need KYC'));
      const { result } = await f.supervision.submitOpinion('PBOC', 'case', 'confirm', sha256('b'));
      assert.equal(result.status, 'open');
      const revised = await f.supervision.submitOpinion('NFRA', 'case', 'confirm', sha256('got KYC'));
      assert.equal(revised.result.status, 'confirmed');
    });

    it('lets a department revise its opinion while the case is open', async () => {
      await f.supervision.submitOpinion('NFRA', 'case', 'confirm', sha256('first'));
      const { result } = await f.supervision.submitOpinion('NFRA', 'case', 'dismiss', sha256('second'));
      assert.equal(result.opinions.NFRA?.decision, 'dismiss');
      assert.equal(result.opinions.NFRA?.commentHash, sha256('second'));
      assert.equal(result.status, 'open');
    });

    it('escalates a three-department case once all have spoken with a confirm and a dismiss among them', async () => {
      await openCaseFor(f.supervision, 'wide', ['CAC', 'NFRA', 'SAFE']);
      await f.supervision.submitOpinion('CAC', 'wide', 'confirm', sha256('a'));
      await f.supervision.submitOpinion('NFRA', 'wide', 'dismiss', sha256('b'));
      assert.equal((await f.supervision.getCase('CAC', 'wide'))?.status, 'open');
      assert.equal((await f.supervision.submitOpinion('SAFE', 'wide', 'request_info', sha256('c'))).result.status, 'escalated');
    });

    it('refuses an opinion from a department the case was not routed to', async () => {
      await assertRefused(f.supervision.submitOpinion('SAMR', 'case', 'confirm', sha256('x')), 'ACCESS_DENIED', /not routed to SAMR/);
    });

    it('refuses an opinion on a closed case', async () => {
      await f.supervision.submitOpinion('NFRA', 'case', 'confirm', sha256('a'));
      await f.supervision.submitOpinion('PBOC', 'case', 'confirm', sha256('b'));
      await assertRefused(f.supervision.submitOpinion('NFRA', 'case', 'dismiss', sha256('c')), 'CASE_CLOSED');
    });

    it('refuses an opinion from an analyst or an auditor, and records the reviewer who gave one', async () => {
      await assertRefused(f.asUser('analyst').submitOpinion('NFRA', 'case', 'confirm', sha256('a')), 'ACCESS_DENIED', /only a reviewer/);
      await assertRefused(f.asUser('auditor').submitOpinion('NFRA', 'case', 'confirm', sha256('a')), 'ACCESS_DENIED', /auditor/);
      await assertRefused(f.asUser('admin').submitOpinion('NFRA', 'case', 'confirm', sha256('a')), 'ACCESS_DENIED');
      const { result } = await f.asUser('reviewer', 'li.wei').submitOpinion('NFRA', 'case', 'confirm', sha256('a'));
      assert.equal(result.opinions.NFRA?.by, 'li.wei');
    });

    it('refuses an unknown decision, a malformed comment hash, and an unknown case', async () => {
      await assertRefused(f.ledger.submit('NFRA', 'submitOpinion', ['case', 'approve', sha256('a')]), 'INVALID_ARGUMENT', /decision/);
      await assertRefused(f.ledger.submit('NFRA', 'submitOpinion', ['case', 'confirm', 'short']), 'INVALID_ARGUMENT', /commentHash/);
      await assertRefused(f.supervision.submitOpinion('NFRA', 'nope', 'confirm', sha256('a')), 'NOT_FOUND');
    });
  });

  describe('getCase and getCaseHistory', () => {
    it('answers null for an unknown case and an empty history', async () => {
      assert.equal(await f.ledger.evaluate('PBOC', 'getCase', ['none']), null);
      assert.deepEqual(await f.supervision.getCaseHistory('PBOC', 'none'), []);
    });

    it('reads every committed version of a case from the ledger, oldest first', async () => {
      await openCaseFor(f.supervision, 'h', ['NFRA', 'PBOC']);
      f.clock.advance(1000);
      const opinion = await f.supervision.submitOpinion('NFRA', 'h', 'confirm', sha256('a'));
      f.clock.advance(1000);
      const widening = await f.supervision.addDepartment('PBOC', 'h', 'SAMR');
      const history = await f.supervision.getCaseHistory('CAC', 'h');
      assert.deepEqual(history.map((e) => e.value.status), ['open', 'open', 'open']);
      assert.deepEqual(history.map((e) => Object.keys(e.value.opinions).length), [0, 1, 1]);
      assert.deepEqual(history.slice(1).map((e) => e.txId), [opinion.txId, widening.txId]);
      assert.deepEqual(history.map((e) => e.timestamp), ['2026-07-01T08:00:00.000Z', '2026-07-01T08:00:01.000Z', '2026-07-01T08:00:02.000Z']);
    });
  });
});
