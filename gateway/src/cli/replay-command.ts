import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import cliProgress from 'cli-progress';
import type { PlatformCore } from '../platform-core.js';

export interface ReplaySummary {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  alerts: number;
}

const CHUNK = 5_000;

/**
 * Runs the server's pipeline over an NDJSON file in file order: validate, pseudonymize,
 * hash, store, anchor, detect. Returns once anchoring and detection have caught up.
 */
export async function replayFile(core: PlatformCore, file: string, options: { progress: boolean; onRejected?: (line: number, reason: string) => void }): Promise<ReplaySummary> {
  const size = (await stat(file)).size;
  const bar = options.progress ? new cliProgress.SingleBar({
    format: 'replay |{bar}| {percentage}% | {value}/{total} bytes | {records} records | {rate} rec/s',
  }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(size, 0, { records: 0, rate: 0 });
  const summary: ReplaySummary = { lines: 0, accepted: 0, duplicates: 0, rejected: 0, alerts: 0 };
  const started = Date.now();
  let bytes = 0;
  let chunk: unknown[] = [];
  let chunkLines: number[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const result = await core.ingestion.ingest(chunk);
    summary.accepted += result.accepted;
    summary.duplicates += result.duplicates;
    summary.rejected += result.rejected.length;
    for (const r of result.rejected) options.onRejected?.(chunkLines[r.index] ?? 0, r.reason);
    chunk = [];
    chunkLines = [];
    bar?.update(bytes, { records: summary.lines, rate: Math.round(summary.lines / Math.max(0.001, (Date.now() - started) / 1000)) });
  };
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    bytes += Buffer.byteLength(line) + 1;
    if (line.trim() === '') continue;
    summary.lines++;
    try {
      chunk.push(JSON.parse(line));
    } catch {
      summary.rejected++;
      options.onRejected?.(summary.lines, 'record: line is not valid JSON');
      continue;
    }
    chunkLines.push(summary.lines);
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  bar?.update(size);
  bar?.stop();
  await core.settle();
  summary.alerts = core.alerts.all().length;
  return summary;
}
