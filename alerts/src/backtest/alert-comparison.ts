/**
 * Comparing the alerts a candidate rule set would raise with the alerts stored now. Alerts
 * match when they are of one typology and share an evidence record (institution, txId) —
 * the merge rule's own notion of "the same incident" (see ../detection/incident-merge.ts).
 * Matching is by connected components, so a candidate alert that would merge two stored
 * ones (or split one) shows up as one changed incident, not as a spurious new plus gone.
 */
import { TYPOLOGY_IDS, type TypologyId } from '../../../core/src/domain/alert.js';
import { alertIdOf } from '../alert-factory.js';
import type { AlertDocument } from '../alert-store.js';
import type { IncidentGroup } from '../detection/index.js';
import { evidenceKey } from '../typologies/incident-of.js';

/** An alert as the comparison sees it; `evidence` are `INSTITUTION/txId` keys. */
export interface ComparedAlert {
  id: string;
  typology: TypologyId;
  amount: string;
  firstTs: string;
  lastTs: string;
  evidence: string[];
}

/** A matched incident whose evidence (or whose number of alerts) would differ. */
export interface ChangedIncident {
  currentIds: string[];
  candidateIds: string[];
  /** Evidence the candidate's alert would rest on that the stored one does not. */
  added: string[];
  /** Evidence of the stored alert the candidate's alert would no longer rest on. */
  removed: string[];
}

/** What would change for one typology. */
export interface TypologyComparison {
  typology: TypologyId;
  current: number;
  candidate: number;
  /** Would be raised; no stored alert shares evidence with them. */
  new: ComparedAlert[];
  /** Would no longer be raised; no candidate alert shares evidence with them. */
  gone: ComparedAlert[];
  changed: ChangedIncident[];
}

/** A stored alert raised by detection (not a platform alert such as `data_integrity`): what a rule set can change. */
export function isDetectionAlert(doc: Readonly<AlertDocument>): doc is AlertDocument & { typology: TypologyId } {
  return (TYPOLOGY_IDS as readonly string[]).includes(doc.typology);
}

/** A stored detection alert in comparable form. */
export function comparedFromStored(doc: Readonly<AlertDocument & { typology: TypologyId }>): ComparedAlert {
  return {
    id: doc.id, typology: doc.typology, amount: doc.amount, firstTs: doc.firstTs, lastTs: doc.lastTs,
    evidence: doc.evidence.map(evidenceKey).sort(),
  };
}

/** A candidate alert (a group of incidents) in comparable form, with the id the pipeline would give it. */
export function comparedFromGroup(group: Readonly<IncidentGroup>): ComparedAlert {
  const { incident } = group;
  return {
    id: alertIdOf(incident), typology: incident.typology, amount: incident.amount, firstTs: incident.firstTs, lastTs: incident.lastTs,
    evidence: incident.evidence.map(evidenceKey).sort(),
  };
}

/** Connected components of "same typology and a shared evidence record" over both sides. */
function components(alerts: readonly ComparedAlert[]): number[][] {
  const parent = alerts.map((_, index) => index);
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]!]!; i = parent[i]!; }
    return i;
  };
  const owner = new Map<string, number>();
  alerts.forEach((alert, index) => {
    for (const key of alert.evidence) {
      const token = `${alert.typology}|${key}`;
      const seen = owner.get(token);
      if (seen === undefined) owner.set(token, index);
      else parent[find(index)] = find(seen);
    }
  });
  const byRoot = new Map<number, number[]>();
  alerts.forEach((_, index) => { const root = find(index); byRoot.set(root, [...(byRoot.get(root) ?? []), index]); });
  return [...byRoot.values()];
}

const evidenceOf = (alerts: readonly ComparedAlert[]): Set<string> => new Set(alerts.flatMap((a) => a.evidence));
const byTime = (a: ComparedAlert, b: ComparedAlert): number => (a.firstTs < b.firstTs ? -1 : a.firstTs > b.firstTs ? 1 : a.id < b.id ? -1 : 1);

/** Per typology, in catalogue order: counts on both sides, new, gone and changed incidents. */
export function compareAlerts(current: readonly ComparedAlert[], candidate: readonly ComparedAlert[]): TypologyComparison[] {
  const all = [...current, ...candidate];
  const isCurrent = (index: number): boolean => index < current.length;
  const result = new Map<TypologyId, TypologyComparison>(TYPOLOGY_IDS.map((typology) => [typology, {
    typology,
    current: current.filter((a) => a.typology === typology).length,
    candidate: candidate.filter((a) => a.typology === typology).length,
    new: [], gone: [], changed: [],
  }]));
  for (const members of components(all)) {
    const stored = members.filter(isCurrent).map((i) => all[i]!);
    const proposed = members.filter((i) => !isCurrent(i)).map((i) => all[i]!);
    const entry = result.get((stored[0] ?? proposed[0])!.typology)!;
    if (proposed.length === 0) { entry.gone.push(...stored); continue; }
    if (stored.length === 0) { entry.new.push(...proposed); continue; }
    const before = evidenceOf(stored);
    const after = evidenceOf(proposed);
    const added = [...after].filter((key) => !before.has(key)).sort();
    const removed = [...before].filter((key) => !after.has(key)).sort();
    if (added.length > 0 || removed.length > 0 || stored.length !== proposed.length) {
      entry.changed.push({ currentIds: stored.map((a) => a.id).sort(), candidateIds: proposed.map((a) => a.id).sort(), added, removed });
    }
  }
  for (const entry of result.values()) { entry.new.sort(byTime); entry.gone.sort(byTime); }
  return [...result.values()];
}
