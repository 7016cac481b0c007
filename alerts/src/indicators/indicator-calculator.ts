/**
 * Computes a definition's figures for one quarter: its SQL runs once per granularity over
 * the quarter and the history before it; the series of each institution and segment then
 * gives every period its previous value, change, history and breaches.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Department } from '../../../core/src/domain/departments.js';
import { levelThreshold, type IndicatorDefinition } from './indicator-definition.js';
import { contributorOf, type MeasureRow } from './indicator-measure.js';
import { measureOf } from './indicator-measures.js';
import {
  evaluationSpan, periodInQuarter, periodStartingOn, previousPeriodStart, type Granularity, type IndicatorPeriod,
} from './indicator-period.js';
import type { IndicatorBreachKind, IndicatorValue } from './indicator-value.js';

/** Quarters of history read before the quarter evaluated (trends and the history chart). */
export const HISTORY_QUARTERS = 4;
/** Points of history shown with each figure. */
const HISTORY_POINTS = 8;

export interface IndicatorCalculatorOptions {
  client: ClickHouseClient;
  /** Codes of the payment and e-commerce platforms. */
  platforms: readonly string[];
  /** The departments a figure of this institution concerns. */
  departmentsOf: (def: IndicatorDefinition, institution: string) => Department[];
}

interface SeriesPoint { row: MeasureRow; value: number | null; period: IndicatorPeriod }

const round = (x: number): number => Math.round(x * 1e9) / 1e9;

export class IndicatorCalculator {
  readonly #o: Readonly<IndicatorCalculatorOptions>;

  constructor(options: Readonly<IndicatorCalculatorOptions>) {
    this.#o = options;
  }

  /** Every figure of the definition for periods of the quarter, by institution (and segment). */
  async compute(def: IndicatorDefinition, quarter: IndicatorPeriod): Promise<IndicatorValue[]> {
    const values: IndicatorValue[] = [];
    for (const granularity of def.granularities) {
      const rows = await this.#query(def, quarter, granularity);
      for (const series of this.#series(def, granularity, rows).values()) {
        series.forEach((point, i) => {
          if (periodInQuarter(point.period, quarter)) values.push(this.#figure(def, series, i));
        });
      }
    }
    return values;
  }

  async #query(def: IndicatorDefinition, quarter: IndicatorPeriod, granularity: Granularity): Promise<MeasureRow[]> {
    const measure = measureOf(def.measure);
    const span = evaluationSpan(quarter, HISTORY_QUARTERS);
    const result = await this.#o.client.query({
      query: measure.sql, format: 'JSONEachRow',
      query_params: { ...measure.bind(def.params as never), from: span.from, to: span.to, granularity, platforms: [...this.#o.platforms] },
    });
    return result.json<MeasureRow>();
  }

  /** Rows grouped by institution and segment, in period order, with the value each period shows. */
  #series(def: IndicatorDefinition, granularity: Granularity, rows: readonly MeasureRow[]): Map<string, SeriesPoint[]> {
    const bySubject = new Map<string, MeasureRow[]>();
    for (const row of rows) {
      const key = `${row.institution}\u0000${row.segment}`;
      const list = bySubject.get(key);
      if (list) list.push(row);
      else bySubject.set(key, [row]);
    }
    const growth = measureOf(def.measure).unit === 'growth';
    const result = new Map<string, SeriesPoint[]>();
    for (const [key, subjectRows] of bySubject) {
      const sorted = [...subjectRows].sort((a, b) => (a.period_start < b.period_start ? -1 : 1));
      const byStart = new Map(sorted.map((r) => [r.period_start, r]));
      result.set(key, sorted.map((row) => {
        const before = byStart.get(previousPeriodStart(granularity, row.period_start));
        // Growth rests on the period before: without one large enough there is no figure.
        const value = !growth ? row.value
          : before && before.value > 0 && before.base >= def.thresholds.minBase ? round(row.value / before.value - 1) : null;
        return { row, value, period: periodStartingOn(granularity, row.period_start) };
      }));
    }
    return result;
  }

  #figure(def: IndicatorDefinition, series: readonly SeriesPoint[], i: number): IndicatorValue {
    const point = series[i]!;
    const { row, period, value } = point;
    const before = series.find((p) => p.row.period_start === previousPeriodStart(period.granularity, row.period_start));
    const previous = before?.value ?? null;
    const changePct = value !== null && previous !== null && previous > 0 ? round(((value - previous) / previous) * 100) : null;
    const threshold = levelThreshold(def, period.granularity);
    const sufficientBase = row.base >= def.thresholds.minBase;
    const breaches: IndicatorBreachKind[] = [];
    if (sufficientBase && value !== null && threshold !== null && value > threshold) breaches.push('level');
    if (sufficientBase && changePct !== null && def.thresholds.trendRisePct !== null && changePct > def.thresholds.trendRisePct) breaches.push('trend');
    return {
      indicator: def.id, version: `${def.id}@${def.version}`, unit: measureOf(def.measure).unit,
      institution: row.institution, ...(row.segment ? { segment: row.segment } : {}),
      period: period.id, granularity: period.granularity, periodStart: period.from, periodEnd: period.to,
      value: value === null ? null : round(value), base: round(row.base), threshold, trendThreshold: def.thresholds.trendRisePct,
      previous: previous === null ? null : round(previous), changePct, sufficientBase,
      breached: breaches.length > 0, breaches,
      departments: this.#o.departmentsOf(def, row.institution),
      alertIds: [...row.alert_ids].sort(), contributors: row.contributors.map(contributorOf),
      history: series.slice(Math.max(0, i + 1 - HISTORY_POINTS), i + 1).map((p) => ({ period: p.period.id, value: p.value === null ? null : round(p.value) })),
    };
  }
}
