/**
 * The detection engine's public surface: the engine factory, the incident merge rule and the
 * types the alert pipeline consumes.
 */
export {
  createDetectionEngine, type DetectionEngine, type DetectionEngineOptions, type DetectionResult, type TypologyError,
} from './detection-engine.js';
export { mergeIncidentInto, groupIncidents, belongsTo, type IncidentGroup, type MergeOutcome } from './incident-merge.js';
export type { Incident, EvidenceRecord, SeqRange } from '../typology.js';
export type { RuleSet } from '../rules/rule-set.js';
