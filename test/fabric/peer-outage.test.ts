import assert from 'node:assert/strict';
import { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import { openFabricLedger, type FabricLedger } from '../../core/src/ledger/fabric/index.js';
import { startOrSkip, type FabricTestNetwork } from './support/fabric-test-network.js';
import { eventually, newBatch } from './support/ledger-fixtures.js';

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

  describe('a department\'s peer outage', function () {
    it('keeps anchoring without NFRA\'s peer, which catches up to the same height and state after restart', async function () {
      this.timeout(180_000);
      const network = net!.network;
      await ledger.anchorBatch('PBOC', newBatch('before-outage'));

      await network.stopPeer('NFRA');
      assert.equal(network.isPeerRunning('NFRA'), false);
      const during = [];
      // The other four regulators still form a majority, so anchoring goes on.
      for (const submitter of ['PBOC', 'SAMR', 'CAC'] as const) {
        during.push((await ledger.anchorBatch(submitter, newBatch(`during-outage-${submitter}`))).result);
      }
      const heightWithoutNfra = await network.peerHeight('PBOC');

      await network.startPeer('NFRA');
      const caughtUp = await eventually('NFRA\'s peer to reach the others\' height', async () => {
        const [nfra, pboc] = await Promise.all([network.peerHeight('NFRA'), network.peerHeight('PBOC')]);
        return nfra === pboc && nfra >= heightWithoutNfra ? nfra : undefined;
      }, 60_000);
      assert.equal(caughtUp, await network.peerHeight('SAFE'));
      for (const batch of during) {
        assert.deepEqual(await network.queryPeer('NFRA', 'getBatch', [batch.batchId]), batch);
      }
      // And NFRA submits again under its own identity once its peer is back.
      const after = await ledger.anchorBatch('NFRA', newBatch('after-outage'));
      assert.equal(after.result.submittedBy, 'NFRA');
    });
  });
});
