/**
 * What the cross-border model sees of each outgoing remittance, computed in ClickHouse over
 * the records detection reads (`detection_events`), on event time:
 *
 * - `log_amount`: log10 of the amount;
 * - `amount_vs_sender`: log10 of the amount over the mean of the sender's earlier remittances
 *   (0 for a first one) — a customer who usually sends 10,000 sending 400,000;
 * - `sender_burst_24h`: the sender's other remittances in the 24 hours before it;
 * - `corridor_rarity`: −log10 of the corridor's share of all remittances up to `uptoMs`.
 *
 * Every value is bound; features of records in `(fromMs, toMs]` are returned, their history
 * read from everything stored.
 */
import type { ClickHouseClient } from '@clickhouse/client';

export const FEATURE_NAMES = ['log_amount', 'amount_vs_sender', 'sender_burst_24h', 'corridor_rarity'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** One remittance with its features, in {@link FEATURE_NAMES} order. */
export interface RemittanceFeatures {
  seq: number;
  institution: string;
  txId: string;
  from: string;
  to: string;
  toCountry: string;
  amount: string;
  ts: string;
  features: number[];
}

const FEATURES_SQL = `/* model:cross_border_anomaly */
WITH remittances AS (
    SELECT seq, CAST(institution, 'String') AS inst, tx_id, from_account, to_account, CAST(to_country, 'String') AS country,
      amount, toUnixTimestamp64Milli(ts) AS t
    FROM detection_events
    WHERE type IN {outflowTypes:Array(String)} AND toUnixTimestamp64Milli(ts) <= {uptoMs:Int64}),
  corridors AS (SELECT country, count() / (SELECT count() FROM remittances) AS share FROM remittances GROUP BY country),
  windowed AS (
    SELECT *,
      avg(toFloat64(amount)) OVER (PARTITION BY from_account ORDER BY t, tx_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS sender_mean,
      count() OVER (PARTITION BY from_account ORDER BY t RANGE BETWEEN 86400000 PRECEDING AND CURRENT ROW) - 1 AS burst
    FROM remittances)
SELECT w.seq AS seq, w.inst AS institution, w.tx_id AS txId, w.from_account AS from, w.to_account AS to, w.country AS toCountry,
  toString(w.amount) AS amount, w.t AS t,
  [log10(toFloat64(w.amount)),
   if(isNaN(w.sender_mean) OR w.sender_mean <= 0, 0, log10(toFloat64(w.amount) / w.sender_mean)),
   toFloat64(w.burst),
   -log10(c.share)] AS features
FROM windowed AS w INNER JOIN corridors AS c ON w.country = c.country
WHERE w.t > {fromMs:Int64} AND w.t <= {toMs:Int64} AND w.seq > {afterSeq:UInt64} AND w.seq <= {uptoSeq:UInt64}
ORDER BY w.t, w.seq`;

/** A span of remittances: event time in (fromMs, toMs], optionally stored in seqs (afterSeq, uptoSeq]; history up to uptoMs. */
export interface FeatureSpan { fromMs: number; toMs: number; uptoMs: number; afterSeq?: number; uptoSeq?: number }

/** Features of the remittances of a span. */
export async function remittanceFeatures(client: ClickHouseClient, span: Readonly<FeatureSpan>, outflowTypes: readonly string[] = ['cross_border_out']): Promise<RemittanceFeatures[]> {
  const query_params = { afterSeq: 0, uptoSeq: Number.MAX_SAFE_INTEGER, ...span, outflowTypes: [...outflowTypes] };
  const result = await client.query({ query: FEATURES_SQL, format: 'JSONEachRow', query_params });
  const rows = await result.json<Omit<RemittanceFeatures, 'ts'> & { t: number | string }>();
  return rows.map(({ t, ...r }) => ({ ...r, seq: Number(r.seq), ts: new Date(Number(t)).toISOString(), features: r.features.map(Number) }));
}
