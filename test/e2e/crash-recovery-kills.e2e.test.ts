import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drainPending } from 'chdb';
import { createAnalyticsClient } from '../../core/src/storage/analytics-client.js';
import { openEmbeddedLedger } from '../../core/src/ledger/embedded/index.js';
import { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import { MerkleTree } from '../../gateway/src/anchoring/merkle-tree.js';
import type { CredentialsFile } from '../../gateway/src/auth/credential-bootstrap.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = Record<string, unknown>;
interface Health { analytics: { records?: number }; anchoring?: { state: string; anchoredUpToSeq?: number } }

const KILLS = Number(process.env.SUPTECH_FAULT_KILLS ?? 10);
const SENDERS = 4;
const INSTITUTIONS = ['GOLDEN_GATE_BANK', 'JADE_RIVER_BANK', 'SWIFTPAY', 'GOLDEN_GATE_BANK'];

describe('Fault suite: repeated SIGKILLs at random moments during concurrent ingestion', function () {
  this.timeout(300_000);
  const seed = Number(process.env.SUPTECH_FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const random = seededRandom(seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'suptech-kills-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`keeps every acknowledged record once, anchored and provable, across ${KILLS} kills (seed printed)`, async () => {
    console.log(`      fault suite seed ${seed} (SUPTECH_FAULT_SEED=${seed} replays it), ${KILLS} kills, ${SENDERS} senders`);
    let server: ServerProcess = await startServerProcess(dataDir);
    const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as CredentialsFile;
    const keyOf = (code: string): string => credentials.institutions.find((i) => i.code === code)!.apiKey;
    const sent: Row[][] = [];
    const acknowledged: Row[][] = [];
    let batchNo = 0;
    const batchFor = (sender: number): Row[] => {
      const n = batchNo++;
      const size = 10 + Math.floor(random() * 60);
      const institution = INSTITUTIONS[sender]!;
      return Array.from({ length: size }, (_, i) => ({
        txId: `k${n}-s${sender}-${i}`, institution, ts: `2026-07-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00Z`,
        type: 'transfer', from: `S${sender}-A${i % 7}`, to: `S${sender}-B${n % 11}`, amount: 10 + i,
      }));
    };
    const post = async (url: string, batch: Row[]): Promise<{ accepted: number; duplicates: number } | undefined> => {
      try {
        const response = await fetch(`${url}/api/v1/transactions`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${keyOf(String(batch[0]!.institution))}` },
          body: JSON.stringify(batch),
        });
        if (response.status !== 200) return undefined;
        const body = (await response.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
        assert.equal(body.accepted + body.duplicates, batch.length, 'every record of an acknowledged batch is accepted or a duplicate');
        return body;
      } catch {
        return undefined;
      }
    };
    const health = async (url: string): Promise<Health> => (await fetch(`${url}/api/v1/health`)).json() as Promise<Health>;
    const anchoredUpToIngested = async (url: string): Promise<void> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const h = await health(url);
        if ((h.anchoring?.anchoredUpToSeq ?? 0) >= (h.analytics.records ?? 0)) return;
        assert.notEqual(h.anchoring?.state, 'halted', 'anchoring never halts');
        if (Date.now() > deadline) throw new Error(`anchoring did not catch up: ${JSON.stringify(h)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const proofVerifies = async (url: string, r: Row): Promise<void> => {
      const response = await fetch(`${url}/api/v1/transactions/${String(r.institution)}/${String(r.txId)}/proof`, {
        headers: { authorization: `Bearer ${keyOf(String(r.institution))}` },
      });
      const body = (await response.json()) as { verified: boolean; anchored: boolean };
      assert.equal(response.status, 200);
      assert.ok(body.anchored && body.verified, `proof of ${String(r.txId)} verifies: ${JSON.stringify(body)}`);
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

    for (let kill = 0; kill < KILLS; kill++) {
      // Senders post until the process dies; the kill comes at a random moment.
      let alive = true;
      const senders = Array.from({ length: SENDERS }, async (_, s) => {
        while (alive) {
          const batch = batchFor(s);
          sent.push(batch);
          const answer = await post(server.url, batch);
          if (answer) acknowledged.push(batch);
          else if (!alive) return;
        }
      });
      await new Promise((r) => setTimeout(r, 100 + Math.floor(random() * 700)));
      await server.kill('SIGKILL');
      alive = false;
      await Promise.all(senders);

      server = await startServerProcess(dataDir);
      // After each restart: acknowledged records are there (a resend of a sample is all duplicates),
      // every batch holding them gets anchored, and their proofs verify.
      await anchoredUpToIngested(server.url);
      for (let i = 0; i < 3 && acknowledged.length > 0; i++) {
        const batch = pick(acknowledged);
        const answer = await post(server.url, batch);
        assert.deepEqual(answer && { accepted: answer.accepted, duplicates: answer.duplicates }, { accepted: 0, duplicates: batch.length }, 'an acknowledged batch is stored');
      }
      for (let i = 0; i < 8 && acknowledged.length > 0; i++) await proofVerifies(server.url, pick(pick(acknowledged)));
    }

    // Resend everything: the data is completed, nothing doubled; then everything is anchored.
    for (const batch of sent) assert.ok(await post(server.url, batch), 'resending is accepted');
    await anchoredUpToIngested(server.url);
    for (let i = 0; i < 20; i++) await proofVerifies(server.url, pick(pick(sent)));
    await server.kill('SIGTERM');

    const client = createAnalyticsClient({ path: join(dataDir, 'chdb') });
    const q = async <T>(query: string): Promise<T[]> => (await client.query({ query, format: 'JSONEachRow' })).json<T>();
    const [raw] = await q<{ rows: number; keys: number; seqs: number }>(`SELECT count() AS rows, uniqExact(institution, tx_id) AS keys, uniqExact(seq) AS seqs FROM transactions`);
    const anchoredKeys = new Set((await q<{ k: string }>(`SELECT concat(institution, '/', tx_id) AS k FROM batch_members FINAL WHERE batch_id IN (SELECT batch_id FROM batches)`)).map((r) => r.k));
    const [hashes] = await q<{ bad: number }>(`SELECT countIf(m.record_hash != t.record_hash) AS bad FROM batch_members AS m FINAL
      INNER JOIN transactions AS t FINAL ON t.institution = m.institution AND t.tx_id = m.tx_id WHERE m.batch_id IN (SELECT batch_id FROM batches)`);
    const batches = await q<{ batch_id: string; merkle_root: string }>(`SELECT batch_id, merkle_root FROM batches FINAL`);
    const leaves = new Map<string, string[]>();
    for (const r of await q<{ batch_id: string; record_hash: string }>(`SELECT batch_id, record_hash FROM batch_members FINAL ORDER BY batch_id, leaf_index`)) {
      leaves.set(r.batch_id, [...(leaves.get(r.batch_id) ?? []), r.record_hash]);
    }
    await client.close();
    await drainPending();

    const expected = new Set(sent.flat().map((r) => `${String(r.institution)}/${String(r.txId)}`));
    assert.equal(raw?.keys, expected.size, 'every record sent is stored after the resend');
    assert.equal(raw?.rows, expected.size, 'no record is stored twice');
    assert.equal(raw?.seqs, expected.size, 'sequence numbers are unique');
    for (const k of expected) assert.ok(anchoredKeys.has(k), `${k} is in an anchored batch`);
    assert.equal(hashes?.bad, 0, 'every anchored leaf is the stored record\'s hash');

    // Every batch's root, recomputed from its leaves, is the root on the ledger.
    const ledger = new SupervisionLedger(await openEmbeddedLedger({ directory: join(dataDir, 'ledger') }));
    try {
      for (const b of batches) {
        const root = new MerkleTree(leaves.get(b.batch_id) ?? []).root;
        assert.equal(root, b.merkle_root, `batch ${b.batch_id}: leaves give the stored root`);
        assert.equal((await ledger.getBatch('PBOC', b.batch_id))?.merkleRoot, root, `batch ${b.batch_id}: root on the ledger`);
      }
    } finally { await ledger.backend.close(); }
    console.log(`      ${expected.size} records in ${batches.length} batches, ${acknowledged.length} of ${sent.length} requests acknowledged before a kill`);
  });
});
