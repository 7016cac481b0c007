/**
 * The cross-border model on the real platform: remittances ingested over HTTP through the
 * real pipeline into chDB, a model trained on July and August, and September's remittances
 * held out — ordinary ones and planted anomalies (a customer's remittance forty times their
 * usual, a large one to a corridor nobody uses, the fifth of a burst within the hour).
 */
import assert from 'node:assert/strict';
import { SeededRandom } from '../../alerts/src/scenarios/seeded-random.js';
import { remittanceFeatures } from '../../alerts/src/cross-border-model/cross-border-features.js';
import { scoreRemittances, trainCrossBorderModel, type ScoredRemittance } from '../../alerts/src/cross-border-model/cross-border-anomaly-model.js';
import { modelLedgerVersion } from '../../alerts/src/cross-border-model/cross-border-anomaly-monitor.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const DAY = 86_400_000;
const JUL = Date.parse('2026-07-01T00:00:00+08:00');
const SEP = Date.parse('2026-09-01T00:00:00+08:00');
const OCT = Date.parse('2026-10-01T00:00:00+08:00');

function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  let wins = 0;
  for (const a of positives) for (const o of negatives) wins += a > o ? 1 : a === o ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

describe('cross_border_anomaly model', function () {
  this.timeout(240_000);
  let platform: TestPlatform;
  const p = `xbm${Date.now().toString(36)}`;
  const planted = new Set<string>();
  const ambiguous = new Set<string>();
  const september: Record<string, unknown>[] = [];

  before(async () => {
    platform = await startPlatform();
    const random = new SeededRandom(99);
    const records: Record<string, unknown>[] = [];
    let n = 0;
    const send = (sender: number, at: number, amount: number, country: string): string => {
      const txId = `${p}-${++n}`;
      if (at < SEP) trainingTimes.push(at);
      (at >= SEP ? september : records).push({ txId, institution: 'GOLDEN_GATE_BANK', ts: new Date(at).toISOString(), type: 'cross_border_out', from: `${p}-S${sender}`, to: `${p}-FX-${country}-${sender}`, amount: amount.toFixed(2), toCountry: country });
      return txId;
    };
    const corridor = (): string => { const x = random.next(); return x < 0.5 ? 'HK' : x < 0.8 ? 'SG' : 'US'; };
    const bases = Array.from({ length: 80 }, () => random.amount(5_000, 50_000));
    bases.forEach((base, s) => {
      for (let k = 0; k < 5; k++) send(s, JUL + (k * 12 + random.int(0, 10)) * DAY + random.int(0, 80_000_000), base * random.amount(0.8, 1.2), corridor());
      send(s, SEP + random.int(0, 25) * DAY + random.int(0, 80_000_000), base * random.amount(0.8, 1.2), corridor());
    });
    for (const s of [1, 2, 3]) planted.add(send(s, SEP + (5 + s) * DAY, bases[s]! * 40, 'HK'));
    for (const s of [4, 5, 6]) planted.add(send(s, SEP + (10 + s) * DAY, bases[s]! * 10, 'KY'));
    for (const s of [7, 8]) {
      for (let k = 0; k < 5; k++) {
        const txId = send(s, SEP + 20 * DAY + k * 600_000, bases[s]!, 'SG');
        (k === 4 ? planted : ambiguous).add(txId);
      }
    }
    // July and August now; September arrives once the model is trained.
    const { status, body } = await platform.postTransactions(records, platform.apiKeyOf('GOLDEN_GATE_BANK'));
    assert.equal(status, 200, JSON.stringify(body));
    await platform.settle();
  });

  describe('on the platform', () => {
    it('trains on the stored history and records the model\'s version, window and hash on the ledger', async () => {
      const { crossBorder, ledger } = platform.platform.core;
      const model = await crossBorder.retrain();
      assert.ok(model);
      assert.equal(model.window.records, 400);
      assert.equal(model.window.to, new Date(Math.max(...scoredTimes())).toISOString());
      assert.equal((await ledger.getRuleSet('SAFE', modelLedgerVersion(model)))?.hash, model.hash);
    });

    it('alerts SAFE and PBOC on September\'s anomalous remittances as they are stored, with the score and its drivers, once', async () => {
      const { status } = await platform.postTransactions(september, platform.apiKeyOf('GOLDEN_GATE_BANK'));
      assert.equal(status, 200);
      await platform.settle();
      const { core } = platform.platform;
      const upto = await core.records.maxSeq();
      await core.crossBorder.scoreNew(upto);
      // The platform's own 2-second scoring may have got there first: read what was raised from the store.
      const raised = core.alerts.all().filter((a) => a.typology === 'cross_border_anomaly');
      assert.ok(raised.length > 0);
      const ky = raised.find((a) => a.evidence[0]?.toCountry === 'KY');
      assert.ok(ky, 'a large remittance to a corridor nobody uses is alerted');
      assert.equal(ky.typology, 'cross_border_anomaly');
      assert.deepEqual([...ky.departments].sort(), ['PBOC', 'SAFE']);
      assert.equal(ky.explanation?.[0]?.condition, 'anomaly_score');
      assert.ok(ky.ruleVersion.startsWith(`cross_border_anomaly@1.0.0+${core.crossBorder.model!.hash.slice(0, 12)}`));
      assert.equal((await core.ledger.getCase('SAFE', ky.caseId))?.status, 'open');
      // The burst's earlier remittances are out of the ordinary too (nobody sent twice a day in training).
      const expected = raised.filter((a) => planted.has(a.txIds[0]!) || ambiguous.has(a.txIds[0]!)).length;
      assert.ok(expected / raised.length >= 0.6, `mostly the planted ones: ${expected} of ${raised.length}`);
      assert.deepEqual(await core.crossBorder.scoreNew(upto), [], 'scoring again raises nothing');
    });
  });

  const trainingTimes: number[] = [];
  const scoredTimes = (): number[] => trainingTimes;
  after(async () => { await platform?.close(); });

  describe('held out', () => {
    let scored: ScoredRemittance[];
    it('trains on the stored history of a window, naming it, its parameters and their hash', async () => {
      const { client } = platform.platform.core;
      const model = await trainCrossBorderModel(client, { fromMs: JUL - 1, toMs: SEP });
      assert.ok(model);
      assert.equal(model.window.records, 400);
      assert.match(model.hash, /^[0-9a-f]{64}$/);
      const again = await trainCrossBorderModel(client, { fromMs: JUL - 1, toMs: SEP });
      assert.equal(again?.hash, model.hash, 'the same history and parameters give the same model');
      scored = scoreRemittances(model, await remittanceFeatures(client, { fromMs: SEP, toMs: OCT, uptoMs: OCT }));
      assert.equal(scored.length, 80 + 3 + 3 + 10);
    });

    it('ranks held-out planted anomalies above ordinary remittances, and alerts mostly on them', () => {
      const evaluated = scored.filter((r) => !ambiguous.has(r.txId));
      const positives = evaluated.filter((r) => planted.has(r.txId));
      const negatives = evaluated.filter((r) => !planted.has(r.txId));
      assert.equal(positives.length, 8);
      const auc = rocAuc(positives.map((r) => r.score), negatives.map((r) => r.score));
      const flagged = evaluated.filter((r) => r.anomalous);
      const precision = flagged.filter((r) => planted.has(r.txId)).length / Math.max(1, flagged.length);
      const recall = flagged.filter((r) => planted.has(r.txId)).length / positives.length;
      process.stdout.write(`      ROC-AUC ${auc.toFixed(3)}, precision at the cut-off ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (${flagged.length} flagged)\n`);
      assert.ok(auc >= 0.9, `ROC-AUC ${auc}`);
      assert.ok(precision >= 0.6, `precision ${precision}`);
      assert.ok(recall >= 0.5, `recall ${recall}`);
    });

    it('says which features drove a score', () => {
      const huge = scored.find((r) => planted.has(r.txId) && r.toCountry === 'HK');
      assert.ok(huge);
      assert.ok(huge.drivers.some((d) => d.feature === 'amount_vs_sender'), JSON.stringify(huge.drivers));
      const burst = scored.find((r) => planted.has(r.txId) && r.toCountry === 'SG');
      assert.ok(burst?.drivers.some((d) => d.feature === 'sender_burst_24h'), JSON.stringify(burst?.drivers));
    });
  });
});

