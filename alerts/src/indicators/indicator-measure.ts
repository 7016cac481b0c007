/**
 * What an indicator measures: SQL run in ClickHouse over the shared records (and, for the
 * credit shares, over the detection engine's alerts, whose tracing they reuse), grouped by
 * institution, segment and period. A definition (indicator-definition.ts) names a measure,
 * gives it parameters and thresholds; the measure owns its SQL.
 */
import type { TSchema } from '@sinclair/typebox';
import { INDICATOR_TIME_ZONE, type Granularity } from './indicator-period.js';
import type { EvidenceRole } from '../typology.js';
import { twoDecimals } from '../typologies/evidence-sql.js';

/** How a value reads: a share (0…1), an amount (CNY), an index (0…1), a relative change. */
export type IndicatorUnit = 'share' | 'amount' | 'index' | 'growth';

/** One record that contributed most to a value (pseudonymized, as stored). */
export interface IndicatorContributor {
  institution: string;
  txId: string;
  type: string;
  from: string;
  to: string;
  amount: string;
  ts: string;
  toSector?: string;
  toMcc?: string;
  toCountry?: string;
}

/** One row of a measure's SQL: one institution, segment and period. */
export interface MeasureRow {
  institution: string;
  /** A sub-division such as the corridor's country; '' when the measure has none. */
  segment: string;
  /** Local date the period starts on (`YYYY-MM-DD`). */
  period_start: string;
  /** The figure; for `growth` measures the period's amount, the change being computed after. */
  value: number;
  /** What the figure rests on (the denominator, or the count/amount a minimum applies to). */
  base: number;
  contributors: ContributorTuple[];
  alert_ids: string[];
}

/** `(−amount, inst, tx_id, type, from, to, amount, epoch ms, to_sector, to_mcc, to_country)`: sorting ascending puts the largest first. */
export type ContributorTuple = [number, string, string, string, string, string, string, number | string, string, string, string];

/** Bound values every measure's SQL receives. */
export interface MeasureBindings {
  from: string;
  to: string;
  granularity: Granularity;
  /** Codes of the payment and e-commerce platforms (platform credit). */
  platforms: string[];
}

export interface IndicatorMeasure<P = Record<string, unknown>> {
  readonly id: string;
  readonly unit: IndicatorUnit;
  /** The role its contributors play in a case's evidence (drives the fund-flow graph's colours). */
  readonly contributorRole: EvidenceRole;
  readonly paramsSchema: TSchema;
  readonly defaultParams: Readonly<P>;
  /** The SQL; returns {@link MeasureRow}s in JSONEachRow. Every value it uses is bound. */
  readonly sql: string;
  /** Query parameters from the definition's parameters (besides {@link MeasureBindings}). */
  bind(params: Readonly<P>): Record<string, unknown>;
}

/** The local calendar day a record's event time falls on, bucketed to the period's start. */
export function periodStartSql(column: string): string {
  const day = `toDate(${column}, '${INDICATOR_TIME_ZONE}')`;
  return `multiIf({granularity:String} = 'week', toMonday(${day}), {granularity:String} = 'month', toStartOfMonth(${day}), toStartOfQuarter(${day}))`;
}

/** Records of the span being evaluated (event time), from the records detection reads. */
export const IN_SPAN = `ts >= parseDateTime64BestEffort({from:String}, 3, 'UTC') AND ts < parseDateTime64BestEffort({to:String}, 3, 'UTC')`;

/** The five largest contributors of a group, largest first (bounded memory: `groupArraySorted`). */
export function topContributorsSql(condition: string): string {
  return `groupArraySortedIf(5)(tuple(-toFloat64(amount), CAST(institution, 'String'), tx_id, CAST(type, 'String'), from_account, to_account,
    toString(amount), toUnixTimestamp64Milli(ts), CAST(to_sector, 'String'), CAST(to_mcc, 'String'), CAST(to_country, 'String')), ${condition})`;
}

/** A contributor tuple as the API shows it. */
export function contributorOf(row: ContributorTuple): IndicatorContributor {
  const [, institution, txId, type, from, to, amount, t, toSector, toMcc, toCountry] = row;
  return {
    institution, txId, type, from, to, amount: twoDecimals(amount), ts: new Date(Number(t)).toISOString(),
    ...(toSector ? { toSector } : {}), ...(toMcc ? { toMcc } : {}), ...(toCountry ? { toCountry } : {}),
  };
}
