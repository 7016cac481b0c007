/**
 * A labelled scenario: background activity plus planted typology instances, in the order an
 * ingestion gateway would receive them. Most records arrive within a minute of their event
 * time; a share (10% by default) arrives late, up to 24 hours, so patterns complete out of
 * event-time order and across ingestion chunks.
 */
import type { IncomingTransactionRecord } from '../../../core/src/domain/transaction-record.js';
import { addBackgroundActivity } from './background-activity.js';
import { plantTypologies, type PlantedInstance } from './planted-typologies.js';
import { HOUR_MS, ScenarioBuilder } from './scenario-builder.js';

export interface ScenarioOptions {
  seed: number;
  /** First day of the quarter (UTC). */
  start?: string;
  days?: number;
  /** People in the background population (~40 records each). */
  people?: number;
  instancesPerTypology?: number;
  /** Share of records that arrive late. */
  lateShare?: number;
  maxLateHours?: number;
}

export interface Scenario {
  /** Records in arrival (ingestion) order, in the INTERFACES.md shape with raw account ids. */
  records: IncomingTransactionRecord[];
  instances: PlantedInstance[];
  /** How many records arrived late. */
  late: number;
}

/** Generate a scenario; the same options give the same scenario. */
export function generateScenario(options: Readonly<ScenarioOptions>): Scenario {
  const days = options.days ?? 92;
  const b = new ScenarioBuilder(options.seed, Date.parse(options.start ?? '2026-07-01T00:00:00Z'), days);
  addBackgroundActivity(b, options.people ?? 2_500);
  const instances = plantTypologies(b, options.instancesPerTypology ?? 10);
  const lateShare = options.lateShare ?? 0.1;
  const maxLateMs = (options.maxLateHours ?? 24) * HOUR_MS;
  let late = 0;
  const arriving = b.records.map((record) => {
    const isLate = b.random.chance(lateShare);
    if (isLate) late++;
    const delay = isLate ? b.random.int(60_000, maxLateMs) : b.random.int(0, 60_000);
    return { record, arrival: Date.parse(record.ts) + delay };
  });
  arriving.sort((x, y) => x.arrival - y.arrival);
  return { records: arriving.map((a) => a.record), instances, late };
}
