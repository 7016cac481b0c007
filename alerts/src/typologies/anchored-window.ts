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
import { PRUNED_RECORDS, evidenceOf, evidenceTuple, inRange, twoDecimals, type EvidenceTupleRow } from './evidence-sql.js';
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

/**
 * The windowed query; every value is a bound parameter. A window function over each party's
 * records ordered by event time gives every anchored window in one pass, without a self-join.
 * In RANGE mode the frame starts with all records at the anchor's instant, as `b.t >= a.t`.
 */
export function anchoredWindowSql(base: string, role: EvidenceRole): string {
  return `WITH
  recs AS (${PRUNED_RECORDS}),
  base AS (${base})
SELECT party, side, anchor_inst, anchor_tx, ev, toString(total) AS total_text FROM (
  SELECT party, side, inst AS anchor_inst, tx_id AS anchor_tx,
    count() OVER w AS n, sum(amount) OVER w AS total, uniqExact(counterparty) OVER w AS counterparties,
    max(${inRange('base')}) OVER w AS touches, groupArray(${evidenceTuple('base', role)}) OVER w AS ev
  FROM base
  WINDOW w AS (PARTITION BY party, side ORDER BY t RANGE BETWEEN CURRENT ROW AND {windowMs:UInt64} FOLLOWING)
)
WHERE n >= {minCount:UInt32} AND total >= {minTotal:Decimal(18, 2)} AND counterparties >= {minCounterparties:UInt32} AND touches`;
}

interface WindowRow { party: string; side: string; anchor_inst: string; anchor_tx: string; ev: EvidenceTupleRow[]; total_text: string }

/** Run a windowed typology and fold overlapping windows into incidents. */
export async function detectAnchoredWindows(ctx: DetectionContext<unknown>, query: Readonly<AnchoredWindowQuery>): Promise<Incident[]> {
  const { range, eventTime } = ctx;
  const result = await ctx.client.query({
    query: anchoredWindowSql(query.base, query.role),
    format: 'JSONEachRow',
    query_params: {
      ...query.params,
      recordTypes: query.recordTypes,
      lo: eventTime.minMs - query.windowMs, hi: eventTime.maxMs + query.windowMs, windowMs: query.windowMs,
      afterSeq: range.afterSeq, uptoSeq: range.uptoSeq,
      minCount: query.minCount, minCounterparties: query.minCounterparties, minTotal: query.minTotal,
    },
  });
  const windows = (await result.json<WindowRow>()).map((row) => incidentOf({
    typology: query.typology,
    incidentKey: `${query.typology}:${row.party}:${row.side}:${row.anchor_inst}/${row.anchor_tx}`,
    evidence: row.ev.map(evidenceOf),
    amount: twoDecimals(row.total_text),
  }));
  return groupIncidents(windows).map((group) => group.incident);
}
