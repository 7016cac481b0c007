/**
 * The shape shared by the "many records of one party within a window" typologies
 * (structuring, fan-in, fan-out, cross-border splitting): for every qualifying record `a`
 * of a party, the window [a.t, a.t + W] of that party's qualifying records. Any set of
 * records spanning at most W lies inside the window anchored at its earliest record, so
 * these windows find every occurrence; overlapping windows of one burst share records and
 * fold into one incident.
 *
 * Conditions are monotone (more records only add to counts and totals), which is why a
 * window first found incomplete and later grown by late records is still the same incident.
 */
import type { TypologyId } from '../../../core/src/domain/alert.js';
import type { DetectionContext, EvidenceRole, Incident } from '../typology.js';
import { EVIDENCE_FIRST, EVIDENCE_LARGEST } from './evidence-cap.js';
import { PRUNED_RECORDS, RANGE_ACCOUNTS, evidenceOf, evidenceTuple, inRange, twoDecimals, type EvidenceTupleRow } from './evidence-sql.js';
import { incidentOf } from './incident-of.js';
import { groupIncidents } from '../detection/incident-merge.js';

/** What distinguishes one windowed typology from another. */
export interface AnchoredWindowQuery {
  typology: TypologyId;
  /**
   * Body of a SELECT over `recs` (the pruned records) returning every column of `recs` plus
   * `party` (whose window it is), `side` (separates e.g. deposits from withdrawals) and
   * `counterparty` (what must be distinct: sender, recipient, country).
   */
  base: string;
  /**
   * The stored column that `party` is (a code constant): the account filters are applied on
   * it while reading `detection_events`, where its projection by sender makes the fan-out and
   * cross-border lookups index ranges instead of a scan of the window.
   */
  partyColumn: 'from_account' | 'to_account';
  role: EvidenceRole;
  windowMs: number;
  minCount: number;
  minCounterparties: number;
  /** Window total at least this (bound as Decimal(18, 2)). */
  minTotal: string;
  /** Record types that can take part (prunes the read). */
  recordTypes: readonly string[];
  /** Typology-specific bound parameters used by `base`. */
  params: Record<string, unknown>;
}

/** The typology's records of the parties `accounts` (SQL of a set of accounts). */
function partyRecordsSql(query: Readonly<Pick<AnchoredWindowQuery, 'base' | 'partyColumn'>>, accounts: string): string {
  return `WITH
  recs AS (${PRUNED_RECORDS} AND ${query.partyColumn} IN (${accounts})),
  base AS (${query.base})`;
}

/**
 * Parties among the range's accounts (RANGE_ACCOUNTS: a window touching the range contains
 * a record of it, whose party it is) whose records in the whole pruning window could
 * qualify: every window is a subset of it, so count, total and distinct counterparties over
 * it are necessary conditions. One aggregation; a round whose records complete nothing ends
 * here. A pair of accounts exchanging a million transfers has one counterparty and is
 * dropped here, instead of giving a million windows of a million records each.
 */
export function qualifyingPartiesSql(query: Readonly<Pick<AnchoredWindowQuery, 'base' | 'partyColumn'>>): string {
  return `${partyRecordsSql(query, RANGE_ACCOUNTS)}
SELECT DISTINCT party FROM (SELECT party FROM base GROUP BY party, side
  HAVING count() >= {minCount:UInt32} AND sum(amount) >= {minTotal:Decimal(18, 2)} AND uniqExact(counterparty) >= {minCounterparties:UInt32})`;
}

/**
 * The windowed query over the qualifying parties (`{parties:Array(String)}`); every value is
 * a bound parameter. A window function over each party's records ordered by event time gives
 * every anchored window in one pass, without a self-join. In RANGE mode the frame starts with
 * all records at the anchor's instant, as `b.t >= a.t`. Each window carries at most its first
 * and its largest records (evidence-cap.ts) and counts the rest, so its memory is bounded
 * whatever the party's volume.
 */
export function anchoredWindowSql(query: Readonly<Pick<AnchoredWindowQuery, 'base' | 'partyColumn' | 'role'>>): string {
  const tuple = evidenceTuple('base', query.role);
  return `${partyRecordsSql(query, '{parties:Array(String)}')}
SELECT party, side, anchor_inst, anchor_tx, ev_first, ev_largest, n, toString(total) AS total_text FROM (
  SELECT party, side, inst AS anchor_inst, tx_id AS anchor_tx,
    count() OVER w AS n, sum(amount) OVER w AS total, uniqExact(counterparty) OVER w AS counterparties,
    max(${inRange('base')}) OVER w AS touches,
    groupArray(${EVIDENCE_FIRST})(${tuple}) OVER w AS ev_first,
    groupArraySorted(${EVIDENCE_LARGEST})(tuple(-base.amount, ${tuple})) OVER w AS ev_largest
  FROM base
  WINDOW w AS (PARTITION BY party, side ORDER BY t RANGE BETWEEN CURRENT ROW AND {windowMs:UInt64} FOLLOWING)
)
WHERE n >= {minCount:UInt32} AND total >= {minTotal:Decimal(18, 2)} AND counterparties >= {minCounterparties:UInt32} AND touches`;
}

interface WindowRow {
  party: string; side: string; anchor_inst: string; anchor_tx: string;
  ev_first: EvidenceTupleRow[]; ev_largest: [unknown, EvidenceTupleRow][]; n: number; total_text: string;
}

/** Run a windowed typology and fold overlapping windows into incidents. */
export async function detectAnchoredWindows(ctx: DetectionContext<unknown>, query: Readonly<AnchoredWindowQuery>): Promise<Incident[]> {
  const { range, eventTime } = ctx;
  const queryParams = {
    ...query.params,
    recordTypes: query.recordTypes,
    lo: eventTime.minMs - query.windowMs, hi: eventTime.maxMs + query.windowMs, windowMs: query.windowMs,
    afterSeq: range.afterSeq, uptoSeq: range.uptoSeq,
    minCount: query.minCount, minCounterparties: query.minCounterparties, minTotal: query.minTotal,
  };
  const qualifying = await ctx.client.query({ query: qualifyingPartiesSql(query), format: 'JSONEachRow', query_params: queryParams });
  const parties = (await qualifying.json<{ party: string }>()).map((row) => row.party);
  if (parties.length === 0) return [];
  const result = await ctx.client.query({
    query: anchoredWindowSql(query), format: 'JSONEachRow', query_params: { ...queryParams, parties },
  });
  const windows = (await result.json<WindowRow>()).map((row) => incidentOf({
    typology: query.typology,
    incidentKey: `${query.typology}:${row.party}:${row.side}:${row.anchor_inst}/${row.anchor_tx}`,
    evidence: [...row.ev_first, ...row.ev_largest.map(([, tuple]) => tuple)].map(evidenceOf),
    evidenceCount: Number(row.n),
    amount: twoDecimals(row.total_text),
  }));
  return groupIncidents(windows).map((group) => group.incident);
}
