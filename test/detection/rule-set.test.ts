import assert from 'node:assert/strict';
import { RuleSetValidationError, defaultRuleSet, ruleSetHash, validateRuleSet } from '../../alerts/src/rules/index.js';
import { TYPOLOGY_IDS } from '../../core/src/domain/alert.js';

function problemsOf(input: unknown): readonly string[] {
  try {
    validateRuleSet(input);
  } catch (error) {
    assert.ok(error instanceof RuleSetValidationError);
    assert.equal(error.code, 'RULE_SET_INVALID');
    return error.details;
  }
  return [];
}

describe('RuleSet', () => {
  describe('validateRuleSet', () => {
    it('fills every typology with the catalogue defaults', () => {
      const ruleSet = defaultRuleSet();
      assert.deepEqual(Object.keys(ruleSet.typologies).sort(), [...TYPOLOGY_IDS].sort());
      assert.equal(ruleSet.typologies.structuring?.params.threshold, 50_000);
      assert.equal(ruleSet.typologies.credit_to_real_estate?.params.windowDays, 90);
      assert.equal(ruleSet.typologies.cross_border_split?.params.threshold, 200_000);
    });

    it('keeps given parameters and defaults the rest', () => {
      const ruleSet = validateRuleSet({ version: '1.1.0', typologies: { fan_in: { params: { minCounterparties: 12 } }, cycle: { enabled: false } } });
      assert.equal(ruleSet.typologies.fan_in?.params.minCounterparties, 12);
      assert.equal(ruleSet.typologies.fan_in?.params.minTotal, 100_000);
      assert.equal(ruleSet.typologies.cycle?.enabled, false);
    });

    it('names each offending field', () => {
      const problems = problemsOf({
        version: 'v1', extra: 1,
        typologies: { structuring: { params: { threshold: -5, lowerRatio: 0.9, upperRatio: 0.8 } }, nope: {}, fan_out: { params: { bogus: 1 } } },
      });
      assert.ok(problems.some((p) => p.startsWith('version:')));
      assert.ok(problems.some((p) => p.startsWith('extra:')));
      assert.ok(problems.some((p) => p.startsWith('typologies.nope:')));
      assert.ok(problems.some((p) => p.startsWith('typologies.structuring.params.threshold:')));
      assert.ok(problems.some((p) => p.startsWith('typologies.fan_out.params')));
    });

    it('checks parameters that depend on each other', () => {
      const problems = problemsOf({ version: '1.0.0', typologies: { structuring: { params: { lowerRatio: 0.9, upperRatio: 0.8 } } } });
      assert.deepEqual(problems, ['typologies.structuring.params.lowerRatio: must be below upperRatio']);
    });
  });

  describe('ruleSetHash', () => {
    it('does not depend on key order and changes with any parameter', () => {
      const a = validateRuleSet({ version: '1.0.0', description: 'x', typologies: {} });
      const b = validateRuleSet({ typologies: {}, description: 'x', version: '1.0.0' });
      assert.equal(ruleSetHash(a), ruleSetHash(b));
      assert.match(ruleSetHash(a), /^[0-9a-f]{64}$/);
      const c = validateRuleSet({ version: '1.0.0', description: 'x', typologies: { fan_in: { params: { minTotal: 100_000.01 } } } });
      assert.notEqual(ruleSetHash(a), ruleSetHash(c));
    });
  });
});
