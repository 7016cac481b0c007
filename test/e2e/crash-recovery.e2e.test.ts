import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drainPending } from 'chdb';
import { createAnalyticsClient } from '../../core/src/storage/analytics-client.js';
import type { CredentialsFile } from '../../gateway/src/auth/credential-bootstrap.js';

/** Starts `npm start`'s entry point as a real process and waits until it listens. */
async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/server.ts'], {
    env: { ...process.env, SUPTECH_DATA_DIR: dataDir, PORT: String(port), SUPTECH_DEMO_FEED: '0', SUPTECH_ANCHOR_INTERVAL_MS: '100', SUPTECH_HEALTH_DETAILS: 'public' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const deadline = Date.now() + 60_000;
  while (!output.includes('SupTech platform ready')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

const freePort = (): number => 20_000 + Math.floor(Math.random() * 20_000);

describe('Crash recovery of the whole platform process', function () {
  this.timeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'suptech-crash-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged record exactly once, anchors all of them and raises each alert once after a SIGKILL mid-stream', async () => {
    let port = freePort();
    let server = await startServer(dataDir, port);
    const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as CredentialsFile;
    const key = credentials.institutions.find((i) => i.code === 'GOLDEN_GATE_BANK')!.apiKey;
    const acknowledged = new Set<string>();
    const sent: Record<string, unknown>[][] = [];
    const post = async (p: number, batch: Record<string, unknown>[]): Promise<boolean> => {
      try {
        const response = await fetch(`http://127.0.0.1:${p}/api/v1/transactions`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(batch),
        });
        if (response.status !== 200) return false;
        const body = (await response.json()) as { accepted: number; duplicates: number };
        assert.equal(body.accepted + body.duplicates, batch.length);
        for (const r of batch) acknowledged.add(String(r.txId));
        return true;
      } catch {
        return false;
      }
    };
    // Batches of a loan and a real-estate payment (one incident each) plus background transfers.
    const batchOf = (n: number): Record<string, unknown>[] => [
      { txId: `c${n}-loan`, institution: 'GOLDEN_GATE_BANK', ts: `2026-07-${String(1 + (n % 28)).padStart(2, '0')}T08:00:00Z`, type: 'loan_disbursement', from: 'POOL', to: `CR-B${n}`, amount: 200000, loanPurpose: 'consumer' },
      ...Array.from({ length: 50 }, (_, i) => ({ txId: `c${n}-t${i}`, institution: 'GOLDEN_GATE_BANK', ts: '2026-07-01T10:00:00Z', type: 'transfer', from: `X${i}`, to: `Y${n}`, amount: 10 + i })),
      { txId: `c${n}-home`, institution: 'GOLDEN_GATE_BANK', ts: `2026-07-${String(1 + (n % 28)).padStart(2, '0')}T20:00:00Z`, type: 'payment', from: `CR-B${n}`, to: 'DEV', amount: 150000, toSector: 'K' },
    ];
    const inFlight: Promise<boolean>[] = [];
    for (let n = 0; n < 40; n++) {
      const batch = batchOf(n);
      sent.push(batch);
      inFlight.push(post(port, batch));
      if (n === 25) server.kill('SIGKILL'); // mid-stream, with submissions in flight
      await new Promise((r) => setTimeout(r, 15));
    }
    await Promise.all(inFlight);
    await new Promise<void>((resolve) => { if (server.exitCode !== null || server.signalCode) resolve(); else server.once('exit', () => resolve()); });

    // Restart; the institution resends everything it has not seen acknowledged, and some it has.
    port = freePort();
    server = await startServer(dataDir, port);
    for (const batch of sent) assert.ok(await post(port, batch), 'resubmission after restart is accepted');
    // Wait for anchoring and detection to catch up, then stop cleanly.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const health = (await (await fetch(`http://127.0.0.1:${port}/api/v1/health`)).json()) as { detection: { processedSeq: number; ingestedSeq: number } };
      if (health.detection.processedSeq >= health.detection.ingestedSeq && health.detection.ingestedSeq > 0) break;
      if (Date.now() > deadline) throw new Error('detection did not catch up');
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 500));
    server.kill('SIGTERM');
    await new Promise<void>((resolve) => server.once('exit', () => resolve()));

    const client = createAnalyticsClient({ path: join(dataDir, 'chdb') });
    const q = async <T>(query: string): Promise<T[]> => (await client.query({ query, format: 'JSONEachRow' })).json<T>();
    const [counts] = await q<{ rows: number; keys: number; seqs: number }>(`SELECT count() AS rows, uniqExact(tx_id) AS keys, uniqExact(seq) AS seqs FROM transactions FINAL`);
    const [raw] = await q<{ rows: number }>(`SELECT count() AS rows FROM transactions`);
    // detection_events is a plain MergeTree fed by every insert into transactions: a record
    // inserted twice stays there twice, even after merges removed the copy from transactions.
    const [copies] = await q<{ rows: number; keys: number }>(`SELECT count() AS rows, uniqExact(institution, tx_id) AS keys FROM detection_events`);
    const [anchored] = await q<{ n: number }>(`SELECT uniqExact(tx_id) AS n FROM batch_members WHERE batch_id IN (SELECT batch_id FROM batches)`);
    const alerts = await q<{ id: string }>(`SELECT id FROM alerts_state FINAL WHERE typology = 'credit_to_real_estate'`);
    await client.close();
    await drainPending();

    const expected = sent.flat().length;
    assert.equal(counts?.keys, expected, 'every record is stored');
    assert.equal(raw?.rows, expected, 'no record is stored twice');
    assert.equal(counts?.seqs, expected, 'sequence numbers are unique');
    assert.deepEqual([Number(copies?.rows), Number(copies?.keys)], [expected, expected], 'no insert was ever repeated');
    assert.equal(anchored?.n, expected, 'every record is anchored in a batch on the ledger');
    assert.equal(alerts.length, 40, 'one alert per planted incident, none doubled');
    assert.ok(acknowledged.size === expected);
  });
});
