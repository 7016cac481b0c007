/**
 * The canonical hash of a rule set: SHA-256 over canonical JSON (object keys sorted at every
 * level, no whitespace), hex. Departments compare it with the hash anchored on the ledger to
 * know they run the very same parameters.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../core/src/domain/canonical-json.js';
import type { RuleSet } from './rule-set.js';

// One canonical JSON for every hash the platform computes (records, alerts, rule sets).
export { canonicalJson };

/** Hex SHA-256 of the rule set's canonical JSON. */
export function ruleSetHash(ruleSet: Readonly<RuleSet>): string {
  return createHash('sha256').update(canonicalJson(ruleSet)).digest('hex');
}
