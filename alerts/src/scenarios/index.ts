/**
 * The labelled scenario generator (background activity plus planted typology instances,
 * with late arrivals) and a loader that puts records straight into `transactions`.
 */
export { generateScenario, type Scenario, type ScenarioOptions } from './scenario.js';
export type { PlantedInstance } from './planted-typologies.js';
export { loadRecords, transactionRowOf } from './load-records.js';
export { SeededRandom } from './seeded-random.js';
export { streamRecords, type StreamOutcome } from './stream-records.js';
