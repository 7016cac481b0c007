import type { Context } from 'fabric-contract-api';
import { canonicalBytes, canonicalJson } from './canonical-json.js';
import { ContractError } from './contract-error.js';
import { ledgerKey, type KeyType } from './ledger-keys.js';
import type { ContractEventName } from './contract-events.js';

/**
 * The contract's only path to the world state: reads are parsed from bytes and
 * validated by `read`; writes are canonical JSON and carry exactly one event.
 */

/** The record `id` of family `type`, or `undefined` if the key holds nothing. */
export async function readRecord<T>(ctx: Context, type: KeyType, id: string, read: (value: unknown) => T): Promise<T | undefined> {
  const bytes = await ctx.stub.getState(ledgerKey(ctx.stub, type, id));
  if (bytes === undefined || bytes.length === 0) return undefined;
  return parseStored(bytes, `${type} ${id}`, read);
}

/** Like {@link readRecord}, but a missing record is a `NOT_FOUND` refusal. */
export async function requireRecord<T>(ctx: Context, type: KeyType, id: string, read: (value: unknown) => T): Promise<T> {
  const record = await readRecord(ctx, type, id, read);
  if (record === undefined) throw new ContractError('NOT_FOUND', `no ${type.replace('suptech.', '')} ${id} on the ledger`);
  return record;
}

/** Parses stored bytes; a value that does not validate is corrupt state, not bad input. */
export function parseStored<T>(bytes: Uint8Array, what: string, read: (value: unknown) => T): T {
  try {
    return read(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (error) {
    throw new ContractError('CORRUPT_STATE', `${what} does not hold a valid record: ${(error as Error).message}`);
  }
}

/** Writes `record` and emits `event` with it as payload; returns its canonical JSON. */
export async function writeRecord(ctx: Context, type: KeyType, id: string, record: object, event: ContractEventName): Promise<string> {
  const bytes = canonicalBytes(record);
  await ctx.stub.putState(ledgerKey(ctx.stub, type, id), bytes);
  ctx.stub.setEvent(event, bytes);
  return canonicalJson(record);
}

/** The transaction's timestamp: the only clock a deterministic contract may read. */
export function txTime(ctx: Context): Date {
  return ctx.stub.getDateTimestamp();
}
