import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../gateway/src/config.js';
import { openPlatformCore, type PlatformCore } from '../../gateway/src/platform-core.js';
import { BatchAnchorer } from '../../gateway/src/anchoring/batch-anchorer.js';
import { MerkleTree } from '../../gateway/src/anchoring/merkle-tree.js';
import { batchIdOf } from '../../gateway/src/anchoring/partition.js';

describe('Anchoring after a crash between saving a batch\'s members and recording its anchor', function () {
  this.timeout(60_000);
  let root: string;
  let core: PlatformCore;
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'anchor-recovery-'));
    const config = { ...loadConfig({ SUPTECH_DEMO_FEED: '0' }), dataDir: path.join(root, 'data') };
    core = await openPlatformCore(config, pino({ level: 'silent' }), { start: false });
  });
  after(async () => {
    await core.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('anchors the unfinished batch again with the same id and root, then the records after it', async () => {
    const records = Array.from({ length: 5 }, (_, i) => ({
      txId: `r-${i}`, institution: 'JADE_RIVER_BANK', ts: `2026-07-01T10:0${i}:00Z`, type: 'transfer', from: `A${i}`, to: 'B', amount: 100 + i,
    }));
    assert.equal((await core.ingestion.ingest(records)).accepted, 5);
    // What the crash left: the first three records saved as members of a batch never recorded as anchored.
    const first = await core.records.leavesBySeq(0, 3);
    const orphan = batchIdOf(core.partition.id, first[0]!.seq, first[2]!.seq);
    await core.batches.saveMembersOf(orphan, {
      seqs: first.map((r) => r.seq), hashes: first.map((r) => r.recordHash).join(''),
      institutions: first.map((r) => r.institution), txIds: first.map((r) => r.txId),
    });

    // A restarted process: an anchorer with nothing in memory reads back from the tables.
    const restarted = new BatchAnchorer({
      records: core.records, batches: core.batches, ledger: core.ledger, submitter: core.config.operatorDepartment,
      maxBatchSize: 50_000, partition: core.partition.id,
    });
    assert.equal(await restarted.anchorPending(), 2);
    const batches = (await core.batches.list()).map((b) => b.batchId).sort();
    const rest = await core.records.leavesBySeq(first[2]!.seq, 10);
    assert.deepEqual(batches, [orphan, batchIdOf(core.partition.id, rest[0]!.seq, rest[1]!.seq)].sort());
    const onLedger = await core.ledger.getBatch(core.config.operatorDepartment, orphan);
    assert.equal(onLedger?.merkleRoot, new MerkleTree(first.map((r) => r.recordHash)).root, 'the same root as its members give');
    for (const r of records) assert.ok((await core.proofs.prove(r.institution, r.txId)).verified, `${r.txId} verifies`);
  });
});
