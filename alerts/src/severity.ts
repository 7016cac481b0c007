import type { Severity } from '../../gateway/src/domain/alert.js';
import type { Incident } from './typology.js';

/**
 * Baseline severity by the amount at risk; the rule set's negative list raises it
 * (alerts/src/rules). Thresholds in CNY.
 */
export function severityOfIncident(incident: Pick<Incident, 'amount'>): Severity {
  const amount = Number(incident.amount);
  if (amount >= 5_000_000) return 'critical';
  if (amount >= 500_000) return 'high';
  if (amount >= 50_000) return 'medium';
  return 'low';
}
