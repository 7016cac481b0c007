import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const records = (prefix: string, n: number): Record<string, unknown>[] => Array.from({ length: n }, (_, i) => ({
  txId: `${prefix}-${i}`, institution: 'GOLDEN_GATE_BANK', ts: '2026-07-01T10:00:00Z', type: 'transfer', from: `${prefix}-X${i}`, to: `${prefix}-Y`, amount: 10 + i,
}));

async function ingest(p: TestPlatform, prefix: string, n: number): Promise<void> {
  const { status } = await p.postTransactions(records(prefix, n), p.apiKeyOf('GOLDEN_GATE_BANK'));
  assert.equal(status, 200);
}

async function health(p: TestPlatform): Promise<{ status: string; partition: string; anchoring: { state: string; reason?: string; batchId?: string } }> {
  return (await fetch(`${p.baseUrl}/api/v1/health`)).json() as never;
}

async function proof(p: TestPlatform, txId: string): Promise<{ verified: boolean; batchId: string }> {
  const response = await fetch(`${p.baseUrl}/api/v1/transactions/GOLDEN_GATE_BANK/${txId}/proof`, { headers: { authorization: `Bearer ${p.apiKeyOf('GOLDEN_GATE_BANK')}` } });
  return response.json() as never;
}

describe('Partitions: qualified batch ids, reconciliation with the ledger at start, halting on a refusal', function () {
  this.timeout(180_000);
  const root = mkdtempSync(join(tmpdir(), 'suptech-partitions-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const dir = (name: string): string => join(root, name);

  it('qualifies batch ids with a partition generated at first start and kept in the data directory', async () => {
    const p = await startPlatform({ dataDir: dir('a') });
    try {
      await ingest(p, 'a', 5);
      await p.settle();
      const h = await health(p);
      assert.match(h.partition, /^p[0-9a-f]{16}$/);
      assert.equal(h.anchoring.state, 'running');
      const pr = await proof(p, 'a-0');
      assert.ok(pr.verified);
      assert.equal(pr.batchId, `B-${h.partition}-000000000001-000000000005`);
      assert.equal((JSON.parse(readFileSync(join(dir('a'), 'partition.json'), 'utf8')) as { partition: string }).partition, h.partition);
    } finally { await p.close(); }
    await assert.rejects(startPlatform({ dataDir: dir('a'), env: { SUPTECH_PARTITION: 'other' } }), /belongs to partition p[0-9a-f]{16}/);
  });

  it('re-anchors the batches of a reset ledger from the stored records, same ids and roots', async () => {
    rmSync(join(dir('a'), 'ledger'), { recursive: true, force: true });
    const p = await startPlatform({ dataDir: dir('a') });
    try {
      assert.ok(p.logs.some((l) => l.includes('the ledger was reset') && l.includes('lacks 1 of the 1 batches')), 'the reset is logged');
      const pr = await proof(p, 'a-4');
      assert.ok(pr.verified, 'the proof verifies against the re-anchored root');
      assert.match(pr.batchId, /^B-p[0-9a-f]{16}-000000000001-000000000005$/);
      await ingest(p, 'a2', 3);
      await p.settle();
      assert.ok((await proof(p, 'a2-2')).verified);
    } finally { await p.close(); }
  });

  it('refuses to start on another network\'s ledger holding our batch id with another root, and says which', async () => {
    for (const [name, prefix] of [['b', 'bee'], ['c', 'sea']] as const) {
      const p = await startPlatform({ dataDir: dir(name), env: { SUPTECH_PARTITION: 'alpha' } });
      try { await ingest(p, prefix, 4); await p.settle(); } finally { await p.close(); }
    }
    rmSync(join(dir('c'), 'ledger'), { recursive: true, force: true });
    cpSync(join(dir('b'), 'ledger'), join(dir('c'), 'ledger'), { recursive: true });
    await assert.rejects(startPlatform({ dataDir: dir('c') }),
      /the ledger is another network's: batch B-alpha-000000000001-000000000004 is anchored there with root [0-9a-f]{64}.*this data directory anchored it with root [0-9a-f]{64}/);
  });

  it('halts anchoring on a conflict retrying cannot resolve: health says halted and why, the cause is logged', async () => {
    // A second gateway misconfigured with the same partition id, on the same ledger.
    cpSync(join(dir('b'), 'ledger'), join(dir('d'), 'ledger'), { recursive: true });
    const p = await startPlatform({ dataDir: dir('d'), env: { SUPTECH_PARTITION: 'alpha' } });
    try {
      await ingest(p, 'dee', 4);
      await assert.rejects(p.settle(), /anchoring halted at batch B-alpha-000000000001-000000000004: CONFLICT/);
      const h = await health(p);
      assert.equal(h.status, 'degraded');
      assert.equal(h.anchoring.state, 'halted');
      assert.equal(h.anchoring.batchId, 'B-alpha-000000000001-000000000004');
      assert.match(h.anchoring.reason ?? '', /CONFLICT: batch B-alpha-000000000001-000000000004 is already anchored with root/);
      await new Promise((r) => setTimeout(r, 600));
      const halts = p.logs.filter((l) => l.includes('anchoring halted'));
      assert.equal(halts.length, 1, 'logged once, not retried');
      assert.equal((JSON.parse(halts[0]!) as { level: number }).level, 50, 'at error level');
    } finally { await p.close(); }
  });
});
