import assert from 'node:assert/strict';
import { canonicalJson } from '../../chaincode/src/canonical-json.js';
import { CONTRACT_EVENTS } from '../../chaincode/src/contract-events.js';
import { assertRefused, openCaseFor, openContractFixture, sha256, settle, type ContractFixture } from './contract-fixture.js';

/** Every contract function with arguments that are otherwise valid. */
const CALLS: [string, string[]][] = [
  ['anchorBatch', [JSON.stringify({ batchId: 'b', merkleRoot: sha256('r'), count: 1, firstTs: '2026-07-01T00:00:00Z', lastTs: '2026-07-01T00:00:00Z' })]],
  ['getBatch', ['b']],
  ['recordAlert', [JSON.stringify({ alertId: 'alert-case', alertHash: sha256('x'), typology: 'cycle', ruleVersion: '1', departments: ['PBOC'] })]],
  ['openCase', [JSON.stringify({ caseId: 'case', alertId: 'alert-case', departments: ['PBOC'] })]],
  ['submitOpinion', ['case', 'confirm', sha256('c')]],
  ['addDepartment', ['case', 'NFRA']],
  ['escalateOverdue', ['case']],
  ['getCase', ['case']],
  ['getCaseHistory', ['case']],
  ['anchorRuleSet', [JSON.stringify({ version: 'v1', hash: sha256('rules') })]],
  ['getRuleSet', ['v1']],
  ['anchorReport', ['2026Q3', sha256('report')]],
  ['signOffReport', ['2026Q3', sha256('report')]],
  ['getReport', ['2026Q3']],
];

describe('SupervisionContract access', () => {
  let f: ContractFixture;
  beforeEach(async () => {
    f = await openContractFixture();
    await openCaseFor(f.supervision, 'case', ['PBOC', 'SAMR']);
  });
  afterEach(async () => { await f.close(); });

  for (const [fn, args] of CALLS) {
    it(`refuses ${fn} to an MSP outside the network`, async () => {
      const height = await f.ledger.height();
      await assertRefused(f.ledger.submitSignedProposal(f.ledger.createSignedProposal('BANK', fn, args)), 'ACCESS_DENIED', /BANKMSP/);
      assert.equal(await f.ledger.height(), height);
    });
  }

  it('refuses an identity asserting a role the platform does not know', async () => {
    await assertRefused(f.asUser('superuser').getCase('PBOC', 'case'), 'ACCESS_DENIED', /unknown role/);
  });

  it('lets an auditor read everything', async () => {
    const auditor = f.asUser('auditor');
    assert.equal((await auditor.getCase('CAC', 'case'))?.caseId, 'case');
    assert.equal((await auditor.getCaseHistory('CAC', 'case')).length, 1);
  });

  it('refuses a function the contract does not define, and a wrong number of arguments', async () => {
    await assertRefused(f.ledger.submit('PBOC', 'deleteEverything', []), 'UNKNOWN_TRANSACTION');
    await assert.rejects(f.ledger.submit('PBOC', 'getCase', []), { code: 'CONTRACT_FAILURE', message: /Expected 1 parameters/ });
  });

  it('emits exactly one event per mutation, named for what changed', async () => {
    await settle();
    const before = f.events.length;
    await f.supervision.submitOpinion('PBOC', 'case', 'confirm', sha256('a'));
    await f.supervision.addDepartment('SAMR', 'case', 'CAC');
    await f.supervision.anchorRuleSet('PBOC', { version: 'v1', hash: sha256('r') });
    await f.supervision.getCase('PBOC', 'case');
    await settle();
    assert.deepEqual(f.events.slice(before).map((e) => e.name), [CONTRACT_EVENTS.caseUpdated, CONTRACT_EVENTS.caseUpdated, CONTRACT_EVENTS.ruleSetAnchored]);
    const blocks = f.ledger.blocks().slice(-3);
    assert.ok(blocks.every((b) => b.kind === 'transaction' && b.transaction.event !== undefined));
  });

  it('returns and stores canonical JSON: sorted keys, no whitespace', async () => {
    const last = f.ledger.blocks().at(-1);
    assert.ok(last?.kind === 'transaction');
    const result = last.transaction.result ?? '';
    assert.equal(result, canonicalJson(JSON.parse(result)));
    assert.ok(result.startsWith('{"alertId":"alert-case","caseId":"case","deadline":'));
    const written = Buffer.from(last.transaction.writes[0]?.value ?? '', 'base64').toString('utf8');
    assert.equal(written, result);
  });

  it('writes identical bytes on two independent ledgers for the same transactions, as endorsing peers must', async () => {
    const other = await openContractFixture();
    try {
      await openCaseFor(other.supervision, 'case', ['PBOC', 'SAMR']);
      const writes = (fx: ContractFixture): unknown[] => fx.ledger.blocks().flatMap((b) => (b.kind === 'transaction' ? b.transaction.writes : []));
      assert.deepEqual(writes(other), writes(f));
      assert.equal(writes(f).length, 2);
    } finally {
      await other.close();
    }
  });

  it('keys records by Fabric composite keys, one family per record type', async () => {
    const keys = f.ledger.blocks().flatMap((b) => (b.kind === 'transaction' ? b.transaction.writes.map((w) => w.key) : []));
    assert.deepEqual(keys, ['\u0000suptech.alert\u0000alert-case\u0000', '\u0000suptech.case\u0000case\u0000']);
  });
});
