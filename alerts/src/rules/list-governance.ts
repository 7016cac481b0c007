import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import type { ListEntryRecord } from '../../../core/src/ledger/contract-model.js';
import { LedgerError } from '../../../core/src/ledger/ledger-errors.js';
import type { UserSession } from '../../../core/src/domain/user-session.js';
import { AccessDeniedError, InvalidInputError, LedgerRefusalError, NotFoundError } from '../../../core/src/errors.js';
import type { RoutingTable } from '../routing.js';
import { listEntries, mirrorDepartmentEntry, type ListEntry, type ListEntryKind, type ListName, type ListScope } from './detection-lists.js';
import { ListScopeError, scopeListEntry } from './list-entry-scope.js';

/** What a department user asks to list. */
export interface ListEntryRequest {
  list: ListName;
  kind: ListEntryKind;
  /** Account pseudonym or country code (raw account ids are pseudonymized before this point). */
  value: string;
  typology?: ListScope;
  reason?: string;
}

/**
 * Department users' changes to the negative and allow lists, as maker-checker on the
 * ledger: a proposal names its owner and scope (`list-entry-scope.ts`); the departments it
 * would affect approve it on the ledger; detection reads only active entries. Every step is
 * a ledger transaction signed by the acting department, so each department sees who
 * listed what, who approved it and when.
 */
export class ListGovernance {
  readonly #client: ClickHouseClient;
  readonly #ledger: SupervisionLedger;
  readonly #routing: Readonly<RoutingTable>;

  constructor(options: Readonly<{ client: ClickHouseClient; ledger: SupervisionLedger; routing: Readonly<RoutingTable> }>) {
    this.#client = options.client;
    this.#ledger = options.ledger;
    this.#routing = options.routing;
  }

  /** The current entries (proposed and active); `awaiting` keeps those waiting for that department's approval. */
  async entries(awaiting?: UserSession['department']): Promise<ListEntry[]> {
    const all = await listEntries(this.#client);
    if (awaiting === undefined) return all;
    return all.filter((e) => e.state === 'proposed' && isRecord(e.ledger)
      && e.ledger.requiredApprovals.includes(awaiting) && !e.ledger.approvals.some((a) => a.department === awaiting));
  }

  /** Proposes an entry owned by the user's department (active at once when nobody else must approve). */
  async propose(user: UserSession, request: Readonly<ListEntryRequest>): Promise<ListEntry> {
    mayChange(user);
    let scope;
    try {
      scope = scopeListEntry(this.#routing, user.department, request.list, request.typology ?? '*');
    } catch (error) {
      if (error instanceof ListScopeError) throw new AccessDeniedError(error.message);
      throw error;
    }
    const reason = request.reason ?? '';
    // The entry's shape is checked by the table's rules before anything reaches the ledger.
    const entryId = listEntryId(request.list, request.kind, request.value, user.department);
    await this.#mirror(await this.#submit(() => this.#ledger.actingFor(user).proposeListEntry(user.department, {
      entryId, list: request.list, kind: request.kind, value: request.value, typologies: scope.typologies,
      reasonHash: sha256(reason), requiredApprovals: scope.requiredApprovals,
    }), () => checkShape(request)), reason, user);
    return this.#entry(entryId);
  }

  /** The user's department approves an entry that needs its approval. */
  async approve(user: UserSession, entryId: string): Promise<ListEntry> {
    if (user.role !== 'reviewer') throw new AccessDeniedError(`role ${user.role} may not approve list entries`);
    const current = await this.#entry(entryId);
    await this.#mirror(await this.#submit(() => this.#ledger.actingFor(user).approveListEntry(user.department, entryId)), current.reason, user);
    return this.#entry(entryId);
  }

  /** The owner, or a department whose approval the entry needs, withdraws it. */
  async withdraw(user: UserSession, entryId: string): Promise<ListEntryRecord> {
    mayChange(user);
    const current = await this.#entry(entryId);
    const record = await this.#submit(() => this.#ledger.actingFor(user).withdrawListEntry(user.department, entryId));
    await this.#mirror(record, current.reason, user);
    return record;
  }

  /** The id of the user's department's entry for a value (what `DELETE /lists` with a body names). */
  entryIdOf(user: UserSession, list: ListName, kind: ListEntryKind, value: string): string {
    return listEntryId(list, kind, value, user.department);
  }

  async #entry(entryId: string): Promise<ListEntry> {
    const entry = (await listEntries(this.#client)).find((e) => e.entryId === entryId);
    if (!entry) throw new NotFoundError(`list entry ${entryId}`);
    return entry;
  }

  async #submit(call: () => Promise<{ result: ListEntryRecord }>, precheck?: () => void): Promise<ListEntryRecord> {
    precheck?.();
    try {
      return (await call()).result;
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'ACCESS_DENIED') throw new AccessDeniedError(error.message);
      if (error instanceof LedgerError && error.code === 'NOT_FOUND') throw new NotFoundError(error.message);
      if (error instanceof LedgerError) throw new LedgerRefusalError(error.message, error);
      throw error;
    }
  }

  async #mirror(record: ListEntryRecord, reason: string, user: UserSession): Promise<void> {
    await mirrorDepartmentEntry(this.#client, {
      entryId: record.entryId, list: record.list, kind: record.kind, value: record.value, typologies: record.typologies,
      owner: record.owner, state: record.state, reason, changedBy: `${user.department}/${user.username}`, ledgerRecord: record,
    });
  }
}

function mayChange(user: UserSession): void {
  if (user.role !== 'reviewer' && user.role !== 'admin') throw new AccessDeniedError(`role ${user.role} may not change the lists`);
}

/** The table's rules (allow list holds accounts, country codes), as a 400 naming the field. */
function checkShape(request: Readonly<ListEntryRequest>): void {
  if (request.list === 'allow' && request.kind !== 'account') throw new InvalidInputError('kind', 'the allow list holds accounts only');
  if (request.kind === 'jurisdiction' && !/^[A-Z]{2}$/.test(request.value)) throw new InvalidInputError('value', 'must be an ISO 3166-1 alpha-2 code');
  if (request.kind === 'account' && !/^[A-Za-z0-9_]{1,128}$/.test(request.value)) throw new InvalidInputError('value', 'must be an account pseudonym');
}

function isRecord(value: unknown): value is ListEntryRecord {
  return typeof value === 'object' && value !== null && Array.isArray((value as ListEntryRecord).requiredApprovals) && Array.isArray((value as ListEntryRecord).approvals);
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** One ledger key per department, list and value: two departments' entries never overwrite each other. */
export function listEntryId(list: ListName, kind: ListEntryKind, value: string, department: string): string {
  return `L-${sha256(`${list}|${kind}|${value}|${department}`).slice(0, 32)}`;
}
