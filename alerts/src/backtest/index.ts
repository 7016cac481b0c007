/**
 * Backtesting a candidate rule set over the stored history: what it would raise, what would
 * no longer be raised, and whose evidence would change, compared with the stored alerts.
 */
export { runBacktest, type BacktestOptions, type BacktestReport, type RuleSetIdentity } from './backtest-run.js';
export { readCandidateRuleSet, parseCandidateRuleSet, CandidateRuleSetError } from './candidate-rule-set.js';
export { ruleSetChanges, type RuleSetChange } from './rule-set-changes.js';
export {
  compareAlerts, comparedFromStored, comparedFromGroup, type ComparedAlert, type ChangedIncident, type TypologyComparison,
} from './alert-comparison.js';
export { formatBacktestReport } from './backtest-text.js';
