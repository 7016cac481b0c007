/**
 * `cycle`: transfers of at least 10,000 that form a closed loop through 3 to 5 distinct
 * personal accounts within 7 days, each hop later than the previous one and within ±20% of
 * the first hop's amount — money that goes round to fake turnover or layer its origin.
 *
 * SQL selects the candidate hops on event time (large transfers between personal accounts
 * within one window of the range); a depth-first search assembles the rings. One incident
 * per set of accounts: the same ring turning again is the same incident.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { DetectionContext, Incident, SeqRange, TypologyDetector } from '../typology.js';
import { NON_PERSONAL_ACCOUNTS, PRUNED_RECORDS, decimalParam } from './evidence-sql.js';
import {
  CANDIDATE_COLUMNS, PPM, bySender, candidateOf, evidenceOfCandidate, inSeqRange, ppmOf, type Candidate, type CandidateRow,
} from './candidate-records.js';
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

/**
 * Large transfers between distinct personal accounts within the pruning window — only when
 * the range holds a large transfer: a ring touching the range contains one, so without one the
 * round has nothing to complete (exact), and the constant-false condition reads nothing.
 */
export const CYCLE_CANDIDATES_SQL = `WITH (SELECT count() FROM detection_events
    WHERE seq > {afterSeq:UInt64} AND seq <= {uptoSeq:UInt64} AND type IN {transferTypes:Array(String)}
      AND amount >= {minAmount:Decimal(18, 2)} AND from_account != to_account) AS range_hops
SELECT ${CANDIDATE_COLUMNS} FROM (SELECT * FROM (${PRUNED_RECORDS})
  WHERE range_hops > 0 AND kind IN {transferTypes:Array(String)} AND amount >= {minAmount:Decimal(18, 2)} AND src != dst
    AND src NOT IN (${NON_PERSONAL_ACCOUNTS}) AND dst NOT IN (${NON_PERSONAL_ACCOUNTS}))`;

interface RingSearch {
  params: Readonly<CycleParams>;
  windowMs: number;
  next: ReadonlyMap<string, readonly Candidate[]>;
}

/** Every ring that starts with `first` (its earliest hop, since hops are strictly later). */
function ringsFrom(search: RingSearch, first: Candidate): Candidate[][] {
  const { params, windowMs, next } = search;
  const tolerance = ppmOf(params.amountTolerance);
  const low = first.cents * (PPM - tolerance);
  const high = first.cents * (PPM + tolerance);
  const rings: Candidate[][] = [];
  const extend = (path: Candidate[], visited: Set<string>): void => {
    const last = path[path.length - 1]!;
    for (const hop of next.get(last.dst) ?? []) {
      if (hop.t <= last.t) continue;
      if (hop.t > first.t + windowMs) break;
      if (hop.cents * PPM < low || hop.cents * PPM > high) continue;
      if (hop.dst === first.src) {
        if (path.length + 1 >= params.minAccounts) rings.push([...path, hop]);
      } else if (!visited.has(hop.dst) && path.length + 1 < params.maxAccounts) {
        extend([...path, hop], new Set([...visited, hop.dst]));
      }
    }
  };
  extend([first], new Set([first.src, first.dst]));
  return rings;
}

/** Rings touching the range, one incident per set of accounts. */
export function cycleIncidents(candidates: readonly Candidate[], params: Readonly<CycleParams>, range: Readonly<SeqRange>): Incident[] {
  const search: RingSearch = { params, windowMs: Math.round(params.windowDays * DAY_MS), next: bySender(candidates) };
  const byRing = new Map<string, Candidate[][]>();
  for (const first of candidates) {
    for (const ring of ringsFrom(search, first)) {
      if (!ring.some((hop) => inSeqRange(hop, range))) continue;
      const key = ring.map((hop) => hop.src).sort().join(',');
      byRing.set(key, [...(byRing.get(key) ?? []), ring]);
    }
  }
  return [...byRing.entries()].map(([ring, rings]) => {
    const hops = rings.flat();
    const largest = hops.reduce((max, hop) => (hop.cents > max.cents ? hop : max));
    return incidentOf({
      typology: 'cycle', incidentKey: `cycle:${ring}`, evidence: hops.map((hop) => evidenceOfCandidate(hop, 'transfer')),
      amount: evidenceOfCandidate(largest, 'transfer').amount,
    });
  });
}

export const cycle: TypologyDetector<CycleParams> = {
  id: 'cycle',
  logicVersion: '1.0.0',
  defaultParams: CYCLE_DEFAULTS,
  paramsSchema: CycleParamsSchema,
  recordTypes: (params) => params.transferTypes,
  checkParams: (p) => (p.minAccounts <= p.maxAccounts ? [] : ['minAccounts: must not exceed maxAccounts']),
  async detect(ctx: DetectionContext<CycleParams>): Promise<Incident[]> {
    const { params, range, eventTime } = ctx;
    const windowMs = Math.round(params.windowDays * DAY_MS);
    const result = await ctx.client.query({
      query: CYCLE_CANDIDATES_SQL,
      format: 'JSONEachRow',
      query_params: {
        lo: eventTime.minMs - windowMs, hi: eventTime.maxMs + windowMs,
        recordTypes: params.transferTypes, transferTypes: params.transferTypes, minAmount: decimalParam(params.minAmount),
        afterSeq: range.afterSeq, uptoSeq: range.uptoSeq,
      },
    });
    return cycleIncidents((await result.json<CandidateRow>()).map(candidateOf), params, range);
  },
};
