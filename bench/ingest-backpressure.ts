/**
 * `npm run bench:backpressure`: the gateway under clients that ignore `Retry-After` and send
 * bodies at the body limit. The server runs in its own process (`gateway/src/server.ts`,
 * embedded engines, no demo feed); this process is the load generator. It reports the
 * server's peak RSS (VmHWM), the answers by status, and the slowest `/api/v1/health` answer
 * seen while polling it every 100 ms.
 *
 *   BENCH_SECONDS=60 BENCH_CLIENTS=4 BENCH_BODY_MB=64 npm run bench:backpressure
 *
 * Each body is NDJSON of fresh, valid records (100,000 at the default body size: the records
 * cap), each line padded with spaces to fill the body, so admitted bodies go through the
 * whole pipeline.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const BODY_BYTES = Math.floor(Number(process.env.BENCH_BODY_MB ?? 64) * 1024 * 1024) - 1024;
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function kib(line: string): number {
  const match = new RegExp(`^${line}:\\s+(\\d+) kB`, 'm');
  return Number(match.exec(readFileSync(`/proc/${serverPid}/status`, 'utf8'))?.[1] ?? 0);
}

let serverPid = 0;

/**
 * One client's body, built once: a round number of fixed width in every txId is rewritten in
 * place before each send, so that every body holds fresh records and building it does not
 * stall this process (which also times the health answers).
 */
function bodyOf(client: number): { bytes: Buffer; next(round: number): Buffer } {
  const lineBytes = Math.floor(BODY_BYTES / RECORDS);
  const lines: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const line = JSON.stringify({
      txId: `bp-${client}-000000-${i}`, institution: 'JADE_RIVER_BANK', ts: new Date(Date.UTC(2026, 6, 1) + (i % 86_400) * 1000).toISOString(),
      type: 'transfer', from: `62220${i % 50_000}`, to: `62221${(i * 7) % 50_000}`, amount: ((i % 9_000) + 1).toFixed(2),
    });
    lines.push(line.padEnd(lineBytes - 1, ' '));
  }
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
  const marker = Buffer.from(`"bp-${client}-`, 'latin1');
  const offsets: number[] = [];
  for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, at + 1)) offsets.push(at + marker.length);
  return {
    bytes,
    next(round) {
      const digits = Buffer.from(String(round % 1_000_000).padStart(6, '0'), 'latin1');
      for (const at of offsets) digits.copy(bytes, at);
      return bytes;
    },
  };
}

function post(url: URL, key: string, payload: Buffer): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request({
      host: url.hostname, port: url.port, path: '/api/v1/transactions', method: 'POST', agent: false,
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}`, 'content-length': payload.length },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 'error'));
    });
    // An early answer (429, 413) closes the connection: the rest of the upload then fails.
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    req.end(payload);
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-backpressure-'));
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/server.ts'], {
    env: { ...process.env, SUPTECH_DATA_DIR: dataDir, PORT: String(port), SUPTECH_DEMO_FEED: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  serverPid = server.pid ?? 0;
  const base = new URL(`http://127.0.0.1:${port}`);
  try {
    for (let ready = false; !ready;) {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
      ready = await fetch(new URL('/api/v1/health', base)).then((r) => r.status === 200, () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 250));
    }
    const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { institutions: { code: string; apiKey: string }[] };
    const key = credentials.institutions.find((i) => i.code === 'JADE_RIVER_BANK')!.apiKey;
    const rssAtStart = kib('VmRSS');
    const statuses = new Map<number | string, number>();
    const bodies = Array.from({ length: CLIENTS }, (_, client) => bodyOf(client));
    const deadline = Date.now() + SECONDS * 1000;
    const clients = bodies.map(async (body) => {
      for (let round = 0; Date.now() < deadline; round++) {
        const status = await post(base, key, body.next(round));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    });
    let healthMax = 0;
    let healthPolls = 0;
    const healthFailures = new Map<number | string, number>();
    while (Date.now() < deadline) {
      const started = performance.now();
      const status = await fetch(new URL('/api/v1/health', base), { signal: AbortSignal.timeout(10_000) })
        .then(async (r) => { await r.arrayBuffer(); return r.status; }, (e: Error) => e.name);
      healthMax = Math.max(healthMax, performance.now() - started);
      healthPolls++;
      if (status !== 200) healthFailures.set(status, (healthFailures.get(status) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all(clients);
    const peak = kib('VmHWM');
    process.stdout.write([
      '',
      `backpressure: ${CLIENTS} clients ignoring Retry-After, bodies of ${(BODY_BYTES / 1024 / 1024).toFixed(0)} MB (${RECORDS} records), ${SECONDS} s`,
      `  answers: ${[...statuses].map(([s, n]) => `${s} × ${n}`).join(', ')}`,
      `  server RSS: ${Math.round(rssAtStart / 1024)} MB at start, peak ${Math.round(peak / 1024)} MB`,
      `  /api/v1/health: ${healthPolls} polls, slowest ${healthMax.toFixed(0)} ms${healthFailures.size ? `, not 200: ${[...healthFailures].map(([s, n]) => `${s} × ${n}`).join(', ')}` : ', all 200'}`,
      '',
    ].join('\n'));
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
