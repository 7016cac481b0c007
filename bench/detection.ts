/**
 * `npm run bench:detection`: detection quality and throughput on the labelled scenario
 * generator. For each seed, a quarter of activity with planted typology instances is
 * streamed into a fresh chDB store in ingestion order (late arrivals included), in chunks,
 * with a detect call per chunk, exactly as the pipeline does; incidents are merged into
 * alerts with the pipeline's merge rule and scored against the labels. A batch run over the
 * same records must give the same alerts. Throughput is the number of records detection
 * gets through per second of detect time, at several chunk sizes.
 *
 * Environment: SEEDS (default 1,2,3), PEOPLE (2500), PER_TYPOLOGY (10), CHUNK (10000),
 * THROUGHPUT_CHUNKS (10000,50000,100000), THROUGHPUT_PEOPLE (6000, about 200k records),
 * QUALITY=0 to measure throughput only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { drainPending } from 'chdb';
import { TYPOLOGY_IDS } from '../core/src/domain/alert.js';
import { applySchema, createAnalyticsClient } from '../core/src/storage/analytics-client.js';
import { createDetectionEngine, groupIncidents, type DetectionEngine, type IncidentGroup } from '../alerts/src/detection/index.js';
import { generateScenario, streamRecords } from '../alerts/src/scenarios/index.js';
import { evidenceKey } from '../alerts/src/typologies/index.js';
import { addScores, alertsPerIncidentOf, emptyScore, precisionOf, recallOf, scoreRun, type TypologyScore } from './detection-quality.js';

const numbers = (value: string | undefined, fallback: number[]): number[] =>
  value ? value.split(',').map((v) => Number(v.trim())) : fallback;
const SEEDS = numbers(process.env.SEEDS, [1, 2, 3]);
const PEOPLE = Number(process.env.PEOPLE ?? 2_500);
const PER_TYPOLOGY = Number(process.env.PER_TYPOLOGY ?? 10);
const CHUNK = Number(process.env.CHUNK ?? 10_000);
const THROUGHPUT_CHUNKS = numbers(process.env.THROUGHPUT_CHUNKS, [10_000, 50_000, 100_000]);
const THROUGHPUT_PEOPLE = Number(process.env.THROUGHPUT_PEOPLE ?? 6_000);
const QUALITY = process.env.QUALITY !== '0';

const TABLES = ['transactions', 'detection_non_personal_accounts', 'detection_events', 'detection_list_entries'];

async function emptyStore(client: ClickHouseClient): Promise<void> {
  for (const table of TABLES) await client.command({ query: `TRUNCATE TABLE ${table}` });
}

const signature = (alerts: readonly IncidentGroup[]): string =>
  alerts.map((a) => `${a.incident.typology}:${a.incident.evidence.map(evidenceKey).sort().join(',')}`).sort().join('\n');

const fmt = (n: number, digits = 3): string => n.toFixed(digits);

async function qualityRun(client: ClickHouseClient, engine: DetectionEngine, seed: number) {
  await emptyStore(client);
  const scenario = generateScenario({ seed, people: PEOPLE, instancesPerTypology: PER_TYPOLOGY });
  const streamed = await streamRecords(client, engine, scenario.records, CHUNK);
  if (streamed.errors.length > 0) throw streamed.errors[0]!.error;
  const alerts = groupIncidents(streamed.incidents);
  const batch = await engine.detect({ afterSeq: 0, uptoSeq: scenario.records.length });
  const sameAsBatch = signature(groupIncidents(batch.incidents)) === signature(alerts);
  console.log(`seed ${seed}: ${scenario.records.length} records (${scenario.late} late), ${streamed.chunks} chunks of ${CHUNK}, ` +
    `${alerts.length} alerts, detect ${fmt(streamed.detectMs / 1000, 1)} s (CPU ${fmt(streamed.detectCpuMs / 1000, 1)} s), load ${fmt(streamed.loadMs / 1000, 1)} s, streamed = batch: ${sameAsBatch}`);
  return { scores: scoreRun(scenario.instances, alerts), sameAsBatch, records: scenario.records.length };
}

async function throughputRun(client: ClickHouseClient, engine: DetectionEngine, chunk: number) {
  await emptyStore(client);
  const scenario = generateScenario({ seed: SEEDS[0]!, people: THROUGHPUT_PEOPLE, instancesPerTypology: PER_TYPOLOGY });
  const run = await streamRecords(client, engine, scenario.records, chunk);
  return { chunk, records: scenario.records.length, ...run };
}

function printQuality(totals: readonly TypologyScore[], allSame: boolean): void {
  console.log(`\nQuality over seeds ${SEEDS.join(', ')} (chunks of ${CHUNK}, ~10% late up to 24 h):`);
  console.log(['typology'.padEnd(22), 'instances', 'detected', 'alerts', 'recall', 'precision', 'alerts/incident'].join('\t'));
  for (const s of totals) {
    console.log([s.typology.padEnd(22), s.instances, s.detected, s.alerts, fmt(recallOf(s)), fmt(precisionOf(s)), fmt(alertsPerIncidentOf(s), 2)].join('\t'));
  }
  console.log(`streamed alerts equal batch alerts on every seed: ${allSame}`);
}

async function main(): Promise<void> {
  const path = mkdtempSync(join(tmpdir(), 'bench-detection-'));
  const client = createAnalyticsClient({ path });
  const engine = createDetectionEngine({ client });
  await applySchema(client, engine.schemaStatements());
  try {
    const totals = TYPOLOGY_IDS.map(emptyScore);
    let allSame = true;
    for (const seed of QUALITY ? SEEDS : []) {
      const run = await qualityRun(client, engine, seed);
      addScores(totals, run.scores);
      allSame &&= run.sameAsBatch;
    }
    if (QUALITY) printQuality(totals, allSame);

    console.log('\nThroughput (records per second of detect time, streamed in ingestion order):');
    console.log(['chunk', 'records', 'chunks', 'detect s', 'slowest call ms', 'records/s', 'detect CPU s', 'records/CPU-s', 'load records/s'].join('\t'));
    for (const chunk of THROUGHPUT_CHUNKS) {
      const run = await throughputRun(client, engine, chunk);
      console.log([chunk, run.records, run.chunks, fmt(run.detectMs / 1000, 2), fmt(run.slowestDetectMs, 0),
        fmt(run.records / (run.detectMs / 1000), 0), fmt(run.detectCpuMs / 1000, 2), fmt(run.records / (run.detectCpuMs / 1000), 0),
        fmt(run.records / (run.loadMs / 1000), 0)].join('\t'));
      console.log(`  per typology (s): ${[...run.typologyMs].map(([t, ms]) => `${t} ${fmt(ms / 1000, 2)}`).join(', ')}`);
    }
  } finally {
    await client.close();
    await drainPending();
    rmSync(path, { recursive: true, force: true });
  }
}

await main();
