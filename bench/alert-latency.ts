/**
 * `npm run bench:latency`: how long from the HTTP POST of the record that completes a
 * pattern until the alert arrives on a department's socket, under background load that a
 * separate process sends (bench/latency-load.ts). One row per load, each on a fresh
 * platform (embedded engines, temp directory): a light reference load, 20,000 and 50,000
 * records/s, and a hot account pair (every background record between the same two
 * accounts). Per row: alert latency p50/p90/p99/max, the background rate the platform
 * actually accepted, detection lag (a slice stored → every typology has examined it) p50/p99, the slowest health answer, and the server's peak RSS.
 *
 *   BENCH_FLOWS=40 npm run bench:latency
 *   BENCH_BACKGROUND=2000 BENCH_RATES=20000,50000 BENCH_HOT_RATE=20000 npm run bench:latency
 *   BENCH_LOG=/tmp/platform.log …   # platform log: one "detection round" line per round, per-typology ms
 */
import { fork } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { loadConfig } from '../gateway/src/config.js';
import { startPlatform } from '../gateway/src/platform.js';
import type { Alert } from '../core/src/domain/alert.js';

const here = dirname(fileURLToPath(import.meta.url));
const FLOWS = Number(process.env.BENCH_FLOWS ?? 40);
const REFERENCE_RATE = Number(process.env.BENCH_BACKGROUND ?? 2000);
const RATES = (process.env.BENCH_RATES ?? '20000,50000').split(',').filter(Boolean).map(Number);
const HOT_RATE = Number(process.env.BENCH_HOT_RATE ?? 20_000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 3000);

