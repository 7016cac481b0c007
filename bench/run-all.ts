/**
 * `npm run bench`: runs every benchmark with a bounded size, one after another (they share
 * the machine's cores), and writes BENCHMARKS.md at the repository root: the machine, the
 * date, and for each benchmark the command that reproduces it and its result.
 * `bench:ingest` hands back JSON (BENCH_JSON); the others' summary output is quoted.
 *
 *   npm run bench
 *   BENCH_ONLY=ingest npm run bench     # a subset: detection, latency, ingest, backpressure (comma-separated)
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Bench { id: string; script: string; env: Record<string, string>; about: string }

const BENCHES: Bench[] = [
  { id: 'detection', script: 'bench:detection', env: { SEEDS: '1', THROUGHPUT_CHUNKS: '50000,100000' }, about: 'detection quality (one seed) and throughput by chunk size' },
  { id: 'latency', script: 'bench:latency', env: { BENCH_FLOWS: '20', BENCH_BACKGROUND: '2000' }, about: 'record → alert on a department socket' },
  { id: 'ingest', script: 'bench:ingest', env: { BENCH_RECORDS: '300000', BENCH_BATCH: '5000', BENCH_CLIENTS: '4', BENCH_SECONDS: '60' }, about: 'records/s over HTTP against the same-run bare chDB insert' },
  { id: 'backpressure', script: 'bench:backpressure', env: { BENCH_SECONDS: '60', BENCH_CLIENTS: '4', BENCH_BODY_MB: '64' }, about: 'memory and health under 4 clients ignoring Retry-After with 64 MB bodies' },
];

function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    model = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model;
  } catch { /* not Linux */ }
  let load = '';
  try { load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '); } catch { /* not Linux */ }
  return `${cpus().length} cores (${model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, load average at start ${load}`;
}

function run(bench: Bench, jsonPath: string): Promise<{ code: number; output: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', bench.script], { cwd: root, env: { ...process.env, ...bench.env, BENCH_JSON: jsonPath }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); process.stdout.write(d); });
    child.stderr.on('data', (d: Buffer) => { process.stderr.write(d); });
    child.on('exit', (code) => resolve({ code: code ?? 1, output, seconds: (performance.now() - started) / 1000 }));
  });
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',');
  const date = new Date().toISOString();
  const header = machine();
  // A subset (BENCH_ONLY) replaces its own rows and sections and keeps the others' last results.
  const previous = previousResults();
  const sections: string[] = [];
  const rows: string[] = [];
  const ran = new Set<string>();
  for (const bench of BENCHES.filter((b) => !only || only.includes(b.id))) {
    const command = `${Object.entries(bench.env).map(([k, v]) => `${k}=${v}`).join(' ')} npm run ${bench.script}`;
    process.stderr.write(`\n=== ${bench.id}: ${command}\n`);
    const jsonPath = join(tmpdir(), `bench-${bench.id}-${process.pid}.json`);
    const { code, output, seconds } = await run(bench, jsonPath);
    let summary = code === 0 ? 'see below' : `failed (exit ${code})`;
    if (bench.id === 'ingest' && code === 0) {
      const r = JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, number | string>;
      summary = `**${r.recordsPerSecond} records/s**, ${r.ratioToReference} × the bare insert (${r.referenceRowsPerSecond} rows/s); answers p50 ${r.answerP50Ms} ms, p99 ${r.answerP99Ms} ms; anchoring lag p99 ${r.anchoringLagP99Ms} ms; server CPU ${r.serverCpuMicrosPerRecord} µs/record; peak RSS ${r.peakRssMb} MB; ${(Number(r.storageBytesPerMillionRecords) / 2 ** 20).toFixed(1)} MiB per million records`;
    }
    ran.add(bench.id);
    rows.push(`| ${bench.id} | ${bench.about} | ${date.slice(0, 10)} | \`${command}\` | ${seconds.toFixed(0)} s | ${summary} |`);
    sections.push(`### ${bench.id}\n\n\`${command}\`\n\n\`\`\`\n${output.trim().split('\n').slice(-40).join('\n')}\n\`\`\``);
  }
  for (const bench of BENCHES) {
    const kept = previous.get(bench.id);
    if (ran.has(bench.id) || !kept) continue;
    rows.push(kept.row);
    sections.push(kept.section);
  }
  const order = (line: string): number => BENCHES.findIndex((b) => line.startsWith(`| ${b.id} |`) || line.startsWith(`### ${b.id}\n`));
  rows.sort((a, b) => order(a) - order(b));
  sections.sort((a, b) => order(a) - order(b));
  const text = `# Benchmarks

Written by \`npm run bench\` (bench/run-all.ts) on ${date}${only ? ` (this run: ${only.join(', ')}; the other rows keep their own dates)` : ''}.
Machine: ${header}.

Absolute figures on a shared 2-core machine vary by ±50% between runs; compare the ingestion
rate with the bare insert measured in the same run (the ratio). Details and history: [bench/README.md](bench/README.md).

| benchmark | what | date | reproduce | wall | result |
|---|---|---|---|---|---|
${rows.join('\n')}

${sections.join('\n\n')}
`;
  writeFileSync(join(root, 'BENCHMARKS.md'), text);
  process.stderr.write(`\nwrote BENCHMARKS.md\n`);
}

/** The rows and sections of the current BENCHMARKS.md, by benchmark id. */
function previousResults(): Map<string, { row: string; section: string }> {
  const results = new Map<string, { row: string; section: string }>();
  let text: string;
  try { text = readFileSync(join(root, 'BENCHMARKS.md'), 'utf8'); } catch { return results; }
  const parts = text.split(/^### /m);
  for (const bench of BENCHES) {
    const row = text.split('\n').find((line) => line.startsWith(`| ${bench.id} |`));
    const section = parts.find((p) => p.startsWith(`${bench.id}\n`));
    if (row && section) results.set(bench.id, { row, section: `### ${section.trimEnd()}` });
  }
  return results;
}

void main();
