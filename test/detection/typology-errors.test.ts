import assert from 'node:assert/strict';
import { createDetectionEngine } from '../../alerts/src/detection/index.js';
import { loadRecords } from '../../alerts/src/scenarios/index.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';
import { HOUR, rec } from './support/records.js';

describe('DetectionEngine', () => {
  let store: DetectionStore;
  before(async () => { store = await openDetectionStore(); });
  after(async () => store.close());

  describe('detect', () => {
    it('reports a failing typology as an error outcome and still runs the others', async () => {
      const records = [0, 1, 2].map((h) => rec({ type: 'cash_deposit', from: 'saver', to: 'saver', amount: 45_000, offsetMs: h * HOUR }));
      records.push(rec({ type: 'transfer', from: 'a', to: 'b', amount: 60_000, offsetMs: 0 }));
      const range = await loadRecords(store.client, records);
      // The personal-account state is gone: every typology that needs it fails.
      await store.client.command({ query: 'DROP TABLE detection_non_personal_accounts_mv' });
      await store.client.command({ query: 'DROP TABLE detection_non_personal_accounts' });
      const result = await createDetectionEngine({ client: store.client }).detect(range);
      assert.deepEqual(result.errors.map((e) => e.typology).sort(), ['cycle', 'fan_in', 'fan_out', 'rapid_pass_through']);
      assert.ok(result.errors.every((e) => e.error instanceof Error));
      assert.deepEqual(result.incidents.map((i) => i.typology), ['structuring']);
    });
  });
});
