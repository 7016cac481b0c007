/**
 * Growth of platform credit: credit disbursed by the payment and e-commerce platforms (the
 * institutions the registry names as such), period on period. The SQL gives each period's
 * disbursed amount; the value is its relative change on the period before,
 *
 *   value = amount / previous amount − 1
 *
 * computed by the calculator from the series (no value without a previous period of at
 * least the definition's minimum base): fast growth of platform lending is the early sign
 * the regulators watch for, whatever its level.
 */
import { Type, type Static } from '@sinclair/typebox';
import { IN_SPAN, periodStartSql, topContributorsSql, type IndicatorMeasure } from './indicator-measure.js';

export const PlatformCreditParamsSchema = Type.Object({
  /** Loan purposes counted as platform credit. */
  loanPurposes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type PlatformCreditParams = Static<typeof PlatformCreditParamsSchema>;

const SQL = `/* indicator:platform_credit_growth */
SELECT CAST(institution, 'String') AS institution, '' AS segment, toString(${periodStartSql('ts')}) AS period_start,
  toFloat64(sum(amount)) AS value, toFloat64(sum(amount)) AS base,
  ${topContributorsSql('1')} AS contributors, CAST([], 'Array(String)') AS alert_ids
FROM detection_events
WHERE type = 'loan_disbursement' AND loan_purpose IN {loanPurposes:Array(String)} AND ${IN_SPAN}
  AND CAST(institution, 'String') IN {platforms:Array(String)}
GROUP BY institution, period_start`;

export const platformCreditGrowthMeasure: IndicatorMeasure<PlatformCreditParams> = {
  id: 'platform_credit_growth', unit: 'growth', contributorRole: 'loan',
  paramsSchema: PlatformCreditParamsSchema,
  defaultParams: { loanPurposes: ['consumer', 'business'] },
  sql: SQL,
  bind: (p) => ({ loanPurposes: p.loanPurposes }),
};
