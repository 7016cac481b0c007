import type { TransactionBlock } from './block.js';

/** One committed change of a key, as `getHistoryForKey` reports it. */
export interface KeyVersion {
  txId: string;
  /** The transaction's (proposal's) timestamp. */
  timestamp: Date;
  isDelete: boolean;
  value: Uint8Array;
}

/**
 * The world state and per-key history, materialised from the write sets of the
 * committed blocks. The block log is the durable record (as a Fabric peer can rebuild
 * its state and history databases from its blocks); this is its index in memory.
 */
export class WorldStateStore {
  readonly #state = new Map<string, Uint8Array>();
  readonly #history = new Map<string, KeyVersion[]>();

  /** Applies a committed block's write set. */
  apply(block: TransactionBlock): void {
    const { txId, proposal, writes } = block.transaction;
    const timestamp = new Date(proposal.timestamp);
    for (const write of writes) {
      const value = write.value === null ? new Uint8Array() : new Uint8Array(Buffer.from(write.value, 'base64'));
      if (write.value === null) this.#state.delete(write.key);
      else this.#state.set(write.key, value);
      const versions = this.#history.get(write.key) ?? [];
      versions.push({ txId, timestamp, isDelete: write.value === null, value });
      this.#history.set(write.key, versions);
    }
  }

  /** The committed value of `key`; empty when absent, as Fabric's `getState` answers. */
  get(key: string): Uint8Array {
    return this.#state.get(key) ?? new Uint8Array();
  }

  /** Keys in `[startKey, endKey)` (an empty bound is open), in key order, with values. */
  range(startKey: string, endKey: string): [string, Uint8Array][] {
    return [...this.#state.entries()]
      .filter(([key]) => key >= startKey && (endKey === '' || key < endKey))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The key's committed versions, newest first (Fabric 2.x order). */
  history(key: string): KeyVersion[] {
    return [...(this.#history.get(key) ?? [])].reverse();
  }
}
