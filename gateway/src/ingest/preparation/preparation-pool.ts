import { Worker } from 'node:worker_threads';
import { Pseudonymizer } from '../pseudonymizer.js';
import { BodyNotJsonError, prepareChunk, type ChunkInput } from './record-preparation.js';
import type { PreparedChunk } from './prepared-chunk.js';

export interface PreparationPoolOptions {
  /** Pseudonymization key (handed to each worker once). */
  key: Buffer;
  /** Worker threads; 0 prepares on the calling thread (the CLI, small tools). */
  workers: number;
}

interface Pending { resolve: (chunk: PreparedChunk) => void; reject: (error: Error) => void }

interface Slot { worker: Worker; busy: number; pending: Map<number, Pending>; dead: boolean }

/**
 * Prepares chunks of submissions (parse, validate, pseudonymize, hash, encode) on worker
 * threads, so that the event loop only receives bodies and commits. A chunk goes to the
 * worker with the fewest chunks in hand. A worker that dies fails its chunks (their
 * requests are answered with an error, nothing of them was stored) and is replaced.
 */
export class PreparationPool {
  readonly #key: Buffer;
  readonly #slots: Slot[] = [];
  readonly #inline: Pseudonymizer | undefined;
  #nextId = 1;
  #closed = false;

  constructor(options: Readonly<PreparationPoolOptions>) {
    this.#key = options.key;
    if (options.workers <= 0) this.#inline = new Pseudonymizer({ key: options.key });
    for (let i = 0; i < options.workers; i++) this.#slots.push(this.#spawn());
  }

  get workers(): number { return this.#slots.length; }

  prepare(input: ChunkInput): Promise<PreparedChunk> {
    if (this.#closed) return Promise.reject(new Error('the preparation pool is closed'));
    if (this.#inline) {
      try {
        return Promise.resolve(prepareChunk(input, this.#inline));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    let slot = this.#slots[0]!;
    for (const s of this.#slots) if (s.busy < slot.busy) slot = s;
    const id = this.#nextId++;
    slot.busy++;
    return new Promise<PreparedChunk>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, input });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
      workerData: { entry: new URL('./preparation-worker.ts', import.meta.url).href, key: new Uint8Array(this.#key) },
    });
    worker.unref();
    const slot: Slot = { worker, busy: 0, pending: new Map(), dead: false };
    worker.on('message', (message: { id: number; chunk?: PreparedChunk; error?: { name: string; message: string; detail?: string } }) => {
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      slot.pending.delete(message.id);
      slot.busy--;
      if (message.chunk) pending.resolve(message.chunk);
      else pending.reject(message.error?.detail !== undefined ? new BodyNotJsonError(message.error.detail) : new Error(message.error?.message));
    });
    const fail = (error: Error): void => {
      if (slot.dead) return;
      slot.dead = true;
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
      slot.busy = 0;
      const index = this.#slots.indexOf(slot);
      if (index >= 0 && !this.#closed) this.#slots[index] = this.#spawn();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => { if (!this.#closed) fail(new Error(`preparation worker exited (${code})`)); });
    return slot;
  }
}
