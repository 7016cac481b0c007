/**
 * `cycle`: transfers of at least 10,000 that form a closed loop through 3 to 5 distinct
 * personal accounts within 7 days, each hop later than the previous one and within ±20% of
 * the first hop's amount — money that goes round to fake turnover or layer its origin.
 * One incident per set of accounts: the same ring turning again is the same incident.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { DetectionContext, Incident, TypologyDetector } from '../typology.js';
import {
  NON_PERSONAL_ACCOUNTS, PRUNED_RECORDS, decimalParam, evidenceOf, evidenceTuple, inRange, type EvidenceTupleRow,
} from './evidence-sql.js';
import { incidentOf } from './incident-of.js';

const DAY_MS = 86_400_000;

export const CycleParamsSchema = Type.Object({
  /** Every hop at least this (CNY). */
  minAmount: Type.Number({ minimum: 0 }),
  minAccounts: Type.Integer({ minimum: 2, maximum: 8 }),
  maxAccounts: Type.Integer({ minimum: 2, maximum: 8 }),
  /** Last hop at most this many days after the first. */
  windowDays: Type.Number({ exclusiveMinimum: 0, maximum: 366 }),
  /** Every hop within ± this share of the first hop's amount (inclusive). */
  amountTolerance: Type.Number({ minimum: 0, maximum: 1 }),
  transferTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type CycleParams = Static<typeof CycleParamsSchema>;

export const CYCLE_DEFAULTS: CycleParams = {
  minAmount: 10_000, minAccounts: 3, maxAccounts: 5, windowDays: 7, amountTolerance: 0.2, transferTypes: ['transfer'],
};

/** Rings of exactly `k` accounts: e1 … ek, each from the previous one's recipient, ek back to e1's sender. */
function ringSql(k: number): string {
  const legs = Array.from({ length: k }, (_, i) => `e${i + 1}`);
  const joins = legs.slice(1).map((leg, i) => `INNER JOIN edges AS ${leg} ON ${leg}.src = ${legs[i]!}.dst${i + 2 === k ? ' AND ek.dst = e1.src'.replace('ek', leg) : ''}`);
  const where = legs.slice(1).flatMap((leg, i) => [
    `${leg}.t > ${legs[i]!}.t`,
    `${leg}.amount >= e1.amount * (1 - {tolerance:Decimal(38, 6)})`,
    `${leg}.amount <= e1.amount * (1 + {tolerance:Decimal(38, 6)})`,
  ]);
  where.push(`${legs[k - 1]!}.t <= e1.t + {windowMs:Int64}`, `length(arrayDistinct([${legs.map((l) => `${l}.src`).join(', ')}])) = ${k}`,
    `(${legs.map(inRange).join(' OR ')})`);
  return `SELECT [${legs.map((l) => `${l}.src`).join(', ')}] AS ring, [${legs.map((l) => evidenceTuple(l, 'transfer')).join(', ')}] AS ev
  FROM edges AS e1 ${joins.join(' ')}
  WHERE ${where.join(' AND ')}`;
}

/** Rings of minAccounts…maxAccounts accounts touching the range. */
export function cycleSql(minAccounts: number, maxAccounts: number): string {
  const rings = Array.from({ length: maxAccounts - minAccounts + 1 }, (_, i) => ringSql(minAccounts + i));
  return `WITH
  recs AS (${PRUNED_RECORDS}),
  edges AS (SELECT * FROM recs
    WHERE kind IN {transferTypes:Array(String)} AND amount >= {minAmount:Decimal(18, 2)} AND src != dst
      AND src NOT IN (${NON_PERSONAL_ACCOUNTS}) AND dst NOT IN (${NON_PERSONAL_ACCOUNTS}))
${rings.join('\nUNION ALL\n')}`;
}

interface RingRow { ring: string[]; ev: EvidenceTupleRow[] }

export const cycle: TypologyDetector<CycleParams> = {
  id: 'cycle',
  logicVersion: '1.0.0',
  defaultParams: CYCLE_DEFAULTS,
  paramsSchema: CycleParamsSchema,
  checkParams: (p) => (p.minAccounts <= p.maxAccounts ? [] : ['minAccounts: must not exceed maxAccounts']),
  async detect(ctx: DetectionContext<CycleParams>): Promise<Incident[]> {
    const { params, range, eventTime } = ctx;
    const windowMs = Math.round(params.windowDays * DAY_MS);
    const result = await ctx.client.query({
      query: cycleSql(params.minAccounts, params.maxAccounts),
      format: 'JSONEachRow',
      query_params: {
        lo: eventTime.minMs - windowMs, hi: eventTime.maxMs + windowMs, windowMs,
        afterSeq: range.afterSeq, uptoSeq: range.uptoSeq, transferTypes: params.transferTypes,
        minAmount: decimalParam(params.minAmount), tolerance: String(params.amountTolerance),
      },
    });
    // One incident per ring of accounts, whatever hop it was entered from or how often it turned.
    const byRing = new Map<string, RingRow[]>();
    for (const row of await result.json<RingRow>()) {
      const key = [...row.ring].sort().join(',');
      byRing.set(key, [...(byRing.get(key) ?? []), row]);
    }
    return [...byRing.entries()].map(([ring, rows]) => {
      const evidence = rows.flatMap((row) => row.ev.map(evidenceOf));
      const largest = evidence.reduce((max, e) => (Number(e.amount) > Number(max) ? e.amount : max), '0.00');
      return incidentOf({ typology: 'cycle', incidentKey: `cycle:${ring}`, evidence, amount: largest });
    });
  },
};
