/**
 * `npm run bench:ingest`: records per second through `POST /api/v1/transactions` (NDJSON)
 * of the real platform (embedded chDB and ledger; anchoring and detection run in this same
 * process, as in production), with the load generator in a separate process
 * (bench/ingest-load.ts) and, first, the bare chDB insert of equivalent rows as the
 * same-run reference (bench/ingest-reference.ts, its own process).
 *
 *   BENCH_RECORDS=300000 BENCH_BATCH=5000 BENCH_CLIENTS=4 BENCH_SECONDS=60 npm run bench:ingest
 *   BENCH_JSON=/tmp/ingest.json …   # also write the result as JSON (bench/run-all.ts uses it)
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../gateway/src/config.js';
import { startPlatform } from '../gateway/src/platform.js';

const here = dirname(fileURLToPath(import.meta.url));
const RECORDS = Number(process.env.BENCH_RECORDS ?? 300_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);

const pct = (sorted: readonly number[], p: number): number => sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const log = (text: string): void => { process.stderr.write(`${text}\n`); };

interface LoadResult { accepted: number; seconds: number; latencies: number[]; saturated: number; batches: number }

async function main(): Promise<void> {
  log(`reference: bare @clickhouse/client + chDB insert of ${RECORDS} equivalent rows …`);
  const reference = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(here, 'ingest-reference.ts')], {
    env: { ...process.env, BENCH_REFERENCE_ROWS: String(RECORDS) }, encoding: 'utf8',
  }).trim().split('\n').at(-1)!) as { rows: number; seconds: number; rowsPerSecond: number };
  log(`reference: ${Math.round(reference.rowsPerSecond)} rows/s`);

  const dataDir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const platform = await startPlatform(loadConfig({ ...pick(process.env, 'SUPTECH_INGEST_WORKERS', 'SUPTECH_ANCHOR_INTERVAL_MS', 'SUPTECH_ANCHOR_BATCH_MAX'), SUPTECH_DATA_DIR: dataDir, PORT: '0', SUPTECH_DEMO_FEED: '0' }), { log: false });
  const { core } = platform;
  // Diagnosis only (BENCH_DETECTION=0): the data path without detection's queries beside it.
  // The benchmark's figures are with detection running, as in production.
  if (process.env.BENCH_DETECTION === '0') await core.pipeline.stop();
  const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { institutions: { code: string; apiKey: string }[] };
  const key = credentials.institutions.find((i) => i.code === 'JADE_RIVER_BANK')!.apiKey;

  // Anchoring lag: when each slice was acknowledged (its uptoSeq) → when the anchored
  // watermark reached it (polled every 100 ms).
  const acked: { seq: number; at: number }[] = [];
  const ingestion = core.ingestion;
  const original = ingestion.submit.bind(ingestion);
  ingestion.submit = async (submission) => {
    const result = await original(submission);
    if (result.accepted > 0) acked.push({ seq: result.uptoSeq, at: performance.now() });
    return result;
  };
  const lags: number[] = [];
  let anchoredSeq = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      anchoredSeq = await core.batches.anchoredUpToSeq();
      const now = performance.now();
      while (acked.length > 0 && acked[0]!.seq <= anchoredSeq) lags.push(now - acked.shift()!.at);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  let peakRss = 0;
  const rssTimer = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); }, 100);

  log(`platform: ${RECORDS} records in NDJSON batches of ${BATCH} from ${CLIENTS} clients (separate process), at most ${SECONDS} s …`);
  const cpuAtStart = process.cpuUsage();
  const child = fork(join(here, 'ingest-load.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, LOAD_URL: platform.url, LOAD_KEY: key, BENCH_RECORDS: String(RECORDS), BENCH_BATCH: String(BATCH), BENCH_CLIENTS: String(CLIENTS), BENCH_SECONDS: String(SECONDS) },
  });
  const load = await new Promise<LoadResult>((resolve, reject) => {
    child.on('message', (m: { progress?: number; done?: LoadResult }) => {
      if (m.progress !== undefined && process.stderr.isTTY) process.stderr.write(`\r  ${m.progress} records accepted`);
      if (m.done) resolve(m.done);
    });
    child.on('exit', (code) => { if (code) reject(new Error(`load generator exited ${code}`)); });
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const settleStart = performance.now();
  if (process.env.BENCH_DETECTION === '0') await core.anchorer.anchorPending();
  else await core.settle();
  // CPU of the whole server process (event loop, preparation workers, the engine's threads) per record stored.
  const cpu = process.cpuUsage(cpuAtStart);
  const settleSeconds = (performance.now() - settleStart) / 1000;
  await new Promise((r) => setTimeout(r, 300));
  polling = false;
  await poll;
  clearInterval(rssTimer);
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

  const rs = await core.client.query({
    query: `SELECT sum(bytes_on_disk) AS bytes, sum(rows) AS rows FROM system.parts WHERE database = currentDatabase() AND table = 'transactions' AND active`,
    format: 'JSONEachRow',
  });
  const [parts] = await rs.json<{ bytes: number | string; rows: number | string }>();
  const bytesPerMillion = Number(parts!.rows) > 0 ? (Number(parts!.bytes) / Number(parts!.rows)) * 1e6 : NaN;

  const latencies = [...load.latencies].sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const rate = load.accepted / load.seconds;
  const result = {
    date: new Date().toISOString(),
    command: `BENCH_RECORDS=${RECORDS} BENCH_BATCH=${BATCH} BENCH_CLIENTS=${CLIENTS} BENCH_SECONDS=${SECONDS} npm run bench:ingest`,
    referenceRowsPerSecond: Math.round(reference.rowsPerSecond),
    records: load.accepted,
    seconds: Number(load.seconds.toFixed(2)),
    recordsPerSecond: Math.round(rate),
    ratioToReference: Number((rate / reference.rowsPerSecond).toFixed(3)),
    answerP50Ms: Math.round(pct(latencies, 0.5)),
    answerP99Ms: Math.round(pct(latencies, 0.99)),
    saturated429: load.saturated,
    anchoringLagP50Ms: Math.round(pct(lags, 0.5)),
    anchoringLagP99Ms: Math.round(pct(lags, 0.99)),
    settleSeconds: Number(settleSeconds.toFixed(2)),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    serverCpuMicrosPerRecord: Number(((cpu.user + cpu.system) / Math.max(1, load.accepted)).toFixed(1)),
    preparationWorkers: core.config.ingestLimits.workers,
    storageBytesPerMillionRecords: Math.round(bytesPerMillion),
  };
  process.stdout.write(`
reference (bare chDB insert, same run): ${result.referenceRowsPerSecond} rows/s
platform over HTTP: ${result.records} records in ${result.seconds} s = ${result.recordsPerSecond} records/s, ratio ${result.ratioToReference}
answers: p50 ${result.answerP50Ms} ms, p99 ${result.answerP99Ms} ms (${load.batches} batches of ${BATCH}, ${CLIENTS} clients, ${load.saturated} × 429)
anchoring lag (accepted → batch anchored): p50 ${result.anchoringLagP50Ms} ms, p99 ${result.anchoringLagP99Ms} ms; caught up ${result.settleSeconds} s after the last answer
server CPU ${result.serverCpuMicrosPerRecord} µs per record until anchored (all threads: event loop, ${result.preparationWorkers} preparation worker(s), engine${process.env.BENCH_DETECTION === '0' ? '; detection stopped: BENCH_DETECTION=0' : ', detection'})
peak RSS of the server ${result.peakRssMb} MB; storage ${(bytesPerMillion / 2 ** 20).toFixed(1)} MiB per million records
`);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(result, null, 2)}\n`);
  await platform.close();
  rmSync(dataDir, { recursive: true, force: true });
}

void main().catch((err: unknown) => { console.error(err); process.exit(1); });

/** The named variables of an environment that are set (the platform's settings a run may vary). */
function pick(env: NodeJS.ProcessEnv, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]!]));
}
