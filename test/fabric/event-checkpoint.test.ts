import assert from 'node:assert/strict';
import type { LedgerEvent } from '../../core/src/ledger/ledger.js';
import { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import { openFabricLedger, type FabricLedger } from '../../core/src/ledger/fabric/index.js';
import { startOrSkip, type FabricTestNetwork } from './support/fabric-test-network.js';
import { eventually, newBatch } from './support/ledger-fixtures.js';

describe('Fabric ledger backend', function () {
  let net: FabricTestNetwork | undefined;
  let submitter: FabricLedger;

  before(async function () {
    net = await startOrSkip(this);
    submitter = await openFabricLedger({ profilePath: net.network.connectionProfilePath, dataDir: net.newDataDir('submitter') });
  });

  after(async function () {
    this.timeout(60_000);
    await submitter?.close();
    await net?.stop();
  });

  describe('subscribe', function () {
    it('delivers every chaincode event exactly once across a restart of the gateway', async function () {
      this.timeout(120_000);
      const dataDir = net!.newDataDir('gateway');
      const open = () => openFabricLedger({ profilePath: net!.network.connectionProfilePath, dataDir });
      const anchor = async (label: string) => (await new SupervisionLedger(submitter).anchorBatch('SAMR', newBatch(label))).txId;
      const received: LedgerEvent[] = [];
      const seen = (txId: string) => async () => (received.some((e) => e.txId === txId) ? true : undefined);

      const first = await open();
      first.subscribe((event) => { received.push(event); });
      await first.listening();
      const sent = [await anchor('one'), await anchor('two')];
      await eventually('the first gateway to receive both events', seen(sent[1]!));
      await first.close();

      // Committed while the gateway is down: the restarted one must deliver these.
      sent.push(await anchor('three'), await anchor('four'));

      const second = await open();
      try {
        second.subscribe((event) => { received.push(event); });
        await second.listening();
        sent.push(await anchor('five'));
        await eventually('the restarted gateway to receive the last event', seen(sent[4]!));
        assert.deepEqual(received.map((e) => e.txId), sent, 'each event once, in commit order');
        assert.ok(received.every((e) => e.name === 'BatchAnchored'));
        const blocks = received.map((e) => e.blockNumber);
        assert.deepEqual(blocks, [...blocks].sort((a, b) => a - b));
      } finally {
        await second.close();
      }
    });
  });
});
