import assert from 'node:assert/strict';
import { groupIncidents, mergeIncidentInto, type Incident } from '../../alerts/src/detection/index.js';

const incident = (key: string, txIds: string[], typology: Incident['typology'] = 'fan_in'): Incident => ({
  typology, incidentKey: key, accounts: ['hub'], amount: '100.00', firstTs: '', lastTs: '',
  evidence: txIds.map((txId) => ({ institution: 'B', txId, type: 'transfer', from: 'x', to: 'hub', amount: '1.00', ts: `2026-07-01T00:00:0${txId.length}.000Z`, role: 'transfer' })),
});

describe('incident merge', () => {
  describe('mergeIncidentInto', () => {
    it('joins an alert with the same key or a shared record, and only of the same typology', () => {
      const groups = [{ keys: ['a'], incident: incident('a', ['1', '2']) }, { keys: ['b'], incident: incident('b', ['9']) }];
      assert.deepEqual(mergeIncidentInto(groups, incident('a', ['5'])).matched, [0]);
      assert.deepEqual(mergeIncidentInto(groups, incident('c', ['2', '3'])).matched, [0]);
      assert.deepEqual(mergeIncidentInto(groups, incident('c', ['2'], 'fan_out')).matched, []);
    });

    it('folds every alert a bridging incident touches into the first', () => {
      const groups = [{ keys: ['a'], incident: incident('a', ['1']) }, { keys: ['b'], incident: incident('b', ['9']) }];
      const { matched, group } = mergeIncidentInto(groups, incident('c', ['1', '9']));
      assert.deepEqual(matched, [0, 1]);
      assert.deepEqual(group.keys, ['a', 'b', 'c']);
      assert.deepEqual(group.incident.evidence.map((e) => e.txId).sort(), ['1', '9']);
    });
  });

  describe('groupIncidents', () => {
    it('gives connected components whatever the order', () => {
      const all = [incident('a', ['1']), incident('b', ['2']), incident('c', ['1', '2']), incident('d', ['7'])];
      const sizes = (list: Incident[]): number[] => groupIncidents(list).map((g) => g.incident.evidence.length).sort();
      assert.deepEqual(sizes(all), [1, 2]);
      assert.deepEqual(sizes([...all].reverse()), [1, 2]);
    });
  });
});
