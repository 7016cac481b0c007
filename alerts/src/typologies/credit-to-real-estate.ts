/**
 * `credit_to_real_estate`: consumer or business loan money reaching a real-estate party
 * (sector K or MCC 6513) within 90 days, directly or through up to 2 personal accounts.
 * Basis: the 2021 CBIRC/MOHURD/PBoC notice on business loans flowing into real estate;
 * consumer loans may not fund housing. Mortgages are exempt.
 */
import { createCreditFlowTypology, type CreditFlowParams } from './credit-flow.js';

/** Defaults exactly as the typology catalogue states them. */
export const CREDIT_TO_REAL_ESTATE_DEFAULTS: CreditFlowParams = {
  loanPurposes: ['consumer', 'business'],
  restrictedSectors: ['K'],
  restrictedMccs: ['6513'],
  windowDays: 90,
  maxIntermediates: 2,
  minHopRatio: 0.5,
  minFinalAmount: 10_000,
  flowTypes: ['transfer', 'payment'],
};

export const creditToRealEstate = createCreditFlowTypology({
  id: 'credit_to_real_estate',
  logicVersion: '1.0.0',
  defaultParams: CREDIT_TO_REAL_ESTATE_DEFAULTS,
});
