import { ContractError } from './contract-error.js';
import type { Caller, Department } from './access-policy.js';
import {
  asFields, department, HASH_PATTERN, oneOf, optionalText, parseJsonObject, text, timestamp,
} from './validate.js';

/**
 * Maker-checker over the negative and allow lists. An entry belongs to the department that
 * proposed it and is scoped to typologies; when it would change what other departments see
 * (an allow-list entry silences alerts routed to them too), each of those departments must
 * approve it before it takes effect. The contract keeps who proposed, who approved and
 * when; the gateway computes which departments must approve (the routing table is
 * off-chain configuration) and the contract holds it to that set.
 */

export const LIST_NAMES = ['negative', 'allow'] as const;
export const LIST_ENTRY_KINDS = ['account', 'jurisdiction'] as const;
/** `proposed`: waiting for approvals, no effect yet; `active`: in force; `withdrawn`: no effect. */
export const LIST_ENTRY_STATES = ['proposed', 'active', 'withdrawn'] as const;
export type ListEntryState = (typeof LIST_ENTRY_STATES)[number];

/** Who did something to an entry, and when (transaction time and id). */
export interface ListEntryAct { department: Department; by?: string; at: string; txId: string }

/** A list entry as the ledger keeps it. */
export interface ListEntryRecord {
  entryId: string;
  list: (typeof LIST_NAMES)[number];
  kind: (typeof LIST_ENTRY_KINDS)[number];
  /** Account pseudonym or country code: never a raw account id. */
  value: string;
  typologies: string[];
  owner: Department;
  /** Hash of the reason text (kept off-chain, like comments). */
  reasonHash: string;
  requiredApprovals: Department[];
  proposed: ListEntryAct;
  approvals: ListEntryAct[];
  withdrawn?: ListEntryAct;
  state: ListEntryState;
}

/** `proposeListEntry`'s argument. */
export type ListEntryProposal = Pick<ListEntryRecord, 'entryId' | 'list' | 'kind' | 'value' | 'typologies' | 'reasonHash' | 'requiredApprovals'>;

const TYPOLOGY_PATTERN = /^[a-z_]{1,40}$/;
const VALUE_PATTERN = /^[A-Za-z0-9_]{1,128}$/;

function departments(value: unknown, field: string): Department[] {
  if (!Array.isArray(value)) throw new ContractError('INVALID_ARGUMENT', `${field} must be an array of departments`);
  return [...new Set(value.map((d, i) => department(d, `${field}[${String(i)}]`)))].sort();
}

function typologies(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new ContractError('INVALID_ARGUMENT', 'typologies must be a non-empty array');
  return [...new Set(value.map((t, i) => text(t, `typologies[${String(i)}]`, TYPOLOGY_PATTERN)))].sort();
}

function readAct(value: unknown, field: string): ListEntryAct {
  const f = asFields(value, field);
  const by = optionalText(f.by, `${field}.by`);
  return { department: department(f.department, `${field}.department`), ...(by === undefined ? {} : { by }), at: timestamp(f.at, `${field}.at`), txId: text(f.txId, `${field}.txId`) };
}

/** Reads `proposeListEntry`'s JSON argument. */
export function readListEntryProposal(json: string): ListEntryProposal {
  const f = parseJsonObject(json, 'entry');
  return {
    entryId: text(f.entryId, 'entryId'),
    list: oneOf(f.list, 'list', LIST_NAMES),
    kind: oneOf(f.kind, 'kind', LIST_ENTRY_KINDS),
    value: text(f.value, 'value', VALUE_PATTERN),
    typologies: typologies(f.typologies),
    reasonHash: text(f.reasonHash, 'reasonHash', HASH_PATTERN),
    requiredApprovals: departments(f.requiredApprovals, 'requiredApprovals'),
  };
}

/** Reads a stored entry. */
export function readListEntry(value: unknown): ListEntryRecord {
  const f = asFields(value, 'list entry');
  const approvals = f.approvals;
  if (!Array.isArray(approvals)) throw new ContractError('INVALID_ARGUMENT', 'approvals must be an array');
  return {
    ...readListEntryProposal(JSON.stringify({ ...f })),
    owner: department(f.owner, 'owner'),
    proposed: readAct(f.proposed, 'proposed'),
    approvals: approvals.map((a, i) => readAct(a, `approvals[${String(i)}]`)),
    ...(f.withdrawn === undefined ? {} : { withdrawn: readAct(f.withdrawn, 'withdrawn') }),
    state: oneOf(f.state, 'state', LIST_ENTRY_STATES),
  };
}

const act = (caller: Caller, at: Date, txId: string): ListEntryAct => ({
  department: caller.department, ...(caller.user === undefined ? {} : { by: caller.user }), at: at.toISOString(), txId,
});

/**
 * A new proposal by the caller's department. A live entry with the same id is refused
 * (withdraw it first), so that approvals given to one content never carry over to another.
 */
export function proposeEntry(existing: ListEntryRecord | undefined, input: ListEntryProposal, caller: Caller, at: Date, txId: string): ListEntryRecord {
  if (existing !== undefined && existing.state !== 'withdrawn') {
    throw new ContractError('CONFLICT', `list entry ${input.entryId} is already ${existing.state}`);
  }
  const required = input.requiredApprovals.filter((d) => d !== caller.department);
  return {
    ...input, requiredApprovals: required, owner: caller.department, proposed: act(caller, at, txId), approvals: [],
    state: required.length === 0 ? 'active' : 'proposed',
  };
}

/** The caller's department approves; the entry takes effect once every required department has. */
export function approveEntry(entry: ListEntryRecord, caller: Caller, at: Date, txId: string): ListEntryRecord {
  if (entry.state === 'withdrawn') throw new ContractError('CONFLICT', `list entry ${entry.entryId} was withdrawn`);
  if (!entry.requiredApprovals.includes(caller.department)) {
    throw new ContractError('ACCESS_DENIED', `list entry ${entry.entryId} does not need the approval of ${caller.department}`);
  }
  if (entry.approvals.some((a) => a.department === caller.department)) return entry;
  const approvals = [...entry.approvals, act(caller, at, txId)];
  const complete = entry.requiredApprovals.every((d) => approvals.some((a) => a.department === d));
  return { ...entry, approvals, state: complete ? 'active' : 'proposed' };
}

/**
 * Withdrawal by the owner, or by a department whose approval the entry needs: consent can
 * always be taken back, and taking it back ends the entry's effect.
 */
export function withdrawEntry(entry: ListEntryRecord, caller: Caller, at: Date, txId: string): ListEntryRecord {
  if (entry.owner !== caller.department && !entry.requiredApprovals.includes(caller.department)) {
    throw new ContractError('ACCESS_DENIED', `list entry ${entry.entryId} belongs to ${entry.owner}`);
  }
  if (entry.state === 'withdrawn') return entry;
  return { ...entry, withdrawn: act(caller, at, txId), state: 'withdrawn' };
}
