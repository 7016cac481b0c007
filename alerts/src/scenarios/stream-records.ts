/**
 * Streaming records through detection the way the pipeline does: load a chunk in ingestion
 * order, detect over its seq range, repeat. Used by the streamed-equals-batch test and the
 * benchmark, which also needs the time spent loading and detecting.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { IncomingTransactionRecord } from '../../../core/src/domain/transaction-record.js';
import type { DetectionEngine, TypologyError } from '../detection/detection-engine.js';
import type { Incident } from '../typology.js';
import { loadRecords } from './load-records.js';

export interface StreamOutcome {
  incidents: Incident[];
  errors: TypologyError[];
  /** Milliseconds spent inserting and detecting, and the slowest single detect call. */
  loadMs: number;
  detectMs: number;
  slowestDetectMs: number;
  /**
   * CPU time of this process during detect calls (the embedded engine's threads included):
   * on a shared machine it says what detection costs, whatever else is running.
   */
  detectCpuMs: number;
  chunks: number;
  /** Total ms per typology over all chunks. */
  typologyMs: Map<string, number>;
}

/** Load and detect chunk by chunk; `afterSeq` is where the store's seq numbers stand. */
export async function streamRecords(
  client: ClickHouseClient,
  engine: DetectionEngine,
  records: readonly IncomingTransactionRecord[],
  chunkSize: number,
  afterSeq = 0,
): Promise<StreamOutcome> {
  const outcome: StreamOutcome = { incidents: [], errors: [], loadMs: 0, detectMs: 0, slowestDetectMs: 0, detectCpuMs: 0, chunks: 0, typologyMs: new Map() };
  let seq = afterSeq;
  for (let start = 0; start < records.length; start += chunkSize) {
    const t0 = performance.now();
    const range = await loadRecords(client, records.slice(start, start + chunkSize), seq);
    const t1 = performance.now();
    const cpu = process.cpuUsage();
    const found = await engine.detect(range);
    const t2 = performance.now();
    const used = process.cpuUsage(cpu);
    outcome.detectCpuMs += (used.user + used.system) / 1000;
    seq = range.uptoSeq;
    outcome.incidents.push(...found.incidents);
    outcome.errors.push(...found.errors);
    outcome.loadMs += t1 - t0;
    outcome.detectMs += t2 - t1;
    outcome.slowestDetectMs = Math.max(outcome.slowestDetectMs, t2 - t1);
    outcome.chunks++;
    for (const { typology, ms } of found.timings) outcome.typologyMs.set(typology, (outcome.typologyMs.get(typology) ?? 0) + ms);
  }
  return outcome;
}
