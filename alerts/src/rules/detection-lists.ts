/**
 * The negative list (flagged accounts, high-risk jurisdictions: they raise an alert's
 * severity) and the allow list (exempt accounts: their incidents are not reported), kept as
 * one ClickHouse table so that every department's view and the detectors read the same data.
 *
 * Entries are never updated in place: adding writes a row, removing writes a tombstone with
 * a newer version, and reads take the latest row per entry (ReplacingMergeTree + FINAL),
 * which keeps the history of who listed what.
 *
 * Account values are pseudonyms as stored in `transactions`: a route that takes raw account
 * ids must pseudonymize them with the gateway's key first.
 *
 * Entries a department makes go through the ledger first (maker-checker,
 * `list-governance.ts`): they carry their owner `department`, the `typologies` they are
 * scoped to and a `state`; only `active` entries reach detection. Entries written through
 * this module directly (the operator's tools and tests) have no department and apply as
 * their `typology` says.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { TYPOLOGY_IDS, type TypologyId } from '../../../core/src/domain/alert.js';
import type { Incident } from '../typology.js';

export const LIST_NAMES = ['negative', 'allow'] as const;
export type ListName = (typeof LIST_NAMES)[number];
export const LIST_ENTRY_KINDS = ['account', 'jurisdiction'] as const;
export type ListEntryKind = (typeof LIST_ENTRY_KINDS)[number];

/** `*` applies an entry to every typology. */
export type ListScope = TypologyId | '*';

/** Identity of an entry. */
export interface ListEntryKey {
  list: ListName;
  kind: ListEntryKind;
  /** Account pseudonym or ISO 3166-1 alpha-2 country code. */
  value: string;
  typology?: ListScope;
}

/** An entry as stored. */
export interface ListEntry extends Required<ListEntryKey> {
  reason: string;
  addedBy: string;
  changedAt: string;
  /** Owner department ('' for an operator's entry written directly). */
  department: string;
  /** Ledger id of a department's entry ('' for an operator's entry). */
  entryId: string;
  /** Typologies the entry applies to (empty: as `typology` says). */
  typologies: string[];
  /** Only `active` entries take effect; `proposed` ones wait for approvals. */
  state: 'proposed' | 'active';
  /** The entry's record on the ledger (proposal, approvals), for a department's entry. */
  ledger?: unknown;
}

/** A list entry that does not make sense; `field` names what is wrong. */
export class ListEntryError extends Error {
  readonly code = 'LIST_ENTRY_INVALID';
  constructor(readonly field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'ListEntryError';
  }
}

