/**
 * `credit_to_securities`: consumer or business loan money reaching a capital-market party
 * (sector J67 or MCC 6211) within 90 days, directly or through up to 2 personal accounts.
 * Loan funds may not be used to buy securities.
 */
import { createCreditFlowTypology, type CreditFlowParams } from './credit-flow.js';

/** Defaults exactly as the typology catalogue states them. */
export const CREDIT_TO_SECURITIES_DEFAULTS: CreditFlowParams = {
  loanPurposes: ['consumer', 'business'],
  restrictedSectors: ['J67'],
  restrictedMccs: ['6211'],
  windowDays: 90,
  maxIntermediates: 2,
  minHopRatio: 0.5,
  minFinalAmount: 10_000,
  flowTypes: ['transfer', 'payment'],
};

export const creditToSecurities = createCreditFlowTypology({
  id: 'credit_to_securities',
  logicVersion: '1.0.0',
  defaultParams: CREDIT_TO_SECURITIES_DEFAULTS,
});
