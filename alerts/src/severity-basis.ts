/**
 * Why an alert has its severity, for the reviewer: the amount band it starts from and how many
 * steps negative-list hits added. Recomputed from the same constants the rule uses, so the
 * explanation cannot drift from the rule.
 */
import type { Severity, SeverityBasis } from '../../core/src/domain/alert.js';
import { HIGH_AMOUNT, LOW_AMOUNT } from './rules/severity.js';

const LEVELS: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export function severityBasisOf(alert: Readonly<{ amount: string; severity: Severity }>): SeverityBasis {
  const amount = Number(alert.amount);
  const base: Severity = amount >= HIGH_AMOUNT ? 'high' : amount < LOW_AMOUNT ? 'low' : 'medium';
  const raisedBy = Math.max(0, LEVELS.indexOf(alert.severity) - LEVELS.indexOf(base));
  return { amount: alert.amount, highFrom: HIGH_AMOUNT, lowBelow: LOW_AMOUNT, base, raisedBy };
}
