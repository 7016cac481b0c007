import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CredentialsFile } from '../../gateway/src/auth/credential-bootstrap.js';
import type { BatchAnchor } from '../../core/src/ledger/contract-model.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startOrSkip, type FabricTestNetwork } from './support/fabric-test-network.js';
import { eventually } from './support/ledger-fixtures.js';

interface Health { status: string; partition: string; analytics: { records?: number }; anchoring: { state: string; anchoredUpToSeq?: number; reason?: string; batchId?: string } }
interface Proof { verified: boolean; batchId: string; merkleRoot: string }

/** One gateway process on the Fabric channel, with its own data directory. */
class Gateway {
  constructor(readonly server: ServerProcess, readonly dataDir: string) {}
  key(code: string): string {
    const credentials = JSON.parse(readFileSync(join(this.dataDir, 'credentials.json'), 'utf8')) as CredentialsFile;
    return credentials.institutions.find((i) => i.code === code)!.apiKey;
  }
  async health(): Promise<Health> { return (await fetch(`${this.server.url}/api/v1/health`)).json() as Promise<Health>; }
  async send(prefix: string, n: number): Promise<void> {
    const records = Array.from({ length: n }, (_, i) => ({
      txId: `${prefix}-${i}`, institution: 'GOLDEN_GATE_BANK', ts: '2026-07-01T10:00:00Z', type: 'transfer', from: `${prefix}-A${i}`, to: `${prefix}-B`, amount: 100 + i,
    }));
    const response = await fetch(`${this.server.url}/api/v1/transactions`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${this.key('GOLDEN_GATE_BANK')}` }, body: JSON.stringify(records),
    });
    assert.equal(response.status, 200, await response.clone().text());
  }
  async anchored(): Promise<Health> {
    return eventually('anchoring caught up', async () => {
      const h = await this.health();
      return (h.analytics.records ?? 0) > 0 && (h.anchoring.anchoredUpToSeq ?? 0) >= (h.analytics.records ?? 0) ? h : undefined;
    }, 90_000);
  }
  async proof(txId: string): Promise<Proof> {
    const response = await fetch(`${this.server.url}/api/v1/transactions/GOLDEN_GATE_BANK/${txId}/proof`, { headers: { authorization: `Bearer ${this.key('GOLDEN_GATE_BANK')}` } });
    return response.json() as Promise<Proof>;
  }
}

describe('Gateway partitions on one Fabric channel', function () {
  let net: FabricTestNetwork | undefined;
  const running: Gateway[] = [];
  const start = async (dataDir: string, env: Record<string, string> = {}): Promise<Gateway> => {
    const g = new Gateway(await startServerProcess(dataDir, {
      SUPTECH_LEDGER: 'fabric', SUPTECH_FABRIC_PROFILE: net!.network.connectionProfilePath, ...env,
    }, 180_000), dataDir);
    running.push(g);
    return g;
  };

  before(async function () { net = await startOrSkip(this); });
  after(async function () {
    this.timeout(120_000);
    for (const g of running) await g.server.kill('SIGTERM');
    await net?.stop();
  });

  it('two gateways, each with its own data directory, anchor on the same channel without colliding', async function () {
    this.timeout(300_000);
    const [a, b] = await Promise.all([start(net!.newDataDir('gw-a')), start(net!.newDataDir('gw-b'))]);
    // Both begin at seq 1: unqualified ids would collide (B-…001-…005 with two roots).
    await Promise.all([a.send('pa', 5), b.send('pb', 5)]);
    const [ha, hb] = await Promise.all([a.anchored(), b.anchored()]);
    assert.notEqual(ha.partition, hb.partition);
    for (const [g, h, txId] of [[a, ha, 'pa-0'], [b, hb, 'pb-0']] as const) {
      const proof = await g.proof(txId);
      assert.ok(proof.verified, `${txId} verifies`);
      assert.equal(proof.batchId, `B-${h.partition}-000000000001-000000000005`);
      const onPeer = (await net!.network.queryPeer('NFRA', 'getBatch', [proof.batchId])) as BatchAnchor | null;
      assert.equal(onPeer?.merkleRoot, proof.merkleRoot, 'the root on another department\'s peer');
      assert.equal(h.anchoring.state, 'running');
    }
  });

  it('a gateway with a fresh data directory on a ledger that already holds anchors is a new partition and anchors', async function () {
    this.timeout(300_000);
    const fresh = await start(net!.newDataDir('gw-fresh'));
    await fresh.send('pf', 5);
    const h = await fresh.anchored();
    const proof = await fresh.proof('pf-4');
    assert.ok(proof.verified);
    assert.equal(proof.batchId, `B-${h.partition}-000000000001-000000000005`);
    assert.equal(h.anchoring.state, 'running');
  });

  it('a fresh data directory given an existing partition id halts on the conflict instead of retrying forever', async function () {
    this.timeout(300_000);
    const taken = (await running[0]!.health()).partition;
    const clash = await start(net!.newDataDir('gw-clash'), { SUPTECH_PARTITION: taken });
    await clash.send('pc', 5);
    const h = await eventually('anchoring halted', async () => {
      const health = await clash.health();
      return health.anchoring.state === 'halted' ? health : undefined;
    }, 90_000);
    assert.equal(h.status, 'degraded');
    assert.equal(h.anchoring.batchId, `B-${taken}-000000000001-000000000005`);
    assert.match(h.anchoring.reason ?? '', /CONFLICT/);
    assert.match(clash.server.output(), /anchoring halted/);
  });

  it('a gateway restarted over its data directory finds its anchors on the channel and carries on', async function () {
    this.timeout(300_000);
    const a = running[0]!;
    await a.server.kill('SIGTERM');
    const again = await start(a.dataDir);
    assert.doesNotMatch(again.server.output(), /ledger was reset|another network/);
    await again.send('pa2', 3);
    await again.anchored();
    assert.ok((await again.proof('pa2-2')).verified);
    assert.ok((await again.proof('pa-0')).verified);
  });
});
