import assert from 'node:assert/strict';
import type { Department } from '../../core/src/domain/departments.js';
import { InvalidInputError } from '../../core/src/errors.js';
import {
  buildReportContent, parseQuarter, previousQuarter, protectCells, quarterOfInstant, reportHashOf, type AlertFact, type CaseFact, type QuarterFacts,
} from '../../gateway/src/reports/index.js';

const HOUR = 3_600_000;
const accounts = (prefix: string, n: number): Set<string> => new Set(Array.from({ length: n }, (_, i) => `${prefix}${i}`));

function alert(id: string, fields: Partial<AlertFact> = {}): AlertFact {
  return {
    alertId: `A-${id}`, caseId: `C-${id}`, typology: 'credit_to_real_estate', severity: 'medium', firstTs: '2026-07-10T02:00:00.000Z',
    amount: '100.00', departments: ['NFRA', 'PBOC'], institutions: ['BANK_A'], accounts: [`${id}-1`, `${id}-2`, `${id}-3`], ...fields,
  };
}

/** A case opened at `opened`, with each department's first decision `hours` later. */
function decided(id: string, status: CaseFact['status'], decisions: Partial<Record<Department, [CaseFact['opinions'][number]['decision'], number]>>): CaseFact {
  const openedAt = '2026-07-10T03:00:00.000Z';
  const at = (h: number): string => new Date(Date.parse(openedAt) + h * HOUR).toISOString();
  const entries = Object.entries(decisions) as [Department, [CaseFact['opinions'][number]['decision'], number]][];
  return {
    caseId: `C-${id}`, status, departments: ['NFRA', 'PBOC'], openedAt, deadline: '2026-07-20T03:00:00.000Z',
    opinions: entries.map(([department, [decision, h]]) => ({ department, decision, at: at(h) })),
    firstDecisions: entries.filter(([, [d]]) => d !== 'request_info').map(([department, [, h]]) => ({ department, at: at(h) })),
  };
}

const facts = (alerts: AlertFact[], cases: CaseFact[] = []): QuarterFacts => ({
  records: 100, recordAccounts: 50, alerts, cases: new Map(cases.map((c) => [c.caseId, c])),
});

