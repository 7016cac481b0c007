import assert from 'node:assert/strict';
import { assertRefused, DAY_MS, openCaseFor, openContractFixture, sha256, type ContractFixture } from './contract-fixture.js';

describe('JointReviewCase', () => {
  let f: ContractFixture;
  beforeEach(async () => {
    f = await openContractFixture();
    await openCaseFor(f.supervision, 'case', ['NFRA', 'PBOC']);
  });
  afterEach(async () => { await f.close(); });

  describe('escalateOverdue', () => {
    it('refuses to escalate a case before its deadline, even at the deadline itself', async () => {
      await assertRefused(f.supervision.escalateOverdue('PBOC', 'case'), 'NOT_OVERDUE');
      f.clock.advance(10 * DAY_MS);
      await assertRefused(f.supervision.escalateOverdue('PBOC', 'case'), 'NOT_OVERDUE');
    });

    it('escalates an open case once the transaction time is past the deadline', async () => {
      await f.supervision.submitOpinion('NFRA', 'case', 'confirm', sha256('a'));
      f.clock.advance(10 * DAY_MS + 1);
      const { result } = await f.supervision.escalateOverdue('SAFE', 'case');
      assert.equal(result.status, 'escalated');
      assert.equal(result.escalationReason, 'deadline');
      assert.equal(result.closedAt, '2026-07-11T08:00:00.001Z');
      assert.equal(f.events.at(-1)?.name, 'CaseUpdated');
    });

    it('changes nothing when an escalated case is escalated again', async () => {
      f.clock.advance(11 * DAY_MS);
      const first = await f.supervision.escalateOverdue('PBOC', 'case');
      const eventsBefore = f.events.length;
      f.clock.advance(DAY_MS);
      const again = await f.supervision.escalateOverdue('PBOC', 'case');
      assert.deepEqual(again.result, first.result);
      assert.equal(f.events.length, eventsBefore);
    });

    it('refuses to escalate a case that closed with a decision', async () => {
      await f.supervision.submitOpinion('NFRA', 'case', 'dismiss', sha256('a'));
      await f.supervision.submitOpinion('PBOC', 'case', 'dismiss', sha256('b'));
      f.clock.advance(30 * DAY_MS);
      await assertRefused(f.supervision.escalateOverdue('PBOC', 'case'), 'CASE_CLOSED');
    });

    it('refuses opinions once the case is escalated', async () => {
      f.clock.advance(11 * DAY_MS);
      await f.supervision.escalateOverdue('PBOC', 'case');
      await assertRefused(f.supervision.submitOpinion('NFRA', 'case', 'confirm', sha256('late')), 'CASE_CLOSED', /escalated/);
    });

    it('still takes opinions after the deadline until someone escalates', async () => {
      f.clock.advance(12 * DAY_MS);
      await f.supervision.submitOpinion('NFRA', 'case', 'confirm', sha256('a'));
      assert.equal((await f.supervision.submitOpinion('PBOC', 'case', 'confirm', sha256('b'))).result.status, 'confirmed');
    });

    it('refuses an auditor', async () => {
      f.clock.advance(11 * DAY_MS);
      await assertRefused(f.asUser('auditor').escalateOverdue('PBOC', 'case'), 'ACCESS_DENIED');
    });
  });

  describe('addDepartment', () => {
    it('widens the review to another department, whose opinion the case then waits for', async () => {
      await f.supervision.submitOpinion('NFRA', 'case', 'confirm', sha256('a'));
      const widened = await f.supervision.addDepartment('NFRA', 'case', 'SAMR');
      assert.deepEqual(widened.result.departments, ['NFRA', 'PBOC', 'SAMR']);
      assert.equal((await f.supervision.submitOpinion('PBOC', 'case', 'confirm', sha256('b'))).result.status, 'open');
      assert.equal((await f.supervision.submitOpinion('SAMR', 'case', 'confirm', sha256('c'))).result.status, 'confirmed');
    });

    it('changes nothing when the department is already routed', async () => {
      const before = await f.supervision.getCase('PBOC', 'case');
      const eventsBefore = f.events.length;
      assert.deepEqual((await f.supervision.addDepartment('PBOC', 'case', 'NFRA')).result, before);
      assert.equal(f.events.length, eventsBefore);
    });

    it('refuses widening by a department the case was not routed to', async () => {
      await assertRefused(f.supervision.addDepartment('CAC', 'case', 'CAC'), 'ACCESS_DENIED', /not routed to CAC/);
    });

    it('refuses widening a closed case', async () => {
      await f.supervision.submitOpinion('NFRA', 'case', 'confirm', sha256('a'));
      await f.supervision.submitOpinion('PBOC', 'case', 'confirm', sha256('b'));
      await assertRefused(f.supervision.addDepartment('PBOC', 'case', 'SAFE'), 'CASE_CLOSED');
    });

    it('refuses a department outside the network and an auditor', async () => {
      await assertRefused(f.ledger.submit('PBOC', 'addDepartment', ['case', 'FBI']), 'INVALID_ARGUMENT');
      await assertRefused(f.asUser('auditor').addDepartment('PBOC', 'case', 'SAFE'), 'ACCESS_DENIED');
    });

    it('lets an analyst of a routed department widen the review', async () => {
      assert.deepEqual((await f.asUser('analyst').addDepartment('PBOC', 'case', 'SAFE')).result.departments, ['NFRA', 'PBOC', 'SAFE']);
    });
  });
});
