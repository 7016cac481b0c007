/**
 * An indicator definition: versioned, validated configuration naming a measure (its SQL),
 * the measure's parameters, a level threshold and a trend threshold, the departments it
 * concerns and the periods whose breaches open a joint review. A set of them is versioned
 * as a whole and hashed canonically, so the departments can check on the ledger which
 * parameters produced a figure (as they do for the detection rule set).
 */
import { createHash } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DEPARTMENTS } from '../../../core/src/domain/departments.js';
import { canonicalJson } from '../../../core/src/domain/canonical-json.js';
import { GRANULARITIES } from './indicator-period.js';
import { INDICATOR_MEASURES, measureOf } from './indicator-measures.js';

const GranularitySchema = Type.Union(GRANULARITIES.map((g) => Type.Literal(g)));
const ThresholdNumber = Type.Union([Type.Number(), Type.Null()]);

export const IndicatorDefinitionSchema = Type.Object({
  id: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }),
  /** Version of this indicator's definition; `id@version` is named on every case it opens. */
  version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$' }),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  measure: Type.Union(INDICATOR_MEASURES.map((m) => Type.Literal(m.id))),
  params: Type.Record(Type.String(), Type.Unknown()),
  thresholds: Type.Object({
    /** Breached when the value is above it (null: no level threshold). */
    level: ThresholdNumber,
    /** Per-period overrides of `level` (amounts scale with the period's length). */
    levelByGranularity: Type.Optional(Type.Partial(Type.Object({ week: Type.Number(), month: Type.Number(), quarter: Type.Number() }, { additionalProperties: false }))),
    /** Breached when the value rose more than this many percent on the previous period (null: none). */
    trendRisePct: Type.Union([Type.Number({ exclusiveMinimum: 0 }), Type.Null()]),
    /** Below this base (denominator, count or amount) a value is shown but never breaches. */
    minBase: Type.Number({ minimum: 0 }),
  }, { additionalProperties: false }),
  departments: Type.Array(Type.Union(DEPARTMENTS.map((d) => Type.Literal(d))), { minItems: 1, uniqueItems: true }),
  /** Periods computed and shown. */
  granularities: Type.Array(GranularitySchema, { minItems: 1, uniqueItems: true }),
  /** Periods whose breaches open a joint review (weeks are shown, but weekly cases would flood the queue). */
  reviewGranularities: Type.Array(GranularitySchema, { uniqueItems: true }),
}, { additionalProperties: false });
export type IndicatorDefinition = Static<typeof IndicatorDefinitionSchema>;

export const IndicatorSetSchema = Type.Object({
  version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$' }),
  indicators: Type.Array(IndicatorDefinitionSchema, { minItems: 1 }),
}, { additionalProperties: false });
export type IndicatorSet = Static<typeof IndicatorSetSchema>;

/** An indicator set that failed validation; `details` name each offending field. */
export class IndicatorSetValidationError extends Error {
  readonly code = 'INDICATOR_SET_INVALID';
  constructor(readonly details: readonly string[]) {
    super(`invalid indicator set: ${details.join('; ')}`);
    this.name = 'IndicatorSetValidationError';
  }
}

/** Cross-field checks: the measure's own parameters, at least one threshold, unique ids. */
function definitionProblems(def: IndicatorDefinition, at: string): string[] {
  const problems: string[] = [];
  const measure = measureOf(def.measure);
  const params = { ...(measure.defaultParams as Record<string, unknown>), ...def.params };
  for (const error of Value.Errors(measure.paramsSchema, params)) problems.push(`${at}.params${error.path.replaceAll('/', '.')}: ${error.message}`);
  if (def.thresholds.level === null && def.thresholds.trendRisePct === null && !def.thresholds.levelByGranularity) {
    problems.push(`${at}.thresholds: a level or a trend threshold is needed`);
  }
  for (const g of def.reviewGranularities) if (!def.granularities.includes(g)) problems.push(`${at}.reviewGranularities: ${g} is not among granularities`);
  return problems;
}

/**
 * Validates an indicator set and fills each measure's parameters with its defaults.
 * Throws {@link IndicatorSetValidationError} naming every field at fault.
 */
export function validateIndicatorSet(input: unknown): IndicatorSet {
  const problems = [...Value.Errors(IndicatorSetSchema, input)].map((e) => `${e.path.slice(1).replaceAll('/', '.') || '(root)'}: ${e.message}`);
  if (problems.length > 0) throw new IndicatorSetValidationError(problems);
  const set = input as IndicatorSet;
  const seen = new Set<string>();
  set.indicators.forEach((def, i) => {
    if (seen.has(def.id)) problems.push(`indicators.${i}.id: ${def.id} is defined twice`);
    seen.add(def.id);
    problems.push(...definitionProblems(def, `indicators.${i}`));
  });
  if (problems.length > 0) throw new IndicatorSetValidationError(problems);
  return {
    version: set.version,
    indicators: set.indicators.map((def) => ({ ...def, params: { ...(measureOf(def.measure).defaultParams as Record<string, unknown>), ...def.params } })),
  };
}

/** Hex SHA-256 of the set's canonical JSON (anchored on the ledger). */
export function indicatorSetHash(set: Readonly<IndicatorSet>): string {
  return createHash('sha256').update(canonicalJson(set)).digest('hex');
}

/** The level threshold that applies to a period. */
export function levelThreshold(def: IndicatorDefinition, granularity: (typeof GRANULARITIES)[number]): number | null {
  return def.thresholds.levelByGranularity?.[granularity] ?? def.thresholds.level;
}
