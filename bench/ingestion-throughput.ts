/**
 * `npm run bench:ingest`: records per second through `POST /api/v1/transactions` (NDJSON),
 * end to end: parse, validate, pseudonymize, hash, duplicate check, durable insert, answer.
 * Anchoring and detection run in the background of the same process, as in production.
 *
 *   BENCH_RECORDS=200000 BENCH_BATCH=5000 BENCH_CLIENTS=2 npm run bench:ingest
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../gateway/src/config.js';
import { startPlatform } from '../gateway/src/platform.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2);

function ndjsonBatch(start: number, size: number): string {
  const lines: string[] = [];
  for (let i = start; i < start + size; i++) {
    lines.push(JSON.stringify({
      txId: `ing-${i}`, institution: 'JADE_RIVER_BANK', ts: new Date(Date.UTC(2026, 6, 1) + (i % 86_400) * 1000).toISOString(),
      type: 'transfer', from: `62220${i % 50_000}`, to: `62221${(i * 7) % 50_000}`, amount: ((i % 9_000) + 1).toFixed(2),
    }));
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const platform = await startPlatform(loadConfig({ SUPTECH_DATA_DIR: dataDir, PORT: '0', SUPTECH_DEMO_FEED: '0' }), { log: false });
  const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { institutions: { code: string; apiKey: string }[] };
  const key = credentials.institutions.find((i) => i.code === 'JADE_RIVER_BANK')!.apiKey;
  const batches = Array.from({ length: Math.ceil(RECORDS / BATCH) }, (_, n) => ndjsonBatch(n * BATCH, Math.min(BATCH, RECORDS - n * BATCH)));
  let next = 0;
  let accepted = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < batches.length) {
      const body = batches[next++]!;
      const t = performance.now();
      const response = await fetch(`${platform.url}/api/v1/transactions`, {
        method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` }, body,
      });
      const result = (await response.json()) as { accepted: number };
      latencies.push(performance.now() - t);
      accepted += result.accepted;
      process.stderr.write(`\r${accepted} records accepted`);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  process.stdout.write(`\ningestion: ${accepted} records in ${seconds.toFixed(2)} s = ${Math.round(accepted / seconds)} records/s (batches of ${BATCH}, ${CLIENTS} clients); batch answer p50 ${latencies[Math.floor(latencies.length / 2)]!.toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms\n`);
  const settleStart = performance.now();
  await platform.core.settle();
  process.stdout.write(`anchoring and detection caught up ${((performance.now() - settleStart) / 1000).toFixed(2)} s after the last answer\n`);
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
}

void main();
