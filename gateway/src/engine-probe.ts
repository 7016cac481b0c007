/**
 * The engines' liveness, probed in the background and read from memory. `/api/v1/health`
 * must answer promptly even while the embedded engine is busy with a large insert (it runs
 * one statement at a time, so a health query waits its turn): health asks for a probe that
 * starts after the request arrived, waits for it a bounded time, and otherwise answers the
 * latest reading with its age. An engine whose last good probe is too old counts as down.
 */
export interface ProbeReading<T> {
  ok: boolean;
  value?: T;
  /** When the last probe succeeded (ISO-8601), if ever. */
  checkedAt?: string;
}

export class EngineProbe<T> {
  readonly #probe: () => Promise<T>;
  readonly #staleMs: number;
  readonly #timer: NodeJS.Timeout;
  #value: T | undefined;
  #okAt = 0;
  #running: Promise<void> | undefined;
  #queued: Promise<void> | undefined;

  constructor(options: Readonly<{ probe: () => Promise<T>; intervalMs?: number; staleMs?: number }>) {
    this.#probe = options.probe;
    this.#staleMs = options.staleMs ?? 5_000;
    this.#timer = setInterval(() => { if (!this.#running) void this.refresh(); }, options.intervalMs ?? 1_000);
    this.#timer.unref();
  }

  /**
   * A probe that starts no earlier than now: the running one is not reused, since it may
   * predate what the caller has just written. Callers arriving meanwhile share one queued probe.
   */
  refresh(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#probeOnce().finally(() => { this.#running = undefined; });
      return this.#running;
    }
    this.#queued ??= this.#running.then(() => { this.#queued = undefined; return this.refresh(); });
    return this.#queued;
  }

  /** The reading after a fresh probe, or after `timeoutMs` the latest one, whichever comes first. */
  async fresh(timeoutMs: number): Promise<ProbeReading<T>> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.refresh(), new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs); })]);
    clearTimeout(timer);
    return this.reading();
  }

  async #probeOnce(): Promise<void> {
    try {
      this.#value = await this.#probe();
      this.#okAt = Date.now();
    } catch {
      // The last good reading is kept; its age makes the engine count as down.
    }
  }

  reading(): ProbeReading<T> {
    const ok = this.#okAt > 0 && Date.now() - this.#okAt <= this.#staleMs;
    return {
      ok, ...(this.#value === undefined ? {} : { value: this.#value }),
      ...(this.#okAt > 0 ? { checkedAt: new Date(this.#okAt).toISOString() } : {}),
    };
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
