/** The cross-domain risk indicator system: definitions, measures, figures and breach reviews. */
export { DEFAULT_INDICATOR_SET } from './default-indicators.js';
export {
  IndicatorSetValidationError, indicatorSetHash, validateIndicatorSet, type IndicatorDefinition, type IndicatorSet,
} from './indicator-definition.js';
export { INDICATOR_MEASURES } from './indicator-measures.js';
export type { IndicatorContributor, IndicatorUnit } from './indicator-measure.js';
export { GRANULARITIES, parseIndicatorQuarter, quarterOfInstant, type Granularity } from './indicator-period.js';
export type { IndicatorBreachKind, IndicatorHistoryPoint, IndicatorValue } from './indicator-value.js';
export { IndicatorBreachCases } from './indicator-breach-cases.js';
export { IndicatorMonitor, indicatorSetLedgerVersion, mayReadIndicator } from './indicator-monitor.js';
