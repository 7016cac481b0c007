/**
 * Severity of an incident: a base from the amount at risk, raised one step for each kind of
 * negative-list hit (a flagged account involved; a payment to a high-risk jurisdiction),
 * capped at critical. Deliberately simple so a reviewer can recompute it by hand.
 */
import type { Severity } from '../../../core/src/domain/alert.js';
import type { Incident } from '../typology.js';
import { listedFor, type DetectionLists } from './detection-lists.js';

const LEVELS: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

/** Amount (CNY) from which an incident starts at `high` instead of `medium`. */
export const HIGH_AMOUNT = 1_000_000;
/** Amount (CNY) below which an incident starts at `low`. */
export const LOW_AMOUNT = 50_000;

/** Severity of an incident given the current lists. */
export function severityOf(incident: Readonly<Incident>, lists: Readonly<DetectionLists>): Severity {
  const amount = Number(incident.amount);
  let level = amount >= HIGH_AMOUNT ? 2 : amount < LOW_AMOUNT ? 0 : 1;
  if (incident.accounts.some((account) => listedFor(lists.flaggedAccounts, account, incident.typology))) level++;
  if (incident.evidence.some((e) => e.toCountry !== undefined && listedFor(lists.highRiskJurisdictions, e.toCountry, incident.typology))) level++;
  return LEVELS[Math.min(level, LEVELS.length - 1)]!;
}
