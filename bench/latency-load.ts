/**
 * Background load of `npm run bench:latency`, run as a separate process (forked by
 * bench/alert-latency.ts) so that generating and sending records does not take the server's
 * event loop. It posts NDJSON batches at LOAD_RATE records/s from LOAD_CLIENTS clients until
 * told to stop, honours 429 Retry-After, and reports the rate it achieved over IPC.
 *
 * Ordinary mode: transfers between LOAD_ACCOUNTS accounts (a bank's customer base, not a
 * handful, so that one record touches few others' patterns), event times within the last
 * 24 hours (late records included). Hot mode (LOAD_HOT=1): every record between one pair of
 * accounts — the skewed case of issue 11.
 */
const URL_ = process.env.LOAD_URL!;
const KEY = process.env.LOAD_KEY!;
const INSTITUTION = process.env.LOAD_INSTITUTION ?? 'JADE_RIVER_BANK';
const RATE = Number(process.env.LOAD_RATE ?? 20_000);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 4);
const ACCOUNTS = Number(process.env.LOAD_ACCOUNTS ?? 1_000_000);
const HOT = process.env.LOAD_HOT === '1';
const PREFIX = process.env.LOAD_PREFIX ?? 'bg';
/** Records per request: about 20 requests per second in all, so the rate is smooth. */
const BATCH = Math.max(100, Math.round(RATE / 20));

let serial = 0;
function batch(): string {
  const lines: string[] = [];
  const now = Date.now();
  for (let i = 0; i < BATCH; i++) {
    const n = serial++;
    const from = HOT ? 'HOT-A' : `L${Math.floor(Math.random() * ACCOUNTS)}`;
    const to = HOT ? 'HOT-B' : `L${Math.floor(Math.random() * ACCOUNTS)}`;
    // Most records are fresh; one in ten arrives up to 24 hours late.
    const ts = new Date(now - (n % 10 === 0 ? Math.random() * 86_400_000 : Math.random() * 5_000)).toISOString();
    lines.push(JSON.stringify({ txId: `${PREFIX}-${n}`, institution: INSTITUTION, ts, type: 'transfer', from, to, amount: (Math.random() * 5000 + 1).toFixed(2) }));
  }
  return `${lines.join('\n')}\n`;
}

let stopping = false;
process.on('message', (m: { stop?: boolean }) => { if (m.stop) stopping = true; });

async function main(): Promise<void> {
  let accepted = 0;
  let saturated = 0;
  const started = performance.now();
  const interval = (BATCH / RATE) * 1000 * CLIENTS;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
    let due = started + (interval / CLIENTS) * client;
    while (!stopping) {
      const body = batch();
      for (;;) {
        const response = await fetch(`${URL_}/api/v1/transactions`, {
          method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${KEY}` }, body,
        }).catch(() => undefined);
        if (!response) break;
        if (response.status === 429) {
          saturated++;
          await response.arrayBuffer().catch(() => undefined);
          await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? 1) * 1000));
          continue;
        }
        accepted += ((await response.json().catch(() => ({}))) as { accepted?: number }).accepted ?? 0;
        break;
      }
      due += interval;
      // Behind schedule (the platform is slower than the rate): send at once, do not catch up in bursts.
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else due = performance.now();
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  process.send?.({ done: { accepted, seconds, rate: accepted / seconds, saturated } });
}

if (URL_) void main().then(() => process.disconnect?.());
