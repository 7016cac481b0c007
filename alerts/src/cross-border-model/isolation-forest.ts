/**
 * An isolation forest (Liu, Ting & Zhou, 2008): anomalies are few and different, so random
 * axis-parallel splits isolate them in fewer steps than ordinary points. The score of a
 * point is 2^(−E[h(x)] / c(ψ)), with h its path length over the trees and c(ψ) the mean path
 * length of an unsuccessful search in a binary tree of the subsample size ψ: near 1 for
 * anomalies, about 0.5 and below for ordinary points.
 *
 * One refinement on the paper: a node keeps the bounding box of its training points, and a
 * point outside it by more than `margin` of the feature's whole training range is isolated
 * there. In the paper a point beyond the training range follows the most extreme training
 * points to their leaf and scores like the edge of the ordinary cloud, and a feature that was
 * constant in training (nobody sent five remittances in an hour) is never split on at all;
 * both are exactly the anomalies a supervisor wants to see.
 *
 * Written here rather than taken from a library: no maintained isolation-forest package is
 * among the project's dependencies, and the algorithm is small. It is seeded, so the same
 * training data and parameters give the same model on every department's node (and the same
 * parameter hash on the ledger).
 */
import { SeededRandom } from '../scenarios/seeded-random.js';

export interface IsolationForestOptions {
  /** Trees in the forest (100 in the paper). */
  trees: number;
  /** Points drawn for each tree, ψ (256 in the paper). */
  sampleSize: number;
  seed: number;
  /** A point further than this share of a feature's training range outside a node's box is isolated there. */
  margin: number;
}

/** A node: a split on one feature, or a leaf holding how many training points reached it. */
export type IsolationNode = { lo: number[]; hi: number[] } & (
  | { feature: number; split: number; left: IsolationNode; right: IsolationNode }
  | { size: number });

const EULER = 0.5772156649;

/** c(n): the average path length of an unsuccessful search in a binary search tree of n points. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER) - (2 * (n - 1)) / n;
}

function buildTree(points: readonly (readonly number[])[], depth: number, limit: number, random: SeededRandom): IsolationNode {
  const width = points[0]!.length;
  const box = { lo: Array.from({ length: width }, (_v, f) => Math.min(...points.map((p) => p[f]!))), hi: Array.from({ length: width }, (_v, f) => Math.max(...points.map((p) => p[f]!))) };
  if (points.length <= 1 || depth >= limit) return { ...box, size: points.length };
  // Features on which these points differ; a split on a constant one isolates nothing.
  const varying = box.lo.flatMap((lo, feature) => (box.hi[feature]! > lo ? [feature] : []));
  if (varying.length === 0) return { ...box, size: points.length };
  const feature = varying[Math.floor(random.next() * varying.length)]!;
  const split = box.lo[feature]! + random.next() * (box.hi[feature]! - box.lo[feature]!);
  return {
    ...box, feature, split,
    left: buildTree(points.filter((p) => p[feature]! < split), depth + 1, limit, random),
    right: buildTree(points.filter((p) => p[feature]! >= split), depth + 1, limit, random),
  };
}

/** ψ distinct rows (a partial Fisher–Yates shuffle of their indices), as the paper draws them. */
function sampleWithoutReplacement<T>(rows: readonly T[], psi: number, random: SeededRandom): T[] {
  const index = rows.map((_r, i) => i);
  for (let i = 0; i < psi; i++) {
    const j = i + Math.floor(random.next() * (index.length - i));
    [index[i], index[j]] = [index[j]!, index[i]!];
  }
  return index.slice(0, psi).map((i) => rows[i]!);
}

function pathLength(node: IsolationNode, x: readonly number[], depth: number, slack: readonly number[]): number {
  // Outside this node's training box by more than the slack: isolated by one more cut, here.
  if (x.some((v, f) => v < node.lo[f]! - slack[f]! || v > node.hi[f]! + slack[f]!)) return depth + 1;
  if ('size' in node) return depth + averagePathLength(node.size);
  return pathLength(x[node.feature]! < node.split ? node.left : node.right, x, depth + 1, slack);
}

export class IsolationForest {
  readonly trees: readonly IsolationNode[];
  readonly sampleSize: number;
  /** Per feature: how far outside a node's box a point must lie to be isolated there. */
  readonly slack: readonly number[];

  private constructor(trees: readonly IsolationNode[], sampleSize: number, slack: readonly number[]) {
    this.trees = trees;
    this.sampleSize = sampleSize;
    this.slack = slack;
  }

  /** Fits a forest on the rows (each a feature vector of the same length). */
  static fit(rows: readonly (readonly number[])[], options: Readonly<IsolationForestOptions>): IsolationForest {
    if (rows.length < 2) throw new Error('an isolation forest needs at least 2 training rows');
    const random = new SeededRandom(options.seed);
    const psi = Math.min(options.sampleSize, rows.length);
    // Trees stop at the average depth of a tree of ψ points: deeper nodes only describe ordinary points.
    const limit = Math.ceil(Math.log2(psi));
    const trees: IsolationNode[] = [];
    for (let t = 0; t < options.trees; t++) {
      trees.push(buildTree(sampleWithoutReplacement(rows, psi, random), 0, limit, random));
    }
    const slack = rows[0]!.map((_v, f) => {
      const values = rows.map((r) => r[f]!);
      // A feature constant in training: any difference from it is out of the ordinary.
      return options.margin * (Math.max(...values) - Math.min(...values)) || 1e-9;
    });
    return new IsolationForest(trees, psi, slack);
  }

  /** The anomaly score in (0, 1]: higher is more anomalous. */
  score(x: readonly number[]): number {
    const mean = this.trees.reduce((sum, tree) => sum + pathLength(tree, x, 0, this.slack), 0) / this.trees.length;
    return 2 ** (-mean / averagePathLength(this.sampleSize));
  }
}
