/**
 * The canonical hash of a rule set: SHA-256 over canonical JSON (object keys sorted at every
 * level, no whitespace), hex. Departments compare it with the hash anchored on the ledger to
 * know they run the very same parameters.
 */
import { createHash } from 'node:crypto';
import type { RuleSet } from './rule-set.js';

/** Canonical JSON: sorted keys, no whitespace, `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hex SHA-256 of the rule set's canonical JSON. */
export function ruleSetHash(ruleSet: Readonly<RuleSet>): string {
  return createHash('sha256').update(canonicalJson(ruleSet)).digest('hex');
}
