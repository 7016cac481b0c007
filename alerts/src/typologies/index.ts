/**
 * The typology catalogue: every detector the engine can run, by id. A new typology is a
 * new file here plus one line in this list.
 */
import type { TypologyId } from '../../../gateway/src/domain/alert.js';
import type { TypologyDetector } from '../typology.js';
import { creditToRealEstate } from './credit-to-real-estate.js';
import { creditToSecurities } from './credit-to-securities.js';

// Detectors are stored with their parameter type erased; the rule set validates parameters
// against each detector's own schema before they reach it.
type AnyDetector = TypologyDetector<never>;

/** Every detector, in catalogue order. */
export const TYPOLOGY_CATALOGUE: readonly TypologyDetector<never>[] = [
  creditToRealEstate as AnyDetector,
  creditToSecurities as AnyDetector,
];

/** The detector of a typology, if catalogued. */
export function detectorOf(id: TypologyId): TypologyDetector<never> | undefined {
  return TYPOLOGY_CATALOGUE.find((detector) => detector.id === id);
}

export { creditToRealEstate, CREDIT_TO_REAL_ESTATE_DEFAULTS } from './credit-to-real-estate.js';
export { creditToSecurities, CREDIT_TO_SECURITIES_DEFAULTS } from './credit-to-securities.js';
export { CreditFlowParamsSchema, type CreditFlowParams } from './credit-flow.js';
export { evidenceKey } from './incident-of.js';
