/**
 * `npm run bench:latency`: how long from the HTTP POST of the record that completes a
 * pattern until the alert arrives on a department's socket, with background load flowing.
 * Starts the real platform (embedded engines) in a temp directory; prints p50/p90/p99/max.
 *
 *   BENCH_FLOWS=60 BENCH_BACKGROUND=2000 npm run bench:latency
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { loadConfig } from '../gateway/src/config.js';
import { startPlatform } from '../gateway/src/platform.js';
import type { Alert } from '../core/src/domain/alert.js';

const FLOWS = Number(process.env.BENCH_FLOWS ?? 60);
const BACKGROUND_PER_SECOND = Number(process.env.BENCH_BACKGROUND ?? 2000);

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-latency-'));
  const config = loadConfig({ SUPTECH_DATA_DIR: dataDir, PORT: '0', SUPTECH_DEMO_FEED: '0' });
  const platform = await startPlatform(config, process.env.BENCH_LOG ? { log: { level: 'info' }, logStream: (await import('node:fs')).createWriteStream(process.env.BENCH_LOG) } : { log: false });
  process.stderr.write(`platform up at ${platform.url}\n`);
  const { credentials } = { credentials: JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(join(dataDir, 'credentials.json'), 'utf8'))) as { users: { username: string; password: string }[]; institutions: { code: string; apiKey: string }[] } };
  const bankKey = credentials.institutions.find((i) => i.code === 'JADE_RIVER_BANK')!.apiKey;
  const user = credentials.users.find((u) => u.username === 'nfra.analyst')!;
  const login = await fetch(`${platform.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: user.password }) });
  const { token } = (await login.json()) as { token: string };
  const socket = io(platform.url, { auth: { token }, transports: ['websocket'] });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const arrivals = new Map<string, number>();
  socket.on('alert:raised', (a: Alert) => { for (const txId of a.txIds) arrivals.set(txId, performance.now()); });

  const post = (records: unknown[]): Promise<Response> => fetch(`${platform.url}/api/v1/transactions`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bankKey}` }, body: JSON.stringify(records),
  });
  let serial = 0;
  let stop = false;
  // Background load: transfers between ordinary accounts, in 100-record batches.
  const background = (async () => {
    while (!stop) {
      const batch = Array.from({ length: 100 }, () => ({
        txId: `bg-${serial++}`, institution: 'JADE_RIVER_BANK', ts: new Date(Date.now() - Math.random() * 86_400_000).toISOString(),
        type: 'transfer', from: `ACC${Math.floor(Math.random() * 5000)}`, to: `ACC${Math.floor(Math.random() * 5000)}`, amount: (Math.random() * 5000 + 1).toFixed(2),
      }));
      await post(batch);
      await new Promise((r) => setTimeout(r, (100 / BACKGROUND_PER_SECOND) * 1000));
    }
  })();

  const latencies: number[] = [];
  for (let n = 0; n < FLOWS; n++) {
    const day = new Date(Date.UTC(2026, 6, 1 + (n % 60)));
    await post([{ txId: `lat-loan-${n}`, institution: 'JADE_RIVER_BANK', ts: day.toISOString(), type: 'loan_disbursement', from: 'POOL', to: `LATB${n}`, amount: 400000, loanPurpose: 'consumer' }]);
    await new Promise((r) => setTimeout(r, 200));
    const completing = `lat-home-${n}`;
    const sent = performance.now();
    await post([{ txId: completing, institution: 'JADE_RIVER_BANK', ts: new Date(day.getTime() + 86_400_000).toISOString(), type: 'payment', from: `LATB${n}`, to: 'DEVX', amount: 390000, toSector: 'K' }]);
    const deadline = sent + 10_000;
    while (!arrivals.has(completing) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    latencies.push((arrivals.get(completing) ?? Number.POSITIVE_INFINITY) - sent);
    process.stderr.write(`\rflows ${n + 1}/${FLOWS}`);
  }
  stop = true;
  await background;
  const sorted = [...latencies].sort((a, b) => a - b);
  process.stdout.write(`\nalert latency (POST of the completing record → alert:raised on the NFRA socket), ${FLOWS} flows, background ~${BACKGROUND_PER_SECOND} records/s, ${serial} background records\n`);
  process.stdout.write(`p50 ${quantile(sorted, 0.5).toFixed(0)} ms  p90 ${quantile(sorted, 0.9).toFixed(0)} ms  p99 ${quantile(sorted, 0.99).toFixed(0)} ms  max ${sorted.at(-1)!.toFixed(0)} ms\n`);
  socket.close();
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
}

void main();
