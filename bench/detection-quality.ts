/**
 * Scoring detection against a scenario's labels, per typology:
 * - an instance is detected when one alert of its typology covers all of its records;
 * - an alert is a true positive when it shares a record with an instance of its typology;
 * - alerts per incident = alerts touching a detected instance, averaged over those instances
 *   (1.0 means every incident raised exactly one alert).
 */
import { TYPOLOGY_IDS, type TypologyId } from '../core/src/domain/alert.js';
import type { IncidentGroup } from '../alerts/src/detection/index.js';
import type { PlantedInstance } from '../alerts/src/scenarios/index.js';
import { evidenceKey } from '../alerts/src/typologies/index.js';

export interface TypologyScore {
  typology: TypologyId;
  instances: number;
  detected: number;
  alerts: number;
  truePositiveAlerts: number;
  /** Sum over detected instances of the alerts touching each. */
  alertsOnDetected: number;
}

export function emptyScore(typology: TypologyId): TypologyScore {
  return { typology, instances: 0, detected: 0, alerts: 0, truePositiveAlerts: 0, alertsOnDetected: 0 };
}

/** Score one run. */
export function scoreRun(instances: readonly PlantedInstance[], alerts: readonly IncidentGroup[]): TypologyScore[] {
  return TYPOLOGY_IDS.map((typology) => {
    const mine = instances.filter((i) => i.typology === typology);
    const raised = alerts.filter((a) => a.incident.typology === typology).map((a) => new Set(a.incident.evidence.map(evidenceKey)));
    const score = emptyScore(typology);
    score.instances = mine.length;
    score.alerts = raised.length;
    const labelled = new Set(mine.flatMap((i) => i.evidenceKeys));
    score.truePositiveAlerts = raised.filter((keys) => [...keys].some((k) => labelled.has(k))).length;
    for (const instance of mine) {
      if (!raised.some((keys) => instance.evidenceKeys.every((k) => keys.has(k)))) continue;
      score.detected++;
      score.alertsOnDetected += raised.filter((keys) => instance.evidenceKeys.some((k) => keys.has(k))).length;
    }
    return score;
  });
}

/** Add one run's scores into running totals. */
export function addScores(into: TypologyScore[], run: readonly TypologyScore[]): void {
  for (const score of run) {
    const total = into.find((s) => s.typology === score.typology)!;
    total.instances += score.instances;
    total.detected += score.detected;
    total.alerts += score.alerts;
    total.truePositiveAlerts += score.truePositiveAlerts;
    total.alertsOnDetected += score.alertsOnDetected;
  }
}

export const recallOf = (s: TypologyScore): number => (s.instances === 0 ? 1 : s.detected / s.instances);
export const precisionOf = (s: TypologyScore): number => (s.alerts === 0 ? 1 : s.truePositiveAlerts / s.alerts);
export const alertsPerIncidentOf = (s: TypologyScore): number => (s.detected === 0 ? 0 : s.alertsOnDetected / s.detected);
