import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEPARTMENTS } from '../../core/src/domain/departments.js';
import { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import { TransactionRefusedError } from '../../core/src/ledger/ledger-errors.js';
import { openFabricLedger, type FabricLedger } from '../../core/src/ledger/fabric/index.js';
import { startOrSkip, type FabricTestNetwork } from './support/fabric-test-network.js';
import { eventually, newBatch, sha256 } from './support/ledger-fixtures.js';

describe('Fabric supervision network', function () {
  let net: FabricTestNetwork | undefined;
  let backend: FabricLedger;
  let ledger: SupervisionLedger;

  before(async function () {
    net = await startOrSkip(this);
    backend = await openFabricLedger({ profilePath: net.network.connectionProfilePath, dataDir: net.newDataDir('gateway') });
    ledger = new SupervisionLedger(backend);
  });

  after(async function () {
    this.timeout(60_000);
    await backend?.close();
    await net?.stop();
  });

  describe('anchorBatch', function () {
    it('commits a batch that every regulator\'s own peer then returns', async function () {
      const batch = newBatch('anchor');
      const committed = await ledger.anchorBatch('PBOC', batch);
      assert.equal(committed.result.submittedBy, 'PBOC');
      assert.ok(committed.blockNumber > 0);
      for (const department of DEPARTMENTS) {
        const stored = await eventually(`${department}'s peer to hold ${batch.batchId}`,
          async () => (await net!.network.queryPeer(department, 'getBatch', [batch.batchId])) ?? undefined);
        assert.deepEqual(stored, committed.result, `${department}'s peer`);
      }
    });
  });

  describe('evaluate', function () {
    it('reports the contract\'s refusal of a query with its code', async function () {
      await assert.rejects(backend.evaluate('CAC', 'noSuchFunction', []),
        (error: unknown) => error instanceof TransactionRefusedError && error.code === 'UNKNOWN_TRANSACTION');
    });
  });

  describe('joint review case', function () {
    const caseId = `case-${randomUUID()}`;

    before(async function () {
      const alertId = `alert-${randomUUID()}`;
      await ledger.recordAlert('PBOC', {
        alertId, alertHash: sha256(alertId), typology: 'credit_to_real_estate', ruleVersion: 'credit_to_real_estate@1.0.0',
        departments: ['PBOC', 'NFRA'],
      });
      await ledger.openCase('PBOC', { caseId, alertId, departments: ['PBOC', 'NFRA'] });
    });

    it('takes opinions from two routed departments, each under its own identity', async function () {
      const pboc = await ledger.submitOpinion('PBOC', caseId, 'confirm', sha256('pboc comment'));
      const nfra = await ledger.submitOpinion('NFRA', caseId, 'request_info', sha256('nfra comment'));
      assert.equal(pboc.result.opinions.PBOC?.department, 'PBOC');
      assert.equal(nfra.result.opinions.NFRA?.department, 'NFRA');
      assert.equal(nfra.result.opinions.NFRA?.txId, nfra.txId);
      const stored = await ledger.getCase('SAMR', caseId);
      assert.deepEqual(Object.keys(stored?.opinions ?? {}).sort(), ['NFRA', 'PBOC']);
      assert.equal(stored?.status, 'open');
    });

    it('refuses an opinion from a department the case was not routed to', async function () {
      const before = await backend.height();
      await assert.rejects(ledger.submitOpinion('SAFE', caseId, 'dismiss', sha256('safe comment')),
        (error: unknown) => error instanceof TransactionRefusedError && error.code === 'ACCESS_DENIED');
      const stored = await ledger.getCase('PBOC', caseId);
      assert.equal(stored?.opinions.SAFE, undefined);
      assert.equal(await backend.height(), before, 'a refused transaction is never ordered');
    });
  });
});
