/**
 * Loan funds diverted to a restricted sector: a `consumer` or `business` loan disbursement
 * whose money reaches a restricted party (real estate, capital markets…) within a window,
 * straight from the borrower or through up to N intermediate personal accounts. Each hop
 * is later than the one before and carries at least a share of it, so the path follows the
 * money rather than any payment the borrower happens to make.
 *
 * SQL selects, on event time, the watched loans a path through the round's records can start
 * from (credit-loans.ts), then the flows out of their borrowers, then
 * the flows out of each level's personal accounts (index lookups by sender); the paths are
 * assembled here, level by level (chained self-joins cost more to plan and to run than
 * these lookups).
 *
 * One incident per loan: every path found from the same disbursement is the same misuse,
 * keyed by the loan record, so windows and paths found at different times merge.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { TypologyId } from '../../../core/src/domain/alert.js';
import type { DetectionContext, Incident, SeqRange, TypologyDetector } from '../typology.js';
import { NON_PERSONAL_ACCOUNTS, PRUNED_RECORDS, decimalParam } from './evidence-sql.js';
import {
  PPM, atLeastShare, bySender, candidateOf, candidateOfTuple, candidateTuple, evidenceOfCandidate, inSeqRange, ppmOf,
  type Candidate, type CandidateTuple,
} from './candidate-records.js';
import { evidenceKey, incidentOf, sumAmounts } from './incident-of.js';
import { loansToFollow } from './credit-loans.js';

const DAY_MS = 86_400_000;

/** Parameters of a credit-diversion typology (every number is configuration). */
export const CreditFlowParamsSchema = Type.Object({
  /** Loan purposes watched; mortgages are exempt by default. */
  loanPurposes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  /** GB/T 4754 sector codes of the restricted receiving party. */
  restrictedSectors: Type.Array(Type.String({ minLength: 1 })),
  /** Merchant category codes of the restricted receiving party. */
  restrictedMccs: Type.Array(Type.String({ minLength: 1 })),
  /** The restricted payment must happen at most this many days after the disbursement. */
  windowDays: Type.Number({ exclusiveMinimum: 0, maximum: 3660 }),
  /** Intermediate personal accounts allowed between borrower and restricted party. */
  maxIntermediates: Type.Integer({ minimum: 0, maximum: 3 }),
  /** Each hop carries at least this share of the previous hop (the loan for the first). */
  minHopRatio: Type.Number({ minimum: 0, maximum: 1 }),
  /** The restricted payment is at least this amount (CNY). */
  minFinalAmount: Type.Number({ minimum: 0 }),
  /** Record types that move money along the path. */
  flowTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type CreditFlowParams = Static<typeof CreditFlowParamsSchema>;

function checkCreditFlowParams(params: Readonly<CreditFlowParams>): string[] {
  return params.restrictedSectors.length + params.restrictedMccs.length === 0
    ? ['restrictedSectors: at least one sector or MCC must be restricted']
    : [];
}

/**
 * Flows that can continue a path: to a personal account (a hop), or a restricted payment of
 * at least the final amount. `restricted` tells which.
 */
const FLOWS_SQL = `SELECT *, (to_sector IN {sectors:Array(String)} OR to_mcc IN {mccs:Array(String)})
    AND amount >= {minFinal:Decimal(18, 2)} AS restricted
  FROM recs
  WHERE kind IN {flowTypes:Array(String)} AND src != dst AND (restricted OR dst NOT IN (${NON_PERSONAL_ACCOUNTS}))`;

/**
 * Legs out of the given accounts (borrowers, then each level's personal accounts); the
 * `by_sender` projection of `detection_events` makes this a lookup, not a scan. `minLeg` is
 * the smallest amount any path of the level could continue with (the share of the smallest
 * last leg), so the borrowers' everyday spending is not even fetched.
 */
export const CREDIT_NEXT_LEGS_SQL = `WITH
  recs AS (${PRUNED_RECORDS} AND from_account IN {accounts:Array(String)} AND amount >= {minLeg:Decimal(18, 2)}),
  flows AS (${FLOWS_SQL})
SELECT ${candidateTuple('h')} AS leg, h.restricted AS restricted
FROM flows AS h`;

interface LegRow { leg: CandidateTuple; restricted: number }
interface Leg extends Candidate { restricted: boolean }
interface PartialPath { loan: Candidate; legs: Leg[] }

const legOf = (row: LegRow): Leg => ({ ...candidateOfTuple(row.leg), restricted: row.restricted === 1 });

/** Extend every partial path by one leg; complete paths go to `done`. */
function extendPaths(frontier: readonly PartialPath[], next: ReadonlyMap<string, readonly Candidate[]>, rule: PathRule, done: PartialPath[]): PartialPath[] {
  const grown: PartialPath[] = [];
  for (const path of frontier) {
    const last = path.legs[path.legs.length - 1] ?? path.loan;
    const seen = new Set([path.loan.dst, ...path.legs.map((leg) => leg.dst)]);
    for (const candidate of next.get(last.dst) ?? []) {
      const leg = candidate as Leg;
      if (leg.t <= last.t || leg.t > path.loan.t + rule.windowMs || !atLeastShare(leg.cents, last.cents, rule.ratioPpm)) continue;
      if (leg.restricted) done.push({ loan: path.loan, legs: [...path.legs, leg] });
      else if (!seen.has(leg.dst) && path.legs.length + 1 <= rule.maxIntermediates) grown.push({ loan: path.loan, legs: [...path.legs, leg] });
    }
  }
  return grown;
}

interface PathRule { windowMs: number; ratioPpm: bigint; maxIntermediates: number }

/** Cents (rounded down, so the bound never excludes a qualifying leg) as a decimal string. */
function centsToDecimal(cents: bigint): string {
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/** Paths loan → hops → restricted payment, followed level by level from the loans. */
async function creditPaths(ctx: DetectionContext<CreditFlowParams>, rule: PathRule, queryParams: Record<string, unknown>): Promise<PartialPath[]> {
  const loans = await loansToFollow(ctx, { maxIntermediates: rule.maxIntermediates, minHopRatio: ctx.params.minHopRatio }, queryParams);
  const done: PartialPath[] = [];
  let frontier: PartialPath[] = loans.map((row) => ({ loan: candidateOf(row), legs: [] }));
  while (frontier.length > 0) {
    const lasts = frontier.map((path) => path.legs[path.legs.length - 1] ?? path.loan);
    const accounts = [...new Set(lasts.map((last) => last.dst))];
    const smallest = lasts.reduce((min, last) => (last.cents < min ? last.cents : min), lasts[0]!.cents);
    const minLeg = centsToDecimal((smallest * rule.ratioPpm) / PPM);
    const result = await ctx.client.query({ query: CREDIT_NEXT_LEGS_SQL, format: 'JSONEachRow', query_params: { ...queryParams, accounts, minLeg } });
    const next = bySender((await result.json<LegRow>()).map(legOf));
    frontier = extendPaths(frontier, next, rule, done);
  }
  return done;
}

/** Group the paths touching the range by loan: one incident per disbursement. */
function incidentsOf(typology: TypologyId, paths: readonly PartialPath[], range: Readonly<SeqRange>): Incident[] {
  const byLoan = new Map<string, PartialPath[]>();
  for (const path of paths) {
    if (!inSeqRange(path.loan, range) && !path.legs.some((leg) => inSeqRange(leg, range))) continue;
    const key = `${path.loan.inst}/${path.loan.tx_id}`;
    byLoan.set(key, [...(byLoan.get(key) ?? []), path]);
  }
  return [...byLoan.entries()].map(([loanKey, group]) => {
    const evidence = group.flatMap((path) => [
      evidenceOfCandidate(path.loan, 'loan'),
      ...path.legs.map((leg) => evidenceOfCandidate(leg, leg.restricted ? 'sensitive_payment' : 'hop')),
    ]);
    const payments = new Map(evidence.filter((e) => e.role === 'sensitive_payment').map((e) => [evidenceKey(e), e.amount]));
    return incidentOf({ typology, incidentKey: `${typology}:${loanKey}`, evidence, amount: sumAmounts([...payments.values()]) });
  });
}

/** Options of one credit-diversion typology. */
export interface CreditFlowTypologyOptions {
  id: TypologyId;
  logicVersion: string;
  defaultParams: CreditFlowParams;
}

/** A credit-diversion detector for one restricted sector. */
export function createCreditFlowTypology(options: Readonly<CreditFlowTypologyOptions>): TypologyDetector<CreditFlowParams> {
  return {
    id: options.id,
    logicVersion: options.logicVersion,
    defaultParams: options.defaultParams,
    paramsSchema: CreditFlowParamsSchema,
    checkParams: checkCreditFlowParams,
    recordTypes: (params) => ['loan_disbursement', ...params.flowTypes],
    async detect(ctx: DetectionContext<CreditFlowParams>): Promise<Incident[]> {
      const { params, range, eventTime } = ctx;
      const windowMs = Math.round(params.windowDays * DAY_MS);
      const rule: PathRule = { windowMs, ratioPpm: ppmOf(params.minHopRatio), maxIntermediates: params.maxIntermediates };
      const paths = await creditPaths(ctx, rule, {
        lo: eventTime.minMs - windowMs, hi: eventTime.maxMs + windowMs, windowMs,
        recordTypes: ['loan_disbursement', ...params.flowTypes],
        loanPurposes: params.loanPurposes, flowTypes: params.flowTypes,
        sectors: params.restrictedSectors, mccs: params.restrictedMccs,
        minFinal: decimalParam(params.minFinalAmount), ratio: String(params.minHopRatio),
        afterSeq: range.afterSeq, uptoSeq: range.uptoSeq,
      });
      return incidentsOf(options.id, paths, range);
    },
  };
}

