/** The isolation forest on points whose anomalies are known: pure computation, no engine. */
import assert from 'node:assert/strict';
import { IsolationForest, averagePathLength } from '../../alerts/src/cross-border-model/isolation-forest.js';
import { SeededRandom } from '../../alerts/src/scenarios/seeded-random.js';

/** ROC-AUC: the chance that a random anomaly scores above a random ordinary point (ties count half). */
function rocAuc(anomalies: readonly number[], ordinary: readonly number[]): number {
  let wins = 0;
  for (const a of anomalies) for (const o of ordinary) wins += a > o ? 1 : a === o ? 0.5 : 0;
  return wins / (anomalies.length * ordinary.length);
}

describe('IsolationForest', () => {
  const random = new SeededRandom(7);
  // About normal (a sum of uniforms), as log amounts and ratios are: no hard edges to be "rare" at.
  const normal = (mean: number, sd: number): number => mean + sd * (random.next() + random.next() + random.next() + random.next() - 2) * Math.sqrt(3);
  const ordinary = (): number[] => [normal(4, 0.3), normal(0.5, 0.15), normal(2, 0.5)];
  const training = Array.from({ length: 500 }, ordinary);

  it('scores held-out anomalies above held-out ordinary points', () => {
    const forest = IsolationForest.fit(training, { trees: 100, sampleSize: 256, seed: 1, margin: 0.1 });
    const heldOut = Array.from({ length: 200 }, ordinary).map((x) => forest.score(x));
    // Each far out on one feature or more (a large remittance, an unusual ratio, a burst).
    const anomalies = [[6.5, 0.5, 2], [4, 2, 2], [4, 0.5, 8], [7, 2, 9], [2.2, 0.5, 2]].map((x) => forest.score(x));
    // A point beyond the training range shares the leaf of the most extreme training points, so a
    // one-feature outlier scores like the edge of the ordinary cloud (a known trait of the method):
    // the bound is on the ranking, not on perfect separation.
    assert.ok(rocAuc(anomalies, heldOut) > 0.9, `AUC ${rocAuc(anomalies, heldOut)}`);
    const median = [...heldOut].sort((a, b) => a - b)[heldOut.length / 2]!;
    assert.ok(anomalies.every((a) => a > median), 'every anomaly scores above the median ordinary point');
    assert.ok(forest.score([7, 2, 9]) > Math.max(...heldOut), 'an outlier on every feature scores above every ordinary point');
  });

  it('is deterministic for a seed: every node fits the same model', () => {
    const a = IsolationForest.fit(training, { trees: 20, sampleSize: 64, seed: 42, margin: 0.1 });
    const b = IsolationForest.fit(training, { trees: 20, sampleSize: 64, seed: 42, margin: 0.1 });
    assert.deepEqual(a.trees, b.trees);
    assert.notDeepEqual(IsolationForest.fit(training, { trees: 20, sampleSize: 64, seed: 43, margin: 0.1 }).trees, a.trees);
  });

  it('uses the paper\'s normalization c(n)', () => {
    assert.equal(averagePathLength(1), 0);
    assert.equal(averagePathLength(2), 1);
    assert.ok(Math.abs(averagePathLength(256) - 10.2448) < 1e-3);
  });
});
