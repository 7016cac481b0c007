import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchIdOf, loadOrCreatePartition } from '../../gateway/src/anchoring/partition.js';
import { loadConfig } from '../../gateway/src/config.js';

describe('Partition identity of a data directory', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'suptech-partition-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a random one at first start and keeps it', async () => {
    const first = await loadOrCreatePartition(dir, undefined, async () => 0);
    assert.equal(first.origin, 'generated');
    assert.match(first.id, /^p[0-9a-f]{16}$/);
    const again = await loadOrCreatePartition(dir, undefined, async () => 0);
    assert.deepEqual(again, { id: first.id, origin: 'stored' });
    assert.notEqual((await loadOrCreatePartition(mkdtempSync(join(dir, 'fresh-')), undefined, async () => 0)).id, first.id, 'a fresh data directory is a new partition');
  });

  it('takes SUPTECH_PARTITION at first start and refuses another one later', async () => {
    assert.equal((await loadOrCreatePartition(dir, 'gw1', async () => 0)).origin, 'configured');
    assert.equal((await loadOrCreatePartition(dir, 'gw1', async () => 0)).id, 'gw1');
    await assert.rejects(loadOrCreatePartition(dir, 'gw2', async () => 0), /SUPTECH_PARTITION=gw2: this data directory belongs to partition gw1/);
  });

  it('records that a data directory from before partitions keeps its old batch ids up to its anchored seq', async () => {
    const p = await loadOrCreatePartition(dir, undefined, async () => 120);
    assert.equal(p.legacyUpToSeq, 120);
    assert.equal((JSON.parse(readFileSync(join(dir, 'partition.json'), 'utf8')) as { legacyUpToSeq: number }).legacyUpToSeq, 120);
    assert.equal((await loadOrCreatePartition(dir, undefined, async () => 999)).legacyUpToSeq, 120);
  });

  it('refuses a damaged partition file and a bad SUPTECH_PARTITION', async () => {
    writeFileSync(join(dir, 'partition.json'), '{"partition":"has-dash"}');
    await assert.rejects(loadOrCreatePartition(dir, undefined, async () => 0), /no valid partition id/);
    assert.throws(() => loadConfig({ SUPTECH_PARTITION: 'a-b' }), /SUPTECH_PARTITION=a-b: must be 1 to 32 letters, digits or _/);
    assert.equal(loadConfig({ SUPTECH_PARTITION: 'shard_7' }).partition, 'shard_7');
    assert.equal(batchIdOf('shard_7', 1, 42), 'B-shard_7-000000000001-000000000042');
  });
});