describe('Quarterly report figures', () => {
  describe('reporting quarters', () => {
    it('runs on China Standard Time: 1 October 07:00 in Beijing is Q4 though still 30 September in UTC', () => {
      assert.deepEqual(parseQuarter('2026Q3'), {
        id: '2026Q3', year: 2026, number: 3, months: ['2026-07', '2026-08', '2026-09'],
        from: '2026-06-30T16:00:00.000Z', to: '2026-09-30T16:00:00.000Z',
      });
      assert.equal(quarterOfInstant('2026-09-30T23:00:00.000Z').id, '2026Q4');
      assert.equal(quarterOfInstant('2026-09-30T15:59:59.999Z').id, '2026Q3');
      assert.equal(previousQuarter(parseQuarter('2026Q1')).id, '2025Q4');
    });

    it('refuses anything but YYYYQn, naming the field', () => {
      for (const bad of ['2026-Q3', '2026Q0', '2026Q5', '26Q3', '2026q3']) {
        assert.throws(() => parseQuarter(bad), (e: unknown) => e instanceof InvalidInputError && e.field === 'quarter');
      }
    });
  });

  describe('protectCells', () => {
    it('suppresses a cell of fewer than 5 accounts, shows zero and five', () => {
      const cells = protectCells([
        { key: 'a', accounts: accounts('a', 4), values: { n: 1 } },
        { key: 'b', accounts: accounts('b', 5), values: { n: 2 } },
        { key: 'c', accounts: new Set<string>(), values: { n: 0 } },
      ], { complementary: false });
      assert.deepEqual(cells, [
        { key: 'a', accounts: null, suppressed: 'fewer_than_min_accounts' },
        { key: 'b', accounts: 5, n: 2 },
        { key: 'c', accounts: 0, n: 0 },
      ]);
    });

    it('suppresses the smallest other cells until the hidden ones describe 5 accounts, when a total is published', () => {
      const cells = protectCells([
        { key: 'big', accounts: accounts('g', 40), values: { n: 9 } },
        { key: 'small', accounts: accounts('s', 2), values: { n: 1 } },
        { key: 'mid', accounts: accounts('m', 6), values: { n: 2 } },
        { key: 'mid2', accounts: accounts('n', 7), values: { n: 2 } },
      ], { complementary: true });
      assert.deepEqual(cells.map((c) => [c.key, c.suppressed ?? 'shown']), [['big', 'shown'], ['small', 'fewer_than_min_accounts'], ['mid', 'complementary'], ['mid2', 'shown']]);
    });

    it('needs no complementary cell when the suppressed ones already describe 5 accounts together', () => {
      const cells = protectCells([
        { key: 'x', accounts: accounts('x', 3), values: {} },
        { key: 'y', accounts: accounts('y', 3), values: {} },
        { key: 'z', accounts: accounts('z', 9), values: {} },
      ], { complementary: true });
      assert.deepEqual(cells.map((c) => c.suppressed ?? 'shown'), ['fewer_than_min_accounts', 'fewer_than_min_accounts', 'shown']);
    });
  });

  describe('buildReportContent', () => {
    const q3 = parseQuarter('2026Q3');
    const q2 = previousQuarter(q3);
    const alerts = [
      alert('a', { amount: '100.10' }), alert('b', { amount: '200.20' }), alert('c', { amount: '0.05', firstTs: '2026-08-01T00:00:00.000Z' }),
      alert('d', { typology: 'structuring', institutions: ['BANK_B'], firstTs: '2026-09-30T15:00:00.000Z', accounts: [...accounts('d', 6)] }),
    ];
    const cases = [
      decided('a', 'confirmed', { NFRA: ['confirm', 1], PBOC: ['confirm', 4] }),
      decided('b', 'confirmed', { NFRA: ['confirm', 2], PBOC: ['confirm', 8] }),
      decided('c', 'escalated', { NFRA: ['confirm', 3], PBOC: ['dismiss', 12] }),
      decided('d', 'open', { NFRA: ['request_info', 1] }),
    ];
    const content = buildReportContent(q3, q2, facts(alerts, cases), facts([alert('p', { firstTs: '2026-05-01T00:00:00.000Z' })]));

    it('sums amounts exactly and groups by month in China Standard Time', () => {
      const cell = content.alertsByTypology.find((c) => c.key === 'credit_to_real_estate');
      assert.deepEqual(cell, { key: 'credit_to_real_estate', alerts: 3, amount: '300.35', accounts: 9 });
      assert.deepEqual(content.alertsByMonth.map((m) => m.key), ['2026-07', '2026-08', '2026-09']);
      assert.equal(content.alertsByMonth[1]!.suppressed, 'fewer_than_min_accounts', 'one alert of 3 accounts in August');
      // The total is published: the smallest other month (July and September tie at 6; July sorts first) hides it.
      assert.deepEqual(content.alertsByMonth.map((m) => m.suppressed ?? 'shown'), ['complementary', 'fewer_than_min_accounts', 'shown']);
    });

    it('gives median and 90th percentile of the first decision, by linear interpolation', () => {
      const nfra = content.decisionTimes.find((d) => d.key === 'NFRA');
      // 1 h, 2 h, 3 h: median 2 h, p90 = 2 h + 0.8 × 1 h.
      assert.deepEqual(nfra, { key: 'NFRA', accounts: 9, decisions: 3, medianMs: 2 * HOUR, p90Ms: 2.8 * HOUR });
      const pboc = content.decisionTimes.find((d) => d.key === 'PBOC');
      assert.deepEqual(pboc, { key: 'PBOC', accounts: 9, decisions: 3, medianMs: 8 * HOUR, p90Ms: 11.2 * HOUR });
      assert.deepEqual(content.decisionTimes.find((d) => d.key === 'SAFE'), { key: 'SAFE', accounts: 0, decisions: 0, medianMs: null, p90Ms: null });
    });

    it('calls a case overdue only when its deadline passed by the cut-off, so a report mid-quarter does not list cases still in time', () => {
      // Case d's deadline is 2026-07-20 03:00 UTC: a report cut off on 15 July finds it in time, one cut off on 21 July does not.
      const early = buildReportContent(q3, q2, facts(alerts, cases), facts([]), '2026-07-15T00:00:00.000Z');
      assert.deepEqual(early.agenda.map((a) => [a.caseId, a.reason]), [['C-c', 'disagreement']]);
      assert.equal(early.period.cutOff, '2026-07-15T00:00:00.000Z');
      const later = buildReportContent(q3, q2, facts(alerts, cases), facts([]), '2026-07-21T00:00:00.000Z');
      assert.deepEqual(later.agenda.map((a) => a.caseId), ['C-c', 'C-d']);
    });

    it('puts the disagreement and the case open past its deadline on the agenda, and compares with the previous quarter', () => {
      assert.deepEqual(content.agenda.map((a) => [a.caseId, a.reason]), [['C-c', 'disagreement'], ['C-d', 'overdue_at_cut_off']]);
      assert.equal(content.trends.total.previous.suppressed, 'fewer_than_min_accounts');
      assert.equal(content.trends.total.current.accounts, 15);
    });

    it('hashes the same facts to the same bytes, whatever order they come in', () => {
      const shuffled = buildReportContent(q3, q2, facts([...alerts].reverse(), [...cases].reverse()), facts([alert('p', { firstTs: '2026-05-01T00:00:00.000Z' })]));
      assert.equal(reportHashOf(shuffled), reportHashOf(content));
      const changed = buildReportContent(q3, q2, facts(alerts.map((a) => (a.alertId === 'A-a' ? { ...a, amount: '100.11' } : a)), cases), facts([]));
      assert.notEqual(reportHashOf(changed), reportHashOf(content));
    });
  });
});