export const LIST_STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS detection_list_entries (
    list        LowCardinality(String),
    kind        LowCardinality(String),
    value       String,
    typology    LowCardinality(String),
    reason      String,
    added_by    String,
    changed_at  DateTime64(3, 'UTC'),
    version     UInt64,
    removed     UInt8
  ) ENGINE = ReplacingMergeTree(version)
  ORDER BY (list, kind, value, typology)`,
  // Departments' entries (see list-governance.ts): the owner is part of the identity, so two
  // departments' entries for one account are separate rows and one's removal leaves the other.
  `ALTER TABLE detection_list_entries ADD COLUMN IF NOT EXISTS department LowCardinality(String),
    MODIFY ORDER BY (list, kind, value, typology, department)`,
  `ALTER TABLE detection_list_entries
    ADD COLUMN IF NOT EXISTS entry_id String DEFAULT '',
    ADD COLUMN IF NOT EXISTS typologies Array(String) DEFAULT [],
    ADD COLUMN IF NOT EXISTS state LowCardinality(String) DEFAULT 'active',
    ADD COLUMN IF NOT EXISTS ledger_record String DEFAULT ''`,
];

function validKey(key: Readonly<ListEntryKey>): Required<ListEntryKey> {
  if (!(LIST_NAMES as readonly string[]).includes(key.list)) throw new ListEntryError('list', 'must be negative or allow');
  if (!(LIST_ENTRY_KINDS as readonly string[]).includes(key.kind)) throw new ListEntryError('kind', 'must be account or jurisdiction');
  if (key.list === 'allow' && key.kind !== 'account') throw new ListEntryError('kind', 'the allow list holds accounts only');
  if (key.kind === 'jurisdiction' && !/^[A-Z]{2}$/.test(key.value)) throw new ListEntryError('value', 'must be an ISO 3166-1 alpha-2 code');
  if (key.value.length === 0 || key.value.length > 128) throw new ListEntryError('value', 'must be 1 to 128 characters');
  const typology = key.typology ?? '*';
  if (typology !== '*' && !(TYPOLOGY_IDS as readonly string[]).includes(typology)) throw new ListEntryError('typology', 'unknown typology');
  return { list: key.list, kind: key.kind, value: key.value, typology };
}

// Versions order writes to one entry; microseconds plus a counter keep two writes in the
// same millisecond ordered.
let lastVersion = 0;
function nextVersion(): number {
  lastVersion = Math.max(lastVersion + 1, Date.now() * 1000);
  return lastVersion;
}

/** What a row says beyond its key. */
interface EntryExtra {
  reason: string; addedBy: string; removed: 0 | 1;
  department?: string; entryId?: string; typologies?: readonly string[]; state?: 'proposed' | 'active'; ledgerRecord?: string;
}

async function writeEntry(client: ClickHouseClient, key: Required<ListEntryKey>, extra: Readonly<EntryExtra>): Promise<void> {
  await client.insert({
    table: 'detection_list_entries',
    format: 'JSONEachRow',
    values: [{
      list: key.list, kind: key.kind, value: key.value, typology: key.typology, reason: extra.reason,
      added_by: extra.addedBy, changed_at: Date.now(), version: nextVersion(), removed: extra.removed,
      department: extra.department ?? '', entry_id: extra.entryId ?? '', typologies: extra.typologies ?? [],
      state: extra.state ?? 'active', ledger_record: extra.ledgerRecord ?? '',
    }],
    clickhouse_settings: { date_time_input_format: 'best_effort' },
  });
}

/**
 * Mirrors a department's entry as the ledger now holds it: detection reads this table,
 * the ledger stays the authority on who proposed and approved what.
 */
export async function mirrorDepartmentEntry(client: ClickHouseClient, entry: Readonly<{
  entryId: string; list: ListName; kind: ListEntryKind; value: string; typologies: readonly string[];
  owner: string; state: 'proposed' | 'active' | 'withdrawn'; reason: string; changedBy: string; ledgerRecord: unknown;
}>): Promise<void> {
  const key = validKey({ list: entry.list, kind: entry.kind, value: entry.value });
  await writeEntry(client, key, {
    reason: entry.reason, addedBy: entry.changedBy, removed: entry.state === 'withdrawn' ? 1 : 0,
    department: entry.owner, entryId: entry.entryId, typologies: entry.typologies,
    state: entry.state === 'withdrawn' ? 'active' : entry.state, ledgerRecord: JSON.stringify(entry.ledgerRecord),
  });
}

/** Add (or re-add) an entry. */
export async function addListEntry(client: ClickHouseClient, entry: Readonly<ListEntryKey & { reason?: string; addedBy?: string }>): Promise<void> {
  await writeEntry(client, validKey(entry), { reason: entry.reason ?? '', addedBy: entry.addedBy ?? '', removed: 0 });
}

/** Remove an entry (a tombstone; listing no longer shows it). */
export async function removeListEntry(client: ClickHouseClient, key: Readonly<ListEntryKey & { removedBy?: string }>): Promise<void> {
  await writeEntry(client, validKey(key), { reason: '', addedBy: key.removedBy ?? '', removed: 1 });
}

/**
 * An allow-list entry a department user made before entries were scoped and approved (no owner
 * department, `added_by` naming `DEPT/user`): nobody else agreed to it, so it silences nothing
 * until its department proposes it again. Operators' entries (`added_by` without a department) stay.
 */
function legacyUnapproved(row: Readonly<EntryRow>): boolean {
  return row.list === 'allow' && row.department === '' && /^[A-Z]+\//.test(row.added_by);
}

interface EntryRow {
  list: ListName; kind: ListEntryKind; value: string; typology: ListScope; reason: string; added_by: string; changed_at: string;
  department: string; entry_id: string; typologies: string[]; state: 'proposed' | 'active'; ledger_record: string;
}

/** Current entries (proposed and active), optionally of one list. */
export async function listEntries(client: ClickHouseClient, list?: ListName): Promise<ListEntry[]> {
  const result = await client.query({
    query: `SELECT list, kind, value, typology, reason, added_by, changed_at, department, entry_id, typologies, state, ledger_record
      FROM detection_list_entries FINAL
      WHERE removed = 0 AND ({list:String} = '' OR list = {list:String})
      ORDER BY list, kind, value, typology, department`,
    format: 'JSONEachRow',
    query_params: { list: list ?? '' },
  });
  return (await result.json<EntryRow>()).map((row) => ({
    list: row.list, kind: row.kind, value: row.value, typology: row.typology,
    reason: row.reason, addedBy: row.added_by, changedAt: row.changed_at,
    department: row.department, entryId: row.entry_id, typologies: row.typologies, state: legacyUnapproved(row) ? 'proposed' : row.state,
    ...(row.ledger_record === '' ? {} : { ledger: JSON.parse(row.ledger_record) as unknown }),
  }));
}

/** The lists in the form detection and severity use them: value → scopes. */
export interface DetectionLists {
  flaggedAccounts: ReadonlyMap<string, readonly ListScope[]>;
  highRiskJurisdictions: ReadonlyMap<string, readonly ListScope[]>;
  allowedAccounts: ReadonlyMap<string, readonly ListScope[]>;
}

/** Empty lists (no table needed). */
export const NO_LISTS: DetectionLists = { flaggedAccounts: new Map(), highRiskJurisdictions: new Map(), allowedAccounts: new Map() };

/** Read the current lists once (per detection run). */
export async function loadDetectionLists(client: ClickHouseClient): Promise<DetectionLists> {
  // A proposal waiting for approvals has no effect: only active entries are read.
  const entries = (await listEntries(client)).filter((e) => e.state === 'active');
  const collect = (list: ListName, kind: ListEntryKind): Map<string, ListScope[]> => {
    const map = new Map<string, ListScope[]>();
    for (const e of entries) {
      if (e.list !== list || e.kind !== kind) continue;
      const scopes = e.typologies.length > 0 ? (e.typologies as ListScope[]) : [e.typology];
      map.set(e.value, [...(map.get(e.value) ?? []), ...scopes]);
    }
    return map;
  };
  return {
    flaggedAccounts: collect('negative', 'account'),
    highRiskJurisdictions: collect('negative', 'jurisdiction'),
    allowedAccounts: collect('allow', 'account'),
  };
}

/** Whether a value is listed for a typology (directly or for every typology). */
export function listedFor(map: ReadonlyMap<string, readonly ListScope[]>, value: string, typology: TypologyId): boolean {
  const scopes = map.get(value);
  return scopes !== undefined && (scopes.includes('*') || scopes.includes(typology));
}

/**
 * An incident is exempt when one of its accounts is on the allow list for its typology: the
 * allow list is a supervisor's deliberate statement that the account's pattern is known
 * and legitimate (a payroll agent's fan-out, a clearing account's fan-in).
 */
export function isExempt(incident: Readonly<Incident>, lists: Readonly<DetectionLists>): boolean {
  return lists.allowedAccounts.size > 0 && incident.accounts.some((account) => listedFor(lists.allowedAccounts, account, incident.typology));
}
