/**
 * `rapid_pass_through`: a personal account receives a transfer of at least 50,000 and within
 * 24 hours sends at least 90% of it onward to at least 2 distinct personal accounts — the
 * account is a conduit, not a destination. One incident per incoming transfer; outgoing
 * transfers shared by two incoming ones merge them.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { DetectionContext, Incident, TypologyDetector } from '../typology.js';
import {
  NON_PERSONAL_ACCOUNTS, PRUNED_RECORDS, RANGE_ACCOUNTS, decimalParam, evidenceOf, evidenceTuple, inRange, twoDecimals, type EvidenceTupleRow,
} from './evidence-sql.js';
import { EVIDENCE_FIRST, EVIDENCE_LARGEST } from './evidence-cap.js';
import { incidentOf } from './incident-of.js';

const HOUR_MS = 3_600_000;

export const RapidPassThroughParamsSchema = Type.Object({
  /** The incoming transfer at least this (CNY). */
  minIncoming: Type.Number({ minimum: 0 }),
  /** Onward transfers strictly after the incoming one and at most this many hours later. */
  windowHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 366 }),
  /** Onward transfers together at least this share of the incoming one. */
  minOnwardRatio: Type.Number({ exclusiveMinimum: 0 }),
  /** Distinct personal recipients of the onward transfers. */
  minRecipients: Type.Integer({ minimum: 1 }),
  transferTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type RapidPassThroughParams = Static<typeof RapidPassThroughParamsSchema>;

export const RAPID_PASS_THROUGH_DEFAULTS: RapidPassThroughParams = {
  minIncoming: 50_000, windowHours: 24, minOnwardRatio: 0.9, minRecipients: 2, transferTypes: ['transfer'],
};

const PERSONAL_TRANSFER = `kind IN {transferTypes:Array(String)} AND src != dst AND dst NOT IN (${NON_PERSONAL_ACCOUNTS})`;

/**
 * An incident touches the range through its incoming transfer (whose recipient is then an
 * account of the range) or an onward one (whose sender is, and is the incoming recipient),
 * so both sides are restricted to the range's accounts (RANGE_ACCOUNTS), exactly. The large
 * incoming transfers are the join's right side, the one held in memory: a hot account's
 * onward transfers are streamed past them instead of being built into a hash table. Onward
 * evidence is capped (evidence-cap.ts) while count and total still cover every transfer.
 */
export const RAPID_PASS_THROUGH_SQL = `WITH
  incoming AS (SELECT * FROM (${PRUNED_RECORDS} AND to_account IN (${RANGE_ACCOUNTS}))
    WHERE ${PERSONAL_TRANSFER} AND amount >= {minIncoming:Decimal(18, 2)}),
  onward AS (SELECT * FROM (${PRUNED_RECORDS} AND from_account IN (${RANGE_ACCOUNTS})) WHERE ${PERSONAL_TRANSFER})
SELECT i.inst AS inst, i.tx_id AS tx_id, any(${evidenceTuple('i', 'transfer')}) AS received,
  groupArray(${EVIDENCE_FIRST})(${evidenceTuple('o', 'hop')}) AS onward,
  groupArraySorted(${EVIDENCE_LARGEST})(tuple(-o.amount, ${evidenceTuple('o', 'hop')})) AS largest,
  count() AS n, toString(any(i.amount)) AS amount
FROM onward AS o INNER JOIN incoming AS i ON o.src = i.dst
WHERE o.t > i.t AND o.t <= i.t + {windowMs:Int64}
GROUP BY i.inst, i.tx_id
HAVING uniqExact(o.dst) >= {minRecipients:UInt32}
  AND sum(o.amount) >= any(i.amount) * {ratio:Decimal(38, 6)}
  AND (max(${inRange('o')}) OR any(${inRange('i')}))`;

interface PassThroughRow {
  inst: string; tx_id: string; received: EvidenceTupleRow; onward: EvidenceTupleRow[]; largest: [unknown, EvidenceTupleRow][]; n: number; amount: string;
}

export const rapidPassThrough: TypologyDetector<RapidPassThroughParams> = {
  id: 'rapid_pass_through',
  logicVersion: '1.0.0',
  defaultParams: RAPID_PASS_THROUGH_DEFAULTS,
  paramsSchema: RapidPassThroughParamsSchema,
  recordTypes: (params) => params.transferTypes,
  async detect(ctx: DetectionContext<RapidPassThroughParams>): Promise<Incident[]> {
    const { params, range, eventTime } = ctx;
    const windowMs = Math.round(params.windowHours * HOUR_MS);
    const result = await ctx.client.query({
      query: RAPID_PASS_THROUGH_SQL,
      format: 'JSONEachRow',
      query_params: {
        lo: eventTime.minMs - windowMs, hi: eventTime.maxMs + windowMs, windowMs,
        afterSeq: range.afterSeq, uptoSeq: range.uptoSeq, transferTypes: params.transferTypes, recordTypes: params.transferTypes,
        minIncoming: decimalParam(params.minIncoming), minRecipients: params.minRecipients, ratio: String(params.minOnwardRatio),
      },
    });
    return (await result.json<PassThroughRow>()).map((row) => incidentOf({
      typology: 'rapid_pass_through',
      incidentKey: `rapid_pass_through:${row.inst}/${row.tx_id}`,
      evidence: [evidenceOf(row.received), ...row.onward.map(evidenceOf), ...row.largest.map(([, tuple]) => evidenceOf(tuple))],
      evidenceCount: Number(row.n) + 1,
      amount: twoDecimals(row.amount),
    }));
  },
};
