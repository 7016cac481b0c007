import assert from 'node:assert/strict';
import { compareAlerts, type ComparedAlert } from '../../alerts/src/backtest/index.js';

const alert = (id: string, evidence: string[], typology: ComparedAlert['typology'] = 'fan_in'): ComparedAlert =>
  ({ id, typology, amount: '100000.00', firstTs: '2026-07-01T00:00:00.000Z', lastTs: '2026-07-01T01:00:00.000Z', evidence });

describe('compareAlerts', () => {
  const fanIn = (current: ComparedAlert[], candidate: ComparedAlert[]) => compareAlerts(current, candidate).find((t) => t.typology === 'fan_in')!;

  it('reports evidence a candidate alert would add to a stored one as changed, not as new', () => {
    const result = fanIn([alert('A-1', ['B/1', 'B/2'])], [alert('A-1', ['B/1', 'B/2', 'B/3'])]);
    assert.deepEqual(result.new, []);
    assert.deepEqual(result.changed, [{ currentIds: ['A-1'], candidateIds: ['A-1'], added: ['B/3'], removed: [] }]);
  });

  it('reports a candidate alert that joins two stored ones as one changed incident', () => {
    const result = fanIn([alert('A-1', ['B/1']), alert('A-2', ['B/2'])], [alert('A-9', ['B/1', 'B/2'])]);
    assert.deepEqual([result.new, result.gone], [[], []]);
    assert.deepEqual(result.changed, [{ currentIds: ['A-1', 'A-2'], candidateIds: ['A-9'], added: [], removed: [] }]);
  });

  it('matches only within a typology', () => {
    const all = compareAlerts([alert('A-1', ['B/1'], 'fan_in')], [alert('A-2', ['B/1'], 'fan_out')]);
    assert.equal(all.find((t) => t.typology === 'fan_in')?.gone.length, 1);
    assert.equal(all.find((t) => t.typology === 'fan_out')?.new.length, 1);
  });

  it('leaves an identical alert out of new, gone and changed', () => {
    const result = fanIn([alert('A-1', ['B/1', 'B/2'])], [alert('A-1', ['B/2', 'B/1'])]);
    assert.deepEqual([result.current, result.candidate, result.new, result.gone, result.changed], [1, 1, [], [], []]);
  });
});
