import type { LedgerEvent, LedgerEventListener } from '../ledger.js';

/** Called when a listener throws or rejects; delivery to it and to others carries on. */
export type ListenerErrorHandler = (error: unknown, event: LedgerEvent) => void;

/**
 * Delivers chaincode events to subscribers, each event exactly once and in block order:
 * each subscription keeps its own cursor (the next block to deliver) and awaits its
 * listener before moving on, so a replay and live blocks never interleave or repeat.
 */
export class EventHub {
  /** Index = block number; `undefined` for blocks without an event (genesis, no-op transactions). */
  readonly #events: (LedgerEvent | undefined)[];
  readonly #subscriptions = new Set<Subscription>();
  readonly #onError: ListenerErrorHandler;

  constructor(events: (LedgerEvent | undefined)[], onError: ListenerErrorHandler) {
    this.#events = events;
    this.#onError = onError;
  }

  /** Records block `blockNumber` (the next one) and wakes every subscription. */
  publish(event: LedgerEvent | undefined): void {
    this.#events.push(event);
    for (const subscription of this.#subscriptions) void subscription.pump();
  }

  /** Events of blocks after `afterBlock`; without it, of blocks committed from now on. */
  subscribe(listener: LedgerEventListener, afterBlock?: number): () => void {
    const start = afterBlock === undefined ? this.#events.length : Math.max(0, Math.floor(afterBlock) + 1);
    const subscription = new Subscription(this.#events, listener, start, this.#onError);
    this.#subscriptions.add(subscription);
    void subscription.pump();
    return () => {
      subscription.closed = true;
      this.#subscriptions.delete(subscription);
    };
  }

  close(): void {
    for (const subscription of this.#subscriptions) subscription.closed = true;
    this.#subscriptions.clear();
  }
}

class Subscription {
  closed = false;
  readonly #events: readonly (LedgerEvent | undefined)[];
  readonly #listener: LedgerEventListener;
  readonly #onError: ListenerErrorHandler;
  #cursor: number;
  #pumping = false;

  constructor(events: readonly (LedgerEvent | undefined)[], listener: LedgerEventListener, start: number, onError: ListenerErrorHandler) {
    this.#events = events;
    this.#listener = listener;
    this.#cursor = start;
    this.#onError = onError;
  }

  /** Delivers every pending event; a second call while one runs is absorbed by its loop. */
  async pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (!this.closed && this.#cursor < this.#events.length) {
        const event = this.#events[this.#cursor++];
        if (event !== undefined) await this.#deliver(event);
      }
    } finally {
      this.#pumping = false;
    }
  }

  async #deliver(event: LedgerEvent): Promise<void> {
    try {
      await this.#listener(event);
    } catch (error) {
      this.#onError(error, event);
    }
  }
}
