/**
 * Alert counts by typology over a time window, in buckets: the model behind the counters and
 * the time-series chart. It starts from the gateway's aggregated statistics and adds live
 * alerts as they arrive, so the chart never has to walk the alert backlog.
 */
import type { Alert, AlertStats, StatsBucket } from './contract.js';

export type TimelineRange = 'hour' | 'day' | 'quarter';

export interface RangeSpec {
  label: string;
  bucket: StatsBucket;
  spanMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RANGES: Readonly<Record<TimelineRange, RangeSpec>> = {
  hour: { label: 'Last hour', bucket: 'minute', spanMs: HOUR },
  day: { label: 'Last day', bucket: 'hour', spanMs: DAY },
  quarter: { label: 'Last quarter', bucket: 'day', spanMs: 92 * DAY },
};

const BUCKET_MS: Readonly<Record<StatsBucket, number>> = { minute: MINUTE, hour: HOUR, day: DAY };

export interface TimelineSeries {
  typology: string;
  /** One point per bucket of the window, zeros included, oldest first. */
  points: { t: Date; count: number }[];
}

export class TypologyTimeline {
  readonly range: TimelineRange;
  readonly #bucketMs: number;
  readonly #spanMs: number;
  /** bucket start (ms) → typology → count */
  readonly #buckets = new Map<number, Map<string, number>>();
  /** Alerts raised at or before this time are already counted by what was loaded. */
  #asOf = Number.NEGATIVE_INFINITY;

  constructor(range: TimelineRange) {
    this.range = range;
    this.#bucketMs = BUCKET_MS[RANGES[range].bucket];
    this.#spanMs = RANGES[range].spanMs;
  }

  /** The query window ending now. */
  window(now = Date.now()): { from: Date; to: Date } {
    return { from: new Date(this.#floor(now - this.#spanMs) + this.#bucketMs), to: new Date(now) };
  }

  /** Starts from the gateway's statistics, which count every alert raised up to `asOf` (ms). */
  loadStats(stats: AlertStats, asOf: number): void {
    this.#buckets.clear();
    for (const point of stats.series) this.#add(Date.parse(point.t), point.typology, point.count);
    this.#asOf = asOf;
  }

  /** Counts alerts from a list (used when the statistics route is unavailable). */
  loadAlerts(alerts: readonly Alert[]): void {
    this.#buckets.clear();
    this.#asOf = Number.NEGATIVE_INFINITY;
    this.addAlerts(alerts);
    // The list is newest first, as the register keeps it.
    this.#asOf = alerts[0] ? Date.parse(alerts[0].raisedAt) : Number.NEGATIVE_INFINITY;
  }

  /** Counts newly raised alerts; those already in the loaded figures are skipped. */
  addAlerts(alerts: readonly Alert[]): void {
    for (const alert of alerts) {
      const raised = Date.parse(alert.raisedAt);
      if (raised > this.#asOf) this.#add(raised, alert.typology, 1);
    }
  }

  /** Totals per typology inside the window, largest first. */
  totals(now = Date.now()): { typology: string; count: number }[] {
    const totals = new Map<string, number>();
    const from = this.window(now).from.getTime();
    for (const [start, byTypology] of this.#buckets) {
      if (start < from) continue;
      for (const [typology, count] of byTypology) totals.set(typology, (totals.get(typology) ?? 0) + count);
    }
    return [...totals].map(([typology, count]) => ({ typology, count })).sort((a, b) => b.count - a.count || a.typology.localeCompare(b.typology));
  }

  series(now = Date.now()): TimelineSeries[] {
    const { from } = this.window(now);
    const starts: number[] = [];
    for (let t = from.getTime(); t <= now; t += this.#bucketMs) starts.push(t);
    return this.totals(now).map(({ typology }) => ({
      typology,
      points: starts.map((t) => ({ t: new Date(t), count: this.#buckets.get(t)?.get(typology) ?? 0 })),
    }));
  }

  #floor(ms: number): number {
    return Math.floor(ms / this.#bucketMs) * this.#bucketMs;
  }

  #add(ms: number, typology: string, count: number): void {
    if (!Number.isFinite(ms)) return;
    const start = this.#floor(ms);
    let byTypology = this.#buckets.get(start);
    if (!byTypology) this.#buckets.set(start, (byTypology = new Map()));
    byTypology.set(typology, (byTypology.get(typology) ?? 0) + count);
  }
}
