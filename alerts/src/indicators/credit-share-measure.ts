/**
 * Share of a lender's disbursed consumer and business credit whose funds the detection
 * engine traced to a restricted sector (`credit_to_real_estate`, `credit_to_securities`).
 *
 * The tracing is the engine's own: a loan counts as traced when it is the `loan` record of
 * an alert of the typology, so the indicator and the alerts can never disagree on what
 * "traced" means (window, hops, hop ratio, minimum payment all come from the active rule
 * set). Alerts dismissed by the joint review do not count; alerts folded into another count
 * once, through the one they joined. The share is by disbursed amount, by lending
 * institution and by the period of the disbursement:
 *
 *   value = Σ amount of traced loans / Σ amount of all consumer and business loans
 */
import { Type, type Static } from '@sinclair/typebox';
import { IN_SPAN, periodStartSql, topContributorsSql, type IndicatorMeasure } from './indicator-measure.js';

export const CreditShareParamsSchema = Type.Object({
  /** The typology whose alerts trace the loans. */
  typology: Type.Union([Type.Literal('credit_to_real_estate'), Type.Literal('credit_to_securities')]),
  /** Loan purposes counted (mortgages are exempt from the typologies, so not counted either). */
  loanPurposes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type CreditShareParams = Static<typeof CreditShareParamsSchema>;

/** Loans named as the `loan` of a standing alert of the typology, with the alerts naming them. */
const TRACED_LOANS = `SELECT inst, tx, groupUniqArray(alert_id) AS alert_ids FROM (
    SELECT id AS alert_id, JSONExtractString(e, 'institution') AS inst, JSONExtractString(e, 'txId') AS tx
    FROM (SELECT id, doc FROM alerts_state FINAL WHERE typology = {typology:String})
    ARRAY JOIN JSONExtractArrayRaw(doc, 'evidence') AS e
    WHERE JSONExtractString(doc, 'status') != 'dismissed' AND NOT JSONHas(doc, 'mergedInto')
      AND JSONExtractString(e, 'role') = 'loan')
  GROUP BY inst, tx`;

const SQL = `/* indicator:credit_share */
WITH traced AS (${TRACED_LOANS})
SELECT CAST(l.institution, 'String') AS institution, '' AS segment, toString(${periodStartSql('l.ts')}) AS period_start,
  if(sum(l.amount) = 0, 0, toFloat64(sumIf(l.amount, notEmpty(t.alert_ids))) / toFloat64(sum(l.amount))) AS value,
  toFloat64(sum(l.amount)) AS base,
  ${topContributorsSql('notEmpty(t.alert_ids)')} AS contributors,
  arrayDistinct(arrayFlatten(groupArray(t.alert_ids))) AS alert_ids
FROM (SELECT institution, tx_id, type, from_account, to_account, amount, ts, to_sector, to_mcc, to_country
      FROM detection_events
      WHERE type = 'loan_disbursement' AND loan_purpose IN {loanPurposes:Array(String)} AND ${IN_SPAN}) AS l
LEFT JOIN traced AS t ON CAST(l.institution, 'String') = t.inst AND l.tx_id = t.tx
GROUP BY institution, period_start`;

export const creditShareMeasure: IndicatorMeasure<CreditShareParams> = {
  id: 'credit_share',
  unit: 'share',
  contributorRole: 'loan',
  paramsSchema: CreditShareParamsSchema,
  defaultParams: { typology: 'credit_to_real_estate', loanPurposes: ['consumer', 'business'] },
  sql: SQL,
  bind: (params) => ({ typology: params.typology, loanPurposes: params.loanPurposes }),
};
