/**
 * `cross_border_anomaly`: an isolation forest over the features of outgoing remittances
 * (cross-border-features.ts), trained on the stored history of a window, unsupervised. A
 * remittance is anomalous when its score reaches the model's cut-off, the `alertQuantile` of
 * the training scores. Each model names its training window, parameters and a hash of all of
 * it (trees included), which is what the ledger records.
 */
import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { canonicalJson } from '../../../core/src/domain/canonical-json.js';
import { FEATURE_NAMES, remittanceFeatures, type FeatureName, type RemittanceFeatures } from './cross-border-features.js';
import { IsolationForest } from './isolation-forest.js';

export const CROSS_BORDER_MODEL_LOGIC = 'cross_border_anomaly@1.0.0';

export interface CrossBorderModelParams {
  trees: number;
  sampleSize: number;
  seed: number;
  /** Share of a feature's training range a point must lie outside a node's box to be isolated there. */
  margin: number;
  /** Share of training remittances at or above the cut-off (0.99: the top 1% would alert). */
  alertQuantile: number;
  /** Fewer training remittances than this: no model (nothing is learned from a handful). */
  minTrainingRecords: number;
}

export const CROSS_BORDER_MODEL_DEFAULTS: CrossBorderModelParams = { trees: 100, sampleSize: 256, seed: 20_260_701, margin: 0.1, alertQuantile: 0.99, minTrainingRecords: 200 };

/** A trained model: what it was trained on, with what, and its hash. */
export interface CrossBorderModel {
  logic: string;
  trainedAt: string;
  window: { from: string; to: string; records: number };
  params: CrossBorderModelParams;
  cutoff: number;
  /** Training medians and median absolute deviations per feature (to say which features drove a score). */
  medians: number[];
  mads: number[];
  /** SHA-256 of the canonical JSON of everything above and the trees. */
  hash: string;
  forest: IsolationForest;
}

/** What drove a score: the features furthest from their training median, in MADs. */
export interface ScoreDriver { feature: FeatureName; value: number; typical: number; deviation: number }

export interface ScoredRemittance extends RemittanceFeatures {
  score: number;
  anomalous: boolean;
  drivers: ScoreDriver[];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Trains on the remittances with event time in (fromMs, toMs]; undefined when there are too few. */
export async function trainCrossBorderModel(
  client: ClickHouseClient, window: { fromMs: number; toMs: number }, params: Readonly<CrossBorderModelParams> = CROSS_BORDER_MODEL_DEFAULTS, now = new Date(),
): Promise<CrossBorderModel | undefined> {
  const rows = await remittanceFeatures(client, { ...window, uptoMs: window.toMs });
  if (rows.length < params.minTrainingRecords) return undefined;
  const matrix = rows.map((r) => r.features);
  const forest = IsolationForest.fit(matrix, params);
  const scores = matrix.map((x) => forest.score(x)).sort((a, b) => a - b);
  const cutoff = round(scores[Math.min(scores.length - 1, Math.floor(params.alertQuantile * scores.length))]!);
  const medians = FEATURE_NAMES.map((_n, f) => round(median(matrix.map((x) => x[f]!))));
  const mads = FEATURE_NAMES.map((_n, f) => round(median(matrix.map((x) => Math.abs(x[f]! - medians[f]!)))));
  const described = {
    logic: CROSS_BORDER_MODEL_LOGIC, features: FEATURE_NAMES, params,
    window: { from: new Date(window.fromMs).toISOString(), to: new Date(window.toMs).toISOString(), records: rows.length },
    cutoff, medians, mads,
  };
  const hash = createHash('sha256').update(canonicalJson({ ...described, trees: forest.trees })).digest('hex');
  return { ...described, trainedAt: now.toISOString(), hash, forest };
}

/** Scores remittances against the model, with the features that drove each score. */
export function scoreRemittances(model: CrossBorderModel, rows: readonly RemittanceFeatures[]): ScoredRemittance[] {
  return rows.map((r) => {
    const score = round(model.forest.score(r.features));
    const drivers = FEATURE_NAMES.map((feature, f) => ({
      feature, value: round(r.features[f]!), typical: model.medians[f]!,
      // A MAD of 0 (a constant feature in training): any difference counts as one unit per unit.
      deviation: round(Math.abs(r.features[f]! - model.medians[f]!) / (model.mads[f]! || 1)),
    })).sort((a, b) => b.deviation - a.deviation).slice(0, 2);
    return { ...r, score, anomalous: score >= model.cutoff, drivers };
  });
}
