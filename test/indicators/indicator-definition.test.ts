/**
 * Indicator definitions as validated configuration, and the calendar their periods follow.
 * Pure functions: no engine needed.
 */
import assert from 'node:assert/strict';
import {
  DEFAULT_INDICATOR_SET, IndicatorSetValidationError, indicatorSetHash, parseIndicatorQuarter, validateIndicatorSet,
} from '../../alerts/src/indicators/index.js';
import { evaluationSpan, periodStartingOn, previousPeriodStart } from '../../alerts/src/indicators/indicator-period.js';

const problemsOf = (input: unknown): readonly string[] => {
  try {
    validateIndicatorSet(input);
  } catch (error) {
    assert.ok(error instanceof IndicatorSetValidationError);
    return error.details;
  }
  assert.fail('the set was accepted');
};

const valid = (): { version: string; indicators: Record<string, unknown>[] } => structuredClone(DEFAULT_INDICATOR_SET) as never;

describe('IndicatorSet', () => {
  describe('validateIndicatorSet', () => {
    it('accepts the default set, with the ids other tools rely on', () => {
      const ids = validateIndicatorSet(valid()).indicators.map((d) => d.id);
      assert.ok(ids.includes('credit_to_real_estate_share'));
      assert.equal(new Set(ids).size, ids.length);
    });

    it('fills a measure\'s parameters left out with its defaults', () => {
      const set = valid();
      set.indicators[0]!.params = { typology: 'credit_to_securities' };
      assert.deepEqual(validateIndicatorSet(set).indicators[0]!.params, { typology: 'credit_to_securities', loanPurposes: ['consumer', 'business'] });
    });

    it('names the field of a bad version, an unknown measure, a bad parameter and a missing threshold', () => {
      const set = valid();
      set.version = 'one';
      assert.ok(problemsOf(set).some((p) => p.startsWith('version:')));
      const measure = valid();
      measure.indicators[1]!.measure = 'guesswork';
      assert.ok(problemsOf(measure).some((p) => p.startsWith('indicators.1.measure:')));
      const param = valid();
      param.indicators[0]!.params = { typology: 'structuring' };
      assert.ok(problemsOf(param).some((p) => p.startsWith('indicators.0.params.typology:')));
      const thresholds = valid();
      thresholds.indicators[0]!.thresholds = { level: null, trendRisePct: null, minBase: 0 };
      assert.deepEqual(problemsOf(thresholds), ['indicators.0.thresholds: a level or a trend threshold is needed']);
    });

    it('refuses an indicator defined twice, and review periods that are not computed', () => {
      const twice = valid();
      twice.indicators[1]!.id = twice.indicators[0]!.id;
      assert.ok(problemsOf(twice).some((p) => p === 'indicators.1.id: credit_to_real_estate_share is defined twice'));
      const review = valid();
      review.indicators[0]!.granularities = ['quarter'];
      assert.ok(problemsOf(review).some((p) => p.startsWith('indicators.0.reviewGranularities: month')));
    });

    it('hashes the set canonically: key order does not matter, a changed threshold does', () => {
      const reordered = {
        indicators: DEFAULT_INDICATOR_SET.indicators.map((d) => Object.fromEntries(Object.entries(d).reverse())),
        version: DEFAULT_INDICATOR_SET.version,
      };
      assert.equal(indicatorSetHash(validateIndicatorSet(reordered)), indicatorSetHash(DEFAULT_INDICATOR_SET));
      const changed = valid();
      (changed.indicators[0]!.thresholds as { level: number }).level = 0.2;
      assert.notEqual(indicatorSetHash(validateIndicatorSet(changed)), indicatorSetHash(DEFAULT_INDICATOR_SET));
    });
  });
});

describe('Indicator periods (China Standard Time)', () => {
  it('bounds a quarter by Beijing midnights and refuses anything else naming quarter', () => {
    const q = parseIndicatorQuarter('2026Q3');
    assert.deepEqual([q.id, q.from, q.to], ['2026Q3', '2026-06-30T16:00:00.000Z', '2026-09-30T16:00:00.000Z']);
    assert.throws(() => parseIndicatorQuarter('2026Q5'), (e: Error & { field?: string }) => e.field === 'quarter');
  });

  it('labels weeks by ISO week, including the one that belongs to the year before', () => {
    assert.equal(periodStartingOn('week', '2026-07-06').id, '2026-W28');
    assert.equal(periodStartingOn('week', '2026-12-28').id, '2026-W53');
    assert.equal(periodStartingOn('week', '2027-01-04').id, '2027-W01');
    assert.equal(periodStartingOn('week', '2021-01-04').id, '2021-W01');
    assert.equal(periodStartingOn('week', '2020-12-28').id, '2020-W53');
  });

  it('steps back one period for trends, across years', () => {
    assert.equal(previousPeriodStart('quarter', '2026-01-01'), '2025-10-01');
    assert.equal(previousPeriodStart('month', '2026-01-01'), '2025-12-01');
    assert.equal(previousPeriodStart('week', '2026-01-05'), '2025-12-29');
  });

  it('reads history from a Monday, so the first week of the span is whole', () => {
    const span = evaluationSpan(parseIndicatorQuarter('2026Q3'), 4);
    // 2025-07-01 is a Tuesday; the span starts at Monday 2025-06-30, 00:00 in Beijing.
    assert.equal(span.from, '2025-06-29T16:00:00.000Z');
    assert.equal(span.to, '2026-09-30T16:00:00.000Z');
  });
});
