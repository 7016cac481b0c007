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
import type { TypologyId } from '../../../gateway/src/domain/alert.js';
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
  /** Typology-specific bound parameters used by `base`. */
  params: Record<string, unknown>;
}

/** The windowed query; every value is a bound parameter. */
export function anchoredWindowSql(base: string, role: EvidenceRole): string {
  return `WITH
  recs AS (${PRUNED_RECORDS}),
  base AS (${base})
SELECT a.party AS party, a.side AS side, a.inst AS anchor_inst, a.tx_id AS anchor_tx,
  groupArray(${evidenceTuple('b', role)}) AS ev, toString(sum(b.amount)) AS total
FROM base AS a INNER JOIN base AS b ON b.party = a.party AND b.side = a.side
WHERE b.t >= a.t AND b.t <= a.t + {windowMs:Int64}
GROUP BY party, side, anchor_inst, anchor_tx
HAVING count() >= {minCount:UInt32}
  AND sum(b.amount) >= {minTotal:Decimal(18, 2)}
  AND uniqExact(b.counterparty) >= {minCounterparties:UInt32}
  AND max(${inRange('b')})`;
}

interface WindowRow { party: string; side: string; anchor_inst: string; anchor_tx: string; ev: EvidenceTupleRow[]; total: string }

/** Run a windowed typology and fold overlapping windows into incidents. */
export async function detectAnchoredWindows(ctx: DetectionContext<unknown>, query: Readonly<AnchoredWindowQuery>): Promise<Incident[]> {
  const { range, eventTime } = ctx;
  const result = await ctx.client.query({
    query: anchoredWindowSql(query.base, query.role),
    format: 'JSONEachRow',
    query_params: {
      ...query.params,
      lo: eventTime.minMs - query.windowMs, hi: eventTime.maxMs + query.windowMs, windowMs: query.windowMs,
      afterSeq: range.afterSeq, uptoSeq: range.uptoSeq,
      minCount: query.minCount, minCounterparties: query.minCounterparties, minTotal: query.minTotal,
    },
  });
  const windows = (await result.json<WindowRow>()).map((row) => incidentOf({
    typology: query.typology,
    incidentKey: `${query.typology}:${row.party}:${row.side}:${row.anchor_inst}/${row.anchor_tx}`,
    evidence: row.ev.map(evidenceOf),
    amount: twoDecimals(row.total),
  }));
  return groupIncidents(windows).map((group) => group.incident);
}
