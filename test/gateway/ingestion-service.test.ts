import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { applySchema, createAnalyticsClient } from '../../core/src/storage/analytics-client.js';
import { TransactionStore } from '../../core/src/storage/transaction-store.js';
import { IngestionService, type IngestionResult } from '../../gateway/src/ingest/ingestion-service.js';
import { PreparationPool } from '../../gateway/src/ingest/preparation/preparation-pool.js';

const record = (txId: string, amount = 100): Record<string, unknown> => ({
  txId, institution: 'JADE_RIVER_BANK', ts: '2026-07-01T10:00:00Z', type: 'transfer', from: `A-${txId}`, to: 'B', amount,
});

describe('IngestionService: duplicates, conflicts and seq order under concurrency (real worker threads, real chDB)', function () {
  this.timeout(120_000);
  let dir: string;
  let client: ClickHouseClient;
  let pool: PreparationPool;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ingestion-service-'));
    client = createAnalyticsClient({ path: path.join(dir, 'chdb') });
    await applySchema(client);
    pool = new PreparationPool({ key: randomBytes(32), workers: 2 });
  });
  after(async () => {
    await pool.close();
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = async (): Promise<{ rows: number; keys: number; seqs: number }> => {
    const rs = await client.query({ query: 'SELECT count() AS rows, uniqExact(tx_id) AS keys, uniqExact(seq) AS seqs FROM transactions', format: 'JSONEachRow' });
    const [row] = await rs.json<{ rows: number | string; keys: number | string; seqs: number | string }>();
    return { rows: Number(row!.rows), keys: Number(row!.keys), seqs: Number(row!.seqs) };
  };

  it('keeps every key once with a saturated filter (every key "maybe seen"), telling duplicates from conflicts exactly', async () => {
    // 2^10 bits for thousands of keys: the filter answers "maybe" for nearly all, so every check goes to the table.
    const notified: number[] = [];
    const service = new IngestionService({ store: new TransactionStore({ client }), pool, keyFilterLog2Bits: 10, onIngested: (seq) => notified.push(seq) });
    const first = await service.ingest(Array.from({ length: 3000 }, (_, i) => record(`s-${i}`)));
    assert.deepEqual([first.accepted, first.duplicates, first.rejectedCount], [3000, 0, 0]);
    const again = await Promise.all([
      service.ingest(Array.from({ length: 3000 }, (_, i) => record(`s-${i}`))),
      service.ingest([record('s-1', 999), record('s-new'), record('s-new'), record('s-2')]),
    ]);
    assert.deepEqual([again[0].accepted, again[0].duplicates], [0, 3000]);
    assert.deepEqual([again[1].accepted, again[1].duplicates, again[1].rejected], [1, 2, [{ index: 0, txId: 's-1', reason: 'txId: already received with different content' }]]);
    assert.deepEqual(await stored(), { rows: 3001, keys: 3001, seqs: 3001 });
    assert.deepEqual(notified, [...notified].sort((a, b) => a - b), 'the stored watermark only grows');
  });

  it('answers concurrent overlapping submissions consistently: each key stored once, the watermark never ahead of what is stored', async () => {
    const store = new TransactionStore({ client });
    // At each watermark N, how many rows lie at or below it; once all is done, that count must
    // not have grown: no insert below a watermark lands after the watermark was announced.
    const seen: Promise<{ seq: number; rows: number }>[] = [];
    const rowsUpTo = async (seq: number): Promise<number> => {
      const rs = await client.query({ query: `SELECT count() AS n FROM transactions WHERE tx_id LIKE 'c-%' AND seq <= ${seq}`, format: 'JSONEachRow' });
      return Number((await rs.json<{ n: number | string }>())[0]!.n);
    };
    const service = new IngestionService({ store, pool, onIngested: (seq) => { seen.push(rowsUpTo(seq).then((rows) => ({ seq, rows }))); } });
    await service.start();
    // 12 submissions of 2,000 records over 6,000 keys: each key arrives in four of them.
    const submissions = Array.from({ length: 12 }, (_, s) => Array.from({ length: 2000 }, (_, i) => record(`c-${(s * 500 + i) % 6000}`)));
    const answers: IngestionResult[] = await Promise.all(submissions.map((batch) => service.ingest(batch)));
    for (const { seq, rows } of await Promise.all(seen)) assert.equal(await rowsUpTo(seq), rows, `rows at or below watermark ${seq} grew after it was announced`);
    assert.ok(seen.length > 1, 'several commits');
    const accepted = answers.reduce((n, a) => n + a.accepted, 0);
    const duplicates = answers.reduce((n, a) => n + a.duplicates, 0);
    assert.equal(accepted, 6000, 'each key accepted once across all submissions');
    assert.equal(accepted + duplicates, 24_000);
    const rs = await client.query({ query: "SELECT count() AS rows, uniqExact(tx_id) AS keys, uniqExact(seq) AS seqs FROM transactions WHERE tx_id LIKE 'c-%'", format: 'JSONEachRow' });
    const [row] = await rs.json<{ rows: number | string; keys: number | string; seqs: number | string }>();
    assert.deepEqual([Number(row!.rows), Number(row!.keys), Number(row!.seqs)], [6000, 6000, 6000]);
  });

  it('rebuilds its duplicate filter from the table at start: a restarted service finds what the previous one stored', async () => {
    const service = new IngestionService({ store: new TransactionStore({ client }), pool });
    const answer = await service.ingest([record('s-0'), record('c-5'), record('after-restart')]);
    assert.deepEqual([answer.accepted, answer.duplicates], [1, 2]);
    assert.ok(service.storedSeq > 0);
  });
});
