/**
 * Which watched loans a detection round must follow for the credit typologies. A path that
 * contains a record of the range either starts at a loan of the range, or runs through the
 * sender of one of the range's flows: its k-th leg is sent by an account k - 1 backward
 * steps from the borrower. So the loans to follow are those of the range and those whose
 * borrower reaches a range sender in at most maxIntermediates backward steps — exact, not a
 * heuristic — and a round of records that touch no loan's money follows nothing, instead of
 * following the whole 90-day loan book.
 *
 * Every leg carries at least `minHopRatio` of the one before (the first, of the loan), so a
 * leg at depth d is at least ratio^d of the smallest watched loan: smaller flows cannot be on
 * any path and are not followed backwards (the bound has a margin for floating point, so it
 * only ever lets more through). Each step is one query, run from here so that an empty level
 * ends the search early.
 */
import type { DetectionContext } from '../typology.js';
import { CANDIDATE_COLUMNS, type CandidateRow } from './candidate-records.js';
import { PRUNED_RECORDS } from './evidence-sql.js';

/** The parameters of the credit typologies that the loan selection reads. */
interface LoanRule { maxIntermediates: number; minHopRatio: number }

const WATCHED_LOANS = `SELECT * FROM (${PRUNED_RECORDS} AND type = 'loan_disbursement') WHERE purpose IN {loanPurposes:Array(String)}`;

/**
 * Above this many records a range's senders are most of the window's accounts: the backward
 * search would cost more than following every watched loan (measured: 50,000-record ranges
 * took ~1.5× the CPU), so large ranges (catch-up, batch runs) follow the whole loan book.
 */
export const BACKWARD_SEARCH_MAX_RECORDS = 5_000;

/** Every watched loan of the pruning window. */
export const ALL_WATCHED_LOANS_SQL = `SELECT ${CANDIDATE_COLUMNS} FROM (${WATCHED_LOANS})`;

const LARGE_FLOW = `type IN {flowTypes:Array(String)} AND from_account != to_account AND toFloat64(amount) >= {bound:Float64}`;

/**
 * Senders of the range's flows that can be on a path, with the bound (ratio^(levels + 1) of
 * the smallest watched loan of the window; infinite without one, so nothing passes). One
 * query: on the running platform every query waits behind the ingestion insert in flight.
 */
export const RANGE_SENDERS_SQL = `WITH (SELECT if(count() = 0, inf, toFloat64(min(amount)) * {minLegShare:Float64}) FROM (${WATCHED_LOANS})) AS bound
SELECT DISTINCT from_account AS src, bound FROM detection_events
  WHERE seq > {afterSeq:UInt64} AND seq <= {uptoSeq:UInt64} AND type IN {flowTypes:Array(String)}
    AND from_account != to_account AND toFloat64(amount) >= bound`;

/** Senders of the window's flows to the given accounts: one backward step. */
export const SENDERS_TO_SQL = `SELECT DISTINCT from_account AS src FROM detection_events
  WHERE to_account IN {accounts:Array(String)} AND ${LARGE_FLOW}
    AND ts >= fromUnixTimestamp64Milli({lo:Int64}, 'UTC') AND ts <= fromUnixTimestamp64Milli({hi:Int64}, 'UTC')`;

/** Watched loans of the range or disbursed to the given accounts. */
export const LOANS_TO_FOLLOW_SQL = `SELECT ${CANDIDATE_COLUMNS} FROM (${WATCHED_LOANS})
  WHERE (seq > {afterSeq:UInt64} AND seq <= {uptoSeq:UInt64}) OR dst IN {accounts:Array(String)}`;

async function rows<T>(ctx: DetectionContext<unknown>, query: string, params: Record<string, unknown>): Promise<T[]> {
  return (await ctx.client.query({ query, format: 'JSONEachRow', query_params: params })).json<T>();
}

/** The watched loans a path touching the range can start from. */
export async function loansToFollow(ctx: DetectionContext<unknown>, rule: Readonly<LoanRule>, queryParams: Record<string, unknown>): Promise<CandidateRow[]> {
  if (ctx.range.uptoSeq - ctx.range.afterSeq > BACKWARD_SEARCH_MAX_RECORDS) return rows<CandidateRow>(ctx, ALL_WATCHED_LOANS_SQL, queryParams);
  const senders = await rows<{ src: string; bound: number }>(ctx, RANGE_SENDERS_SQL, {
    ...queryParams, minLegShare: rule.minHopRatio ** (rule.maxIntermediates + 1) * (1 - 1e-9),
  });
  const params = { ...queryParams, bound: senders[0]?.bound ?? 0 };
  let level = senders.map((r) => r.src);
  const reached = new Set(level);
  for (let step = 0; step < rule.maxIntermediates && level.length > 0; step++) {
    level = (await rows<{ src: string }>(ctx, SENDERS_TO_SQL, { ...params, accounts: level })).map((r) => r.src).filter((a) => !reached.has(a));
    for (const account of level) reached.add(account);
  }
  return rows<CandidateRow>(ctx, LOANS_TO_FOLLOW_SQL, { ...params, accounts: [...reached] });
}
