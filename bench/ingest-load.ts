/**
 * Load generator of `npm run bench:ingest`, run as a separate process (forked by
 * bench/ingestion-throughput.ts) so that its CPU is not the server's event loop. It posts
 * NDJSON batches from CLIENTS concurrent clients, bounded in count (RECORDS) and time
 * (SECONDS), honours 429 Retry-After, and sends its measurements back over IPC.
 */
const URL_ = process.env.LOAD_URL!;
const KEY = process.env.LOAD_KEY!;
const INSTITUTION = process.env.LOAD_INSTITUTION ?? 'JADE_RIVER_BANK';
const RECORDS = Number(process.env.BENCH_RECORDS ?? 300_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);

export function ndjsonBatch(institution: string, start: number, size: number): string {
  const lines: string[] = [];
  for (let i = start; i < start + size; i++) {
    lines.push(JSON.stringify({
      txId: `ing-${i}`, institution, ts: new Date(Date.UTC(2026, 6, 1) + (i % 86_400) * 1000).toISOString(),
      type: 'transfer', from: `62220${i % 50_000}`, to: `62221${(i * 7) % 50_000}`, amount: ((i % 9_000) + 1).toFixed(2),
    }));
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const batches = Array.from({ length: Math.ceil(RECORDS / BATCH) }, (_, n) => ndjsonBatch(INSTITUTION, n * BATCH, Math.min(BATCH, RECORDS - n * BATCH)));
  let next = 0;
  let accepted = 0;
  let saturated = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  let lastProgress = 0;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < batches.length && performance.now() < deadline) {
      const body = batches[next++]!;
      for (;;) {
        const t = performance.now();
        const response = await fetch(`${URL_}/api/v1/transactions`, {
          method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${KEY}` }, body,
        });
        if (response.status === 429) {
          saturated++;
          await response.arrayBuffer().catch(() => undefined);
          await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? 1) * 1000));
          continue;
        }
        const result = (await response.json()) as { accepted: number };
        latencies.push(performance.now() - t);
        accepted += result.accepted ?? 0;
        break;
      }
      if (performance.now() - lastProgress > 1000) {
        lastProgress = performance.now();
        process.send?.({ progress: accepted });
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  process.send?.({ done: { accepted, seconds, latencies, saturated, batches: latencies.length } });
}

if (process.env.LOAD_URL) void main().then(() => process.disconnect?.());