interface Load { label: string; rate: number; hot: boolean }
interface RowResult {
  load: Load; latencies: number[]; accepted: number; achieved: number; lags: number[]; slowestHealthMs: number; peakRssMb: number; missed: number;
}
interface Credentials { users: { username: string; password: string }[]; institutions: { code: string; apiKey: string }[] }

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} ms` : 'none');
const sleep = (millis: number): Promise<void> => new Promise((r) => setTimeout(r, millis));

async function runRow(load: Load): Promise<RowResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-latency-'));
  const config = loadConfig({ SUPTECH_DATA_DIR: dataDir, PORT: '0', SUPTECH_DEMO_FEED: '0' });
  const platform = await startPlatform(config, process.env.BENCH_LOG
    ? { log: { level: 'info' }, logStream: createWriteStream(process.env.BENCH_LOG, { flags: 'a' }) } : { log: false });
  const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as Credentials;
  const keyOf = (code: string): string => credentials.institutions.find((i) => i.code === code)!.apiKey;
  const user = credentials.users.find((u) => u.username === 'nfra.analyst')!;
  const login = await fetch(`${platform.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: user.password }) });
  const { token } = (await login.json()) as { token: string };
  const socket = io(platform.url, { auth: { token }, transports: ['websocket'] });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const arrivals = new Map<string, number>();
  socket.on('alert:raised', (a: Alert) => { for (const txId of a.txIds) arrivals.set(txId, performance.now()); });

  // Detection lag: each stored slice (ingestion's onIngested(uptoSeq), the pipeline's notify)
  // until every typology has examined it.
  const { core } = platform;
  const acked: { seq: number; at: number }[] = [];
  const notify = core.pipeline.notify.bind(core.pipeline);
  core.pipeline.notify = (uptoSeq: number) => {
    acked.push({ seq: uptoSeq, at: performance.now() });
    notify(uptoSeq);
  };
  const lags: number[] = [];
  let slowestHealthMs = 0;
  let peakRss = 0;
  let watching = true;
  const watch = (async () => {
    while (watching) {
      const now = performance.now();
      while (acked.length > 0 && acked[0]!.seq <= core.pipeline.processedSeq) lags.push(now - acked.shift()!.at);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      await sleep(20);
    }
  })();
  const health = (async () => {
    while (watching) {
      const started = performance.now();
      await fetch(`${platform.url}/api/v1/health`).then((r) => r.arrayBuffer()).catch(() => undefined);
      slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
      await sleep(250);
    }
  })();

  // Background from its own institution, so its txIds never meet the flows'.
  const child = fork(join(here, 'latency-load.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env, LOAD_URL: platform.url, LOAD_KEY: keyOf('EAST_HARBOR_BANK'), LOAD_INSTITUTION: 'EAST_HARBOR_BANK',
      LOAD_RATE: String(load.rate), LOAD_HOT: load.hot ? '1' : '0',
    },
  });
  const loadDone = new Promise<{ accepted: number; seconds: number; rate: number }>((resolve) => {
    child.on('message', (m: { done?: { accepted: number; seconds: number; rate: number } }) => { if (m.done) resolve(m.done); });
  });
  await sleep(WARMUP_MS);

  const bankKey = keyOf('JADE_RIVER_BANK');
  const post = (record: unknown): Promise<Response> => fetch(`${platform.url}/api/v1/transactions`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bankKey}` }, body: JSON.stringify([record]),
  });
  const latencies: number[] = [];
  for (let n = 0; n < FLOWS; n++) {
    const day = Date.now() - 3_600_000;
    await post({ txId: `lat-loan-${n}`, institution: 'JADE_RIVER_BANK', ts: new Date(day).toISOString(), type: 'loan_disbursement', from: 'POOL', to: `LATB${n}`, amount: 400000, loanPurpose: 'consumer' });
    await sleep(200);
    const completing = `lat-home-${n}`;
    const sent = performance.now();
    await post({ txId: completing, institution: 'JADE_RIVER_BANK', ts: new Date(day + 60_000).toISOString(), type: 'payment', from: `LATB${n}`, to: 'DEVX', amount: 390000, toSector: 'K' });
    const deadline = sent + 10_000;
    while (!arrivals.has(completing) && performance.now() < deadline) await sleep(1);
    latencies.push((arrivals.get(completing) ?? Number.POSITIVE_INFINITY) - sent);
    process.stderr.write(`\r${load.label}: flows ${n + 1}/${FLOWS}`);
  }
  child.send({ stop: true });
  const background = await loadDone;
  watching = false;
  await Promise.all([watch, health]);
  process.stderr.write('\n');
  socket.close();
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
  return {
    load, latencies: [...latencies].sort((a, b) => a - b), accepted: background.accepted, achieved: background.rate,
    lags: lags.sort((a, b) => a - b), slowestHealthMs, peakRssMb: peakRss / 2 ** 20, missed: latencies.filter((l) => !Number.isFinite(l)).length,
  };
}

async function main(): Promise<void> {
  const loads: Load[] = [
    { label: `~${REFERENCE_RATE.toLocaleString('en-US')} records/s (reference)`, rate: REFERENCE_RATE, hot: false },
    ...RATES.map((rate) => ({ label: `${rate.toLocaleString('en-US')} records/s`, rate, hot: false })),
    ...(HOT_RATE > 0 ? [{ label: `hot pair, ${HOT_RATE.toLocaleString('en-US')} records/s on one pair`, rate: HOT_RATE, hot: true }] : []),
  ];
  // Each row is printed as soon as it is measured, so a long run that is stopped keeps what it has.
  process.stdout.write(`\nalert latency (POST of the completing record → alert:raised on the NFRA socket), ${FLOWS} flows per row, background from a separate process\n\n`);
  process.stdout.write('| background asked | accepted records/s | background records | p50 | p90 | p99 | max | missed | detection lag p50 / p99 | slowest health | peak RSS |\n');
  process.stdout.write('|---|---|---|---|---|---|---|---|---|---|---|\n');
  for (const load of loads) {
    const r = await runRow(load);
    const l = r.latencies;
    process.stdout.write(`| ${r.load.label} | ${Math.round(r.achieved).toLocaleString('en-US')} | ${r.accepted.toLocaleString('en-US')} | ${ms(quantile(l, 0.5))} | ${ms(quantile(l, 0.9))} | ${ms(quantile(l, 0.99))} | ${ms(l.at(-1) ?? NaN)} | ${r.missed} | ${ms(quantile(r.lags, 0.5))} / ${ms(quantile(r.lags, 0.99))} | ${ms(r.slowestHealthMs)} | ${Math.round(r.peakRssMb)} MB |\n`);
  }
}

void main();
