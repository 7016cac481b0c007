/**
 * The reference of `npm run bench:ingest`, run in its own process (chDB binds one data
 * directory per process): a bare `@clickhouse/client` + chDB insert of rows equivalent to
 * what the platform stores (same table definition, same batch size), with no parsing,
 * validation, pseudonymization, hashing, duplicate check, anchoring or detection.
 * `BENCH_REFERENCE_MVS=1` adds the detection materialized views on `transactions`.
 * Prints one JSON line: { rows, seconds, rowsPerSecond }.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { SCHEMA_STATEMENTS } from '../core/src/storage/schema.js';
import { DETECTION_EVENTS_STATEMENTS, NON_PERSONAL_ACCOUNTS_STATEMENTS } from '../alerts/src/detection/detection-schema.js';

const ROWS = Number(process.env.BENCH_REFERENCE_ROWS ?? process.env.BENCH_RECORDS ?? 300_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ref-'));
  const client = createClient({ connection: createChdbConnection({ path: join(dir, 'chdb') }) } as Parameters<typeof createClient>[0]);
  await client.command({ query: SCHEMA_STATEMENTS[0]! });
  // BENCH_REFERENCE_MVS=1: also the detection materialized views that fire on every insert
  // into `transactions` (to measure what they cost on the ingest path).
  if (process.env.BENCH_REFERENCE_MVS === '1') {
    for (const query of [...NON_PERSONAL_ACCOUNTS_STATEMENTS, ...DETECTION_EVENTS_STATEMENTS]) await client.command({ query });
  }
  const at = new Date().toISOString();
  const row = (i: number) => ({
    seq: i + 1, institution: 'JADE_RIVER_BANK', tx_id: `ing-${i}`, ts: new Date(Date.UTC(2026, 6, 1) + (i % 86_400) * 1000).toISOString(),
    type: 'transfer', from_account: `p_${(i % 50_000).toString(16).padStart(32, '0')}`, to_account: `p_${((i * 7) % 50_000).toString(16).padStart(32, '1')}`,
    amount: ((i % 9_000) + 1).toFixed(2), currency: 'CNY', loan_purpose: '', from_sector: '', to_sector: '', to_mcc: '', to_country: '',
    record_hash: (i * 2654435761 % 2 ** 32).toString(16).padStart(64, 'a'), ingested_at: at,
  });
  const started = performance.now();
  for (let start = 0; start < ROWS; start += BATCH) {
    const values = [];
    for (let i = start; i < Math.min(ROWS, start + BATCH); i++) values.push(row(i));
    await client.insert({ table: 'transactions', format: 'JSONEachRow', values, clickhouse_settings: { date_time_input_format: 'best_effort' } });
  }
  const seconds = (performance.now() - started) / 1000;
  await client.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ rows: ROWS, seconds, rowsPerSecond: ROWS / seconds })}\n`);
}

void main();
