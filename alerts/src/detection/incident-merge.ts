/**
 * The merge rule that makes "one alert per incident": an incident belongs to an existing
 * alert of the same typology when it has the same incidentKey or shares any evidence record
 * (institution, txId). Overlapping windows of one pattern share records, so they fold into
 * one alert whose evidence grows.
 *
 * A late record can bridge two alerts that were separate until then (a fan-in whose middle
 * transfers arrive last); `mergeIncidentInto` therefore returns every group the incident
 * touches, so the caller can fold them into one and the streamed result equals a batch run.
 */
import type { Incident } from '../typology.js';
import { evidenceKey, incidentOf } from '../typologies/incident-of.js';

/** An alert as the merge rule sees it: its incident keys and its accumulated incident. */
export interface IncidentGroup {
  keys: readonly string[];
  incident: Incident;
}

/** Whether the incident belongs to the group. */
export function belongsTo(group: Readonly<IncidentGroup>, incident: Readonly<Incident>): boolean {
  if (group.incident.typology !== incident.typology) return false;
  if (group.keys.includes(incident.incidentKey)) return true;
  const evidence = new Set(group.incident.evidence.map(evidenceKey));
  return incident.evidence.some((record) => evidence.has(evidenceKey(record)));
}

function largerAmount(a: string, b: string): string {
  return Number(a) >= Number(b) ? a : b;
}

/** Union of two incidents of one typology; the first keeps its key. */
function union(into: Readonly<Incident>, from: Readonly<Incident>): Incident {
  return incidentOf({
    typology: into.typology,
    incidentKey: into.incidentKey,
    evidence: [...into.evidence, ...from.evidence],
    accounts: [...into.accounts, ...from.accounts],
    // Windows of one pattern overlap: the larger amount never double-counts shared records.
    amount: largerAmount(into.amount, from.amount),
    evidenceCount: Math.max(into.evidenceCount ?? 0, from.evidenceCount ?? 0),
  });
}

/** The outcome of merging one incident into the existing alerts. */
export interface MergeOutcome {
  /** Indexes (into `groups`) of every alert the incident belongs to; empty for a new alert. */
  matched: number[];
  /** The merged alert: the first matched one grown by the incident and the other matched ones. */
  group: IncidentGroup;
}

/**
 * Merge an incident into existing alerts (pure). With no match the incident starts a new
 * group; with several, they are all folded into the first one (the caller retires the rest).
 */
export function mergeIncidentInto(groups: readonly IncidentGroup[], incident: Readonly<Incident>): MergeOutcome {
  const matched = groups.flatMap((group, index) => (belongsTo(group, incident) ? [index] : []));
  let merged: IncidentGroup = { keys: [incident.incidentKey], incident: { ...incident } };
  const [first, ...rest] = matched.map((index) => groups[index]!);
  if (first) {
    merged = { keys: [...first.keys], incident: first.incident };
    for (const other of [...rest, { keys: [incident.incidentKey], incident }]) {
      merged = { keys: [...new Set([...merged.keys, ...other.keys])], incident: union(merged.incident, other.incident) };
    }
  }
  return { matched, group: merged };
}

/**
 * Fold incidents into alerts with the merge rule (batch, tests, bench): the connected
 * components of "same typology and same key or a shared record", which is what folding them
 * one by one with `mergeIncidentInto` gives, in near-linear time.
 */
export function groupIncidents(incidents: readonly Incident[]): IncidentGroup[] {
  const parent = incidents.map((_, index) => index);
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]!]!; i = parent[i]!; }
    return i;
  };
  const owner = new Map<string, number>();
  const link = (token: string, index: number): void => {
    const seen = owner.get(token);
    if (seen === undefined) owner.set(token, index);
    else parent[find(index)] = find(seen);
  };
  incidents.forEach((incident, index) => {
    link(`key|${incident.typology}|${incident.incidentKey}`, index);
    for (const record of incident.evidence) link(`rec|${incident.typology}|${evidenceKey(record)}`, index);
  });
  const groups = new Map<number, IncidentGroup>();
  incidents.forEach((incident, index) => {
    const root = find(index);
    const group = groups.get(root);
    groups.set(root, group
      ? { keys: [...new Set([...group.keys, incident.incidentKey])], incident: union(group.incident, incident) }
      : { keys: [incident.incidentKey], incident: { ...incident } });
  });
  return [...groups.values()];
}
