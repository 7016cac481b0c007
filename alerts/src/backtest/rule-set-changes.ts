/**
 * Which settings of a candidate rule set differ from the active one, named by the same
 * field paths validation uses (`typologies.<id>.params.<name>`), so a reviewer can see at
 * a glance what the candidate changes before reading what it would do.
 */
import { TYPOLOGY_IDS } from '../../../core/src/domain/alert.js';
import { canonicalJson, type RuleSet } from '../rules/index.js';

/** One differing setting; `undefined` where a side does not have it. */
export interface RuleSetChange {
  path: string;
  active: unknown;
  candidate: unknown;
}

function differs(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) !== canonicalJson(b ?? null);
}

/** Settings (enabled flags and parameters) that differ, in catalogue order. */
export function ruleSetChanges(active: Readonly<RuleSet>, candidate: Readonly<RuleSet>): RuleSetChange[] {
  const changes: RuleSetChange[] = [];
  for (const id of TYPOLOGY_IDS) {
    const before = active.typologies[id];
    const after = candidate.typologies[id];
    const at = `typologies.${id}`;
    if (before?.enabled !== after?.enabled) changes.push({ path: `${at}.enabled`, active: before?.enabled, candidate: after?.enabled });
    const names = [...new Set([...Object.keys(before?.params ?? {}), ...Object.keys(after?.params ?? {})])].sort();
    for (const name of names) {
      const a = before?.params[name];
      const b = after?.params[name];
      if (differs(a, b)) changes.push({ path: `${at}.params.${name}`, active: a, candidate: b });
    }
  }
  return changes;
}
