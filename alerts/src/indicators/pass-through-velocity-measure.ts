/**
 * Velocity of pass-through: of the money an institution's customers transfer to personal
 * accounts, the share that the receiving account sends on within a window (24 hours by
 * default). Accounts that are destinations keep what they receive; a rising share means
 * the institution's transfers are being used as conduits (the `rapid_pass_through`
 * typology finds single cases; this is their weight in the whole flow).
 *
 *   value = Σ min(incoming, Σ onward transfers of its recipient within the window) / Σ incoming
 *
 * over incoming transfers of at least `minIncoming` (everyday payments left out), by the
 * reporting institution of the incoming transfer and its period. An onward transfer can
 * answer two incoming ones; each is capped at its own amount, so the share stays ≤ 1.
 */
import { Type, type Static } from '@sinclair/typebox';
import { NON_PERSONAL_ACCOUNTS } from '../typologies/evidence-sql.js';
import { IN_SPAN, periodStartSql, topContributorsSql, type IndicatorMeasure } from './indicator-measure.js';

export const PassThroughParamsSchema = Type.Object({
  /** Incoming transfers counted from this amount (CNY). */
  minIncoming: Type.Number({ minimum: 0 }),
  /** Onward transfers strictly after the incoming one and at most this many hours later. */
  windowHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 31 }),
  transferTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type PassThroughParams = Static<typeof PassThroughParamsSchema>;

const SQL = `/* indicator:pass_through_velocity */
WITH incoming AS (
    SELECT institution, tx_id, type, from_account, to_account, amount, ts, to_sector, to_mcc, to_country
    FROM detection_events
    WHERE type IN {transferTypes:Array(String)} AND ${IN_SPAN} AND amount >= {minIncoming:Decimal(18, 2)}
      AND from_account != to_account AND to_account NOT IN (${NON_PERSONAL_ACCOUNTS})),
  onward AS (
    SELECT from_account AS account, ts AS onward_ts, amount AS onward_amount
    FROM detection_events
    WHERE type IN {transferTypes:Array(String)} AND from_account IN (SELECT to_account FROM incoming)
      AND ts >= parseDateTime64BestEffort({from:String}, 3, 'UTC')
      AND ts < parseDateTime64BestEffort({to:String}, 3, 'UTC') + toIntervalSecond({windowSeconds:UInt32})),
  legs AS (
    SELECT any(i.institution) AS institution, i.tx_id AS tx_id, any(i.type) AS type, any(i.from_account) AS from_account,
      any(i.to_account) AS to_account, any(i.amount) AS amount, any(i.ts) AS ts, any(i.to_sector) AS to_sector,
      any(i.to_mcc) AS to_mcc, any(i.to_country) AS to_country,
      sumIf(o.onward_amount, o.onward_ts > i.ts AND o.onward_ts <= i.ts + toIntervalSecond({windowSeconds:UInt32})) AS forwarded
    FROM incoming AS i LEFT JOIN onward AS o ON i.to_account = o.account
    GROUP BY i.institution, i.tx_id)
SELECT CAST(institution, 'String') AS institution, '' AS segment, toString(${periodStartSql('ts')}) AS period_start,
  if(sum(amount) = 0, 0, toFloat64(sum(least(amount, forwarded))) / toFloat64(sum(amount))) AS value,
  toFloat64(sum(amount)) AS base,
  ${topContributorsSql('forwarded > 0')} AS contributors, CAST([], 'Array(String)') AS alert_ids
FROM legs
GROUP BY institution, period_start`;

export const passThroughVelocityMeasure: IndicatorMeasure<PassThroughParams> = {
  id: 'pass_through_velocity', unit: 'share', contributorRole: 'transfer',
  paramsSchema: PassThroughParamsSchema,
  defaultParams: { minIncoming: 10_000, windowHours: 24, transferTypes: ['transfer'] },
  sql: SQL,
  bind: (p) => ({ minIncoming: p.minIncoming.toFixed(2), windowSeconds: Math.round(p.windowHours * 3600), transferTypes: p.transferTypes }),
};
