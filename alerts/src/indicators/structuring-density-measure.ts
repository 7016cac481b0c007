/**
 * Density of structuring-like cash deposits: the share of an institution's cash deposits
 * whose amount lies just under the large-value cash reporting threshold (by default from
 * 80% inclusive to 100% exclusive of 50,000 CNY, the `structuring` typology's band). A
 * branch network where many deposits sit just below the line is being used to avoid the
 * report, even when no single account reaches the typology's count.
 *
 *   value = count of deposits in the band / count of cash deposits
 */
import { Type, type Static } from '@sinclair/typebox';
import { STRUCTURING_DEFAULTS } from '../typologies/structuring.js';
import { IN_SPAN, periodStartSql, topContributorsSql, type IndicatorMeasure } from './indicator-measure.js';

export const StructuringDensityParamsSchema = Type.Object({
  /** Large-value cash reporting threshold (CNY). */
  threshold: Type.Number({ exclusiveMinimum: 0 }),
  /** The band: from this share of the threshold (inclusive)… */
  lowerRatio: Type.Number({ minimum: 0, maximum: 1 }),
  /** …to this share (exclusive). */
  upperRatio: Type.Number({ exclusiveMinimum: 0, maximum: 10 }),
  /** Record types counted. */
  cashTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type StructuringDensityParams = Static<typeof StructuringDensityParamsSchema>;

const IN_BAND = `amount >= {threshold:Decimal(18, 2)} * {lowerRatio:Decimal(38, 6)} AND amount < {threshold:Decimal(18, 2)} * {upperRatio:Decimal(38, 6)}`;

const SQL = `/* indicator:structuring_density */
SELECT CAST(institution, 'String') AS institution, '' AS segment, toString(${periodStartSql('ts')}) AS period_start,
  countIf(${IN_BAND}) / count() AS value, toFloat64(count()) AS base,
  ${topContributorsSql(IN_BAND)} AS contributors, CAST([], 'Array(String)') AS alert_ids
FROM detection_events
WHERE type IN {cashTypes:Array(String)} AND ${IN_SPAN}
GROUP BY institution, period_start`;

export const structuringDensityMeasure: IndicatorMeasure<StructuringDensityParams> = {
  id: 'structuring_density', unit: 'share', contributorRole: 'cash',
  paramsSchema: StructuringDensityParamsSchema,
  defaultParams: {
    threshold: STRUCTURING_DEFAULTS.threshold, lowerRatio: STRUCTURING_DEFAULTS.lowerRatio,
    upperRatio: STRUCTURING_DEFAULTS.upperRatio, cashTypes: ['cash_deposit'],
  },
  sql: SQL,
  bind: (p) => ({ threshold: p.threshold.toFixed(2), lowerRatio: String(p.lowerRatio), upperRatio: String(p.upperRatio), cashTypes: p.cashTypes }),
};
