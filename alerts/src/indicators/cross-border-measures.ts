/**
 * Cross-border outflow: how much an institution's customers send abroad, by corridor (the
 * foreign party's country), and how concentrated those outflows are on few corridors.
 *
 *   cross_border_outflow       value = Σ amount of `cross_border_out` records, per corridor
 *   cross_border_concentration value = Herfindahl–Hirschman index of the corridors' shares of
 *                              the institution's outflow, Σ (amount_c / total)²: 1 when all of
 *                              it goes to one country, 1/n when it is spread evenly over n
 */
import { Type, type Static } from '@sinclair/typebox';
import { IN_SPAN, periodStartSql, topContributorsSql, type IndicatorMeasure } from './indicator-measure.js';

export const CrossBorderParamsSchema = Type.Object({
  /** Record types counted as outflow. */
  outflowTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type CrossBorderParams = Static<typeof CrossBorderParamsSchema>;

const OUTFLOWS = `SELECT institution, tx_id, type, from_account, to_account, amount, ts, to_sector, to_mcc, to_country
  FROM detection_events WHERE type IN {outflowTypes:Array(String)} AND ${IN_SPAN}`;

const OUTFLOW_SQL = `/* indicator:cross_border_outflow */
SELECT CAST(institution, 'String') AS institution, CAST(to_country, 'String') AS segment,
  toString(${periodStartSql('ts')}) AS period_start,
  toFloat64(sum(amount)) AS value, toFloat64(sum(amount)) AS base,
  ${topContributorsSql('1')} AS contributors, CAST([], 'Array(String)') AS alert_ids
FROM (${OUTFLOWS})
GROUP BY institution, segment, period_start`;

const CONCENTRATION_SQL = `/* indicator:cross_border_concentration */
SELECT institution, '' AS segment, period_start,
  if(sum(corridor_amount) = 0, 0, arraySum(arrayMap(a -> pow(a / sum(corridor_amount), 2), groupArray(corridor_amount)))) AS value,
  sum(corridor_amount) AS base,
  arraySlice(arraySort(arrayFlatten(groupArray(corridor_top))), 1, 5) AS contributors,
  CAST([], 'Array(String)') AS alert_ids
FROM (
  SELECT CAST(institution, 'String') AS institution, CAST(to_country, 'String') AS corridor,
    toString(${periodStartSql('ts')}) AS period_start, toFloat64(sum(amount)) AS corridor_amount,
    ${topContributorsSql('1')} AS corridor_top
  FROM (${OUTFLOWS})
  GROUP BY institution, corridor, period_start)
GROUP BY institution, period_start`;

const DEFAULTS: CrossBorderParams = { outflowTypes: ['cross_border_out'] };

export const crossBorderOutflowMeasure: IndicatorMeasure<CrossBorderParams> = {
  id: 'cross_border_outflow', unit: 'amount', contributorRole: 'remittance',
  paramsSchema: CrossBorderParamsSchema, defaultParams: DEFAULTS, sql: OUTFLOW_SQL,
  bind: (params) => ({ outflowTypes: params.outflowTypes }),
};

export const crossBorderConcentrationMeasure: IndicatorMeasure<CrossBorderParams> = {
  id: 'cross_border_concentration', unit: 'index', contributorRole: 'remittance',
  paramsSchema: CrossBorderParamsSchema, defaultParams: DEFAULTS, sql: CONCENTRATION_SQL,
  bind: (params) => ({ outflowTypes: params.outflowTypes }),
};
