/** The measure catalogue: every SQL an indicator definition can name, by id. */
import type { IndicatorMeasure } from './indicator-measure.js';
import { creditShareMeasure } from './credit-share-measure.js';
import { crossBorderConcentrationMeasure, crossBorderOutflowMeasure } from './cross-border-measures.js';
import { structuringDensityMeasure } from './structuring-density-measure.js';
import { passThroughVelocityMeasure } from './pass-through-velocity-measure.js';
import { platformCreditGrowthMeasure } from './platform-credit-measure.js';

// Parameters are validated against each measure's own schema before they reach it.
type AnyMeasure = IndicatorMeasure<never>;

export const INDICATOR_MEASURES: readonly AnyMeasure[] = [
  creditShareMeasure as AnyMeasure,
  crossBorderOutflowMeasure as AnyMeasure,
  crossBorderConcentrationMeasure as AnyMeasure,
  structuringDensityMeasure as AnyMeasure,
  passThroughVelocityMeasure as AnyMeasure,
  platformCreditGrowthMeasure as AnyMeasure,
];

export function measureOf(id: string): AnyMeasure {
  const measure = INDICATOR_MEASURES.find((m) => m.id === id);
  if (!measure) throw new Error(`no indicator measure ${id}`);
  return measure;
}
