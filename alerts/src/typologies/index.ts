/**
 * The typology catalogue: every detector the engine can run, by id. A new typology is a
 * new file here plus one line in this list.
 */
import type { TypologyId } from '../../../core/src/domain/alert.js';
import type { TypologyDetector } from '../typology.js';
import { creditToRealEstate } from './credit-to-real-estate.js';
import { creditToSecurities } from './credit-to-securities.js';
import { structuring } from './structuring.js';
import { cycle } from './cycle.js';
import { rapidPassThrough } from './rapid-pass-through.js';
import { fanIn } from './fan-in.js';
import { fanOut } from './fan-out.js';
import { crossBorderSplit } from './cross-border-split.js';

// Detectors are stored with their parameter type erased; the rule set validates parameters
// against each detector's own schema before they reach it.
type AnyDetector = TypologyDetector<never>;

/** Every detector, in catalogue order. */
export const TYPOLOGY_CATALOGUE: readonly TypologyDetector<never>[] = [
  creditToRealEstate as AnyDetector,
  creditToSecurities as AnyDetector,
  structuring as AnyDetector,
  cycle as AnyDetector,
  rapidPassThrough as AnyDetector,
  fanIn as AnyDetector,
  fanOut as AnyDetector,
  crossBorderSplit as AnyDetector,
];

/** The detector of a typology, if catalogued. */
export function detectorOf(id: TypologyId): TypologyDetector<never> | undefined {
  return TYPOLOGY_CATALOGUE.find((detector) => detector.id === id);
}

export { creditToRealEstate, CREDIT_TO_REAL_ESTATE_DEFAULTS } from './credit-to-real-estate.js';
export { creditToSecurities, CREDIT_TO_SECURITIES_DEFAULTS } from './credit-to-securities.js';
export { CreditFlowParamsSchema, type CreditFlowParams } from './credit-flow.js';
export { structuring, STRUCTURING_DEFAULTS, StructuringParamsSchema, type StructuringParams } from './structuring.js';
export { cycle, CYCLE_DEFAULTS, CycleParamsSchema, type CycleParams } from './cycle.js';
export {
  rapidPassThrough, RAPID_PASS_THROUGH_DEFAULTS, RapidPassThroughParamsSchema, type RapidPassThroughParams,
} from './rapid-pass-through.js';
export { fanIn } from './fan-in.js';
export { fanOut } from './fan-out.js';
export { FAN_DEFAULTS, FanParamsSchema, type FanParams } from './fan-pattern.js';
export {
  crossBorderSplit, CROSS_BORDER_SPLIT_DEFAULTS, CrossBorderSplitParamsSchema, type CrossBorderSplitParams,
} from './cross-border-split.js';
export { evidenceKey } from './incident-of.js';
