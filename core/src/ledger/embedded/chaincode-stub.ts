import type { Proposal, StateWrite, BlockEvent } from './block.js';
import type { WorldStateStore } from './world-state-store.js';

/**
 * The part of Fabric's `ChaincodeStub` and `ClientIdentity` the supervision contract
 * uses, backed by the embedded world state. Semantics follow Fabric: reads see committed
 * state only (never the transaction's own writes), writes are buffered into a write set
 * that is committed or discarded as a whole, and one event per transaction (the last set).
 */

const COMPOSITE_KEY_NAMESPACE = '\u0000';
const MAX_UNICODE_RUNE = '\u{10FFFF}';

interface KV { namespace: string; key: string; value: Uint8Array }
interface KeyModification { isDelete: boolean; value: Uint8Array; timestamp: { seconds: number; nanos: number }; txId: string }

/** Fabric's query results: awaitable as an iterator, or usable directly with `for await`. */
type QueryResult<T> = Promise<{ next(): Promise<{ value: T; done: boolean }>; close(): Promise<void> }> & AsyncIterable<T>;

function queryResult<T>(items: readonly T[]): QueryResult<T> {
  let index = 0;
  const iterator = {
    next: () => Promise.resolve(index < items.length ? { value: items[index++] as T, done: false } : { value: undefined as T, done: true }),
    close: () => Promise.resolve(),
  };
  return Object.assign(Promise.resolve(iterator), {
    async *[Symbol.asyncIterator](): AsyncGenerator<T> {
      yield* items;
    },
  });
}

function requireKeyPart(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new Error(`${what} must be a non-zero length string`);
  if (value.includes(COMPOSITE_KEY_NAMESPACE) || value.includes(MAX_UNICODE_RUNE)) throw new Error(`${what} contains a reserved character`);
  return value;
}

function requireKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw new Error('key must be a non-zero length string');
  return key;
}

/** One transaction's view of the world state (Fabric's `ChaincodeStub`). */
export class EmbeddedChaincodeStub {
  readonly #state: WorldStateStore;
  readonly #proposal: Proposal;
  readonly #txId: string;
  readonly #writes = new Map<string, Uint8Array | null>();
  #event: BlockEvent | undefined;

  constructor(state: WorldStateStore, proposal: Proposal, txId: string) {
    this.#state = state;
    this.#proposal = proposal;
    this.#txId = txId;
  }

  getTxID(): string { return this.#txId; }
  getChannelID(): string { return this.#proposal.channel; }
  getMspID(): string { return this.#proposal.mspId; }
  getArgs(): string[] { return [this.#proposal.fn, ...this.#proposal.args]; }
  getStringArgs(): string[] { return this.getArgs(); }
  getFunctionAndParameters(): { fcn: string; params: string[] } { return { fcn: this.#proposal.fn, params: [...this.#proposal.args] }; }
  getDateTimestamp(): Date { return new Date(this.#proposal.timestamp); }

  /** Protobuf-style timestamp; `seconds` is a plain number here (a Long on some shim builds). */
  getTxTimestamp(): { seconds: number; nanos: number } {
    const ms = Date.parse(this.#proposal.timestamp);
    return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
  }

  getState(key: string): Promise<Uint8Array> {
    return Promise.resolve(this.#state.get(requireKey(key)));
  }

  putState(key: string, value: Uint8Array): Promise<void> {
    this.#writes.set(requireKey(key), new Uint8Array(value));
    return Promise.resolve();
  }

  deleteState(key: string): Promise<void> {
    this.#writes.set(requireKey(key), null);
    return Promise.resolve();
  }

  /** Simple keys in `[startKey, endKey)`; like Fabric, composite keys are not part of range queries. */
  getStateByRange(startKey: string, endKey: string): QueryResult<KV> {
    const rows = this.#state.range(startKey === '' ? '\u0001' : startKey, endKey)
      .filter(([key]) => !key.startsWith(COMPOSITE_KEY_NAMESPACE));
    return queryResult(rows.map(([key, value]) => ({ namespace: '', key, value })));
  }

  getStateByPartialCompositeKey(objectType: string, attributes: string[]): QueryResult<KV> {
    const start = this.createCompositeKey(objectType, attributes);
    const rows = this.#state.range(start, `${start}${MAX_UNICODE_RUNE}`);
    return queryResult(rows.map(([key, value]) => ({ namespace: '', key, value })));
  }

  /** Committed versions of `key`, newest first, as Fabric 2.x returns them. */
  getHistoryForKey(key: string): QueryResult<KeyModification> {
    return queryResult(this.#state.history(requireKey(key)).map((version) => {
      const ms = version.timestamp.getTime();
      return {
        isDelete: version.isDelete, value: version.value, txId: version.txId,
        timestamp: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 },
      };
    }));
  }

  setEvent(name: string, payload: Uint8Array): void {
    this.#event = { name: requireKeyPart(name, 'event name'), payload: Buffer.from(payload).toString('base64') };
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    const parts = [requireKeyPart(objectType, 'object type'), ...attributes.map((a) => requireKeyPart(a, 'attribute'))];
    return `${COMPOSITE_KEY_NAMESPACE}${parts.join(COMPOSITE_KEY_NAMESPACE)}${COMPOSITE_KEY_NAMESPACE}`;
  }

  splitCompositeKey(compositeKey: string): { objectType: string | null; attributes: string[] } {
    const parts = compositeKey.split(COMPOSITE_KEY_NAMESPACE).slice(1, -1);
    return { objectType: parts[0] ?? null, attributes: parts.slice(1) };
  }

  /** The write set, sorted by key as Fabric's read-write sets are. */
  writeSet(): StateWrite[] {
    return [...this.#writes.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => ({ key, value: value === null ? null : Buffer.from(value).toString('base64') }));
  }

  get event(): BlockEvent | undefined {
    return this.#event;
  }
}

/** The caller as `ctx.clientIdentity` presents it: MSP id, an id string and certificate attributes. */
export class EmbeddedClientIdentity {
  readonly #proposal: Proposal;
  readonly #id: string;

  constructor(proposal: Proposal, publicKeyFingerprint: string) {
    this.#proposal = proposal;
    const user = proposal.attributes['suptech.user'] ?? proposal.department;
    this.#id = `x509::/OU=client/CN=${user}::/O=${proposal.mspId}/CN=embedded-${publicKeyFingerprint.slice(0, 16)}`;
  }

  getMSPID(): string { return this.#proposal.mspId; }
  getID(): string { return this.#id; }
  getIDBytes(): Uint8Array { return new TextEncoder().encode(this.#id); }
  getAttributeValue(name: string): string | null { return this.#proposal.attributes[name] ?? null; }
  assertAttributeValue(name: string, value: string): boolean { return this.getAttributeValue(name) === value; }
}
