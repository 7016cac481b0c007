import assert from 'node:assert/strict';
import { createDetectionEngine, groupIncidents, type Incident } from '../../alerts/src/detection/index.js';
import { evidenceKey } from '../../alerts/src/typologies/index.js';
import { SeededRandom, generateScenario, streamRecords } from '../../alerts/src/scenarios/index.js';
import { TYPOLOGY_IDS } from '../../core/src/domain/alert.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';

/** Alerts in a comparable form: typology and sorted evidence of each, sorted. */
function alertsOf(incidents: readonly Incident[]): string[] {
  return groupIncidents(incidents)
    .map(({ incident }) => `${incident.typology} ${incident.evidence.map(evidenceKey).sort().join(' ')}`)
    .sort();
}

describe('DetectionEngine', () => {
  let store: DetectionStore;
  before(async () => { store = await openDetectionStore(); });
  after(async () => store.close());

  describe('detect', () => {
    it('gives the same alerts streamed over shuffled input as in one batch run', async () => {
      const scenario = generateScenario({ seed: 7, people: 150, instancesPerTypology: 2, days: 40 });
      const records = [...scenario.records];
      const random = new SeededRandom(99);
      for (let i = records.length - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        [records[i], records[j]] = [records[j]!, records[i]!];
      }
      const engine = createDetectionEngine({ client: store.client });
      const streamed = await streamRecords(store.client, engine, records, Math.ceil(records.length / 12));
      assert.deepEqual(streamed.errors, []);
      const batch = await engine.detect({ afterSeq: 0, uptoSeq: records.length });
      assert.deepEqual(batch.errors, []);

      const expected = alertsOf(batch.incidents);
      assert.deepEqual(alertsOf(streamed.incidents), expected);
      // Every typology is exercised, so the equality is not vacuous.
      assert.deepEqual([...new Set(expected.map((a) => a.split(' ')[0]))].sort(), [...TYPOLOGY_IDS].sort());

      // As the alert pipeline runs it: each typology, as it starts, is handed the records
      // stored after its own position up to a target that moves on while the run is under
      // way, so typologies examine different ranges in one run and spans are extended.
      const positions = new Map<string, number>();
      let target = 0;
      const step = Math.ceil(records.length / 40);
      const handed: Incident[] = [];
      while ([...TYPOLOGY_IDS].some((t) => (positions.get(t) ?? 0) < records.length)) {
        const run = await engine.detect({ afterSeq: 0, uptoSeq: records.length }, {
          rangeOf: (typology) => {
            target = Math.min(records.length, target + step);
            const range = { afterSeq: positions.get(typology) ?? 0, uptoSeq: target };
            positions.set(typology, target);
            return range;
          },
        });
        assert.deepEqual(run.errors, []);
        handed.push(...run.incidents);
      }
      assert.deepEqual(alertsOf(handed), expected);
    });
  });
});
