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
    });
  });
});
