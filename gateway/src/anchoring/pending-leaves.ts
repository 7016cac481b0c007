import type { CommittedRows } from '../ingest/ingestion-service.js';

/** The next batch to anchor: its leaves in seq order. */
export interface LeafRun {
  seqs: number[];
  tsMs: number[];
  /** Record hashes (64 hex characters each), concatenated in leaf order. */
  hashes: string;
  /** Their Merkle leaf hashes (32 bytes each), when the preparation computed them. */
  leafHashes?: Uint8Array;
  institutions: string[];
  txIds: string[];
}

/** What one committed chunk keeps for anchoring: no record text, only the leaves' fields. */
interface Committed {
  seq: Float64Array;
  tsMs: Float64Array;
  hashes: string;
  leafHashes: Uint8Array;
  institutions: string;
  txIds: string;
  keep: Uint8Array | undefined;
  /** Split lazily, once. */
  keys?: { institutions: string[]; txIds: string[] };
}

/**
 * The records committed since this process started, waiting to be anchored: the anchorer
 * takes its batches from here instead of reading the rows back from the engine. Memory is
 * bounded: past `maxLeaves` waiting (the ledger is slow or down) it forgets them all and
 * starts again from the next commit, and the anchorer reads what it forgot from the table.
 */
export class PendingLeaves {
  readonly #maxLeaves: number;
  #chunks: Committed[] = [];
  #count = 0;
  /** Every record with seq > this (and ≤ the last commit) is here; undefined before the first commit. */
  #completeAfter: number | undefined;

  constructor(maxLeaves: number) {
    this.#maxLeaves = maxLeaves;
  }

  /** Records a commit: `afterSeq` is the stored seq before it. */
  add(rows: CommittedRows, afterSeq: number): void {
    if (this.#count + rows.count > this.#maxLeaves) this.clear();
    this.#completeAfter ??= afterSeq;
    for (const { chunk, keep } of rows.chunks) {
      this.#chunks.push({
        seq: chunk.rowSeq, tsMs: chunk.rowTsMs, hashes: chunk.hashes, leafHashes: chunk.leafHashes, institutions: chunk.institutions, txIds: chunk.txIds, keep,
      });
    }
    this.#count += rows.count;
  }

  /** Forgets everything; memory is complete again only from the next commit on. */
  clear(): void {
    this.#chunks = [];
    this.#count = 0;
    this.#completeAfter = undefined;
  }

  /** Whether the records after `anchoredSeq` can all be taken from memory. */
  covers(anchoredSeq: number): boolean {
    return this.#completeAfter !== undefined && anchoredSeq >= this.#completeAfter;
  }

  /** The next at most `max` leaves after `anchoredSeq`, in seq order (call only when `covers`). */
  take(anchoredSeq: number, max: number): LeafRun {
    const run: LeafRun = { seqs: [], tsMs: [], hashes: '', institutions: [], txIds: [] };
    const hashes: string[] = [];
    const leaves = new Uint8Array(Math.min(max, this.#count) * 32);
    for (const c of this.#chunks) {
      if (run.seqs.length >= max) break;
      const n = c.seq.length;
      if (n === 0 || c.seq[n - 1]! <= anchoredSeq) continue;
      c.keys ??= { institutions: c.institutions.split('\n'), txIds: c.txIds.split('\n') };
      for (let r = 0; r < n && run.seqs.length < max; r++) {
        if ((c.keep && !c.keep[r]) || c.seq[r]! <= anchoredSeq) continue;
        run.seqs.push(c.seq[r]!);
        run.tsMs.push(c.tsMs[r]!);
        leaves.set(c.leafHashes.subarray(r * 32, r * 32 + 32), hashes.length * 32);
        hashes.push(c.hashes.slice(r * 64, r * 64 + 64));
        run.institutions.push(c.keys.institutions[r]!);
        run.txIds.push(c.keys.txIds[r]!);
      }
    }
    run.hashes = hashes.join('');
    run.leafHashes = leaves.subarray(0, hashes.length * 32);
    return run;
  }

  /** Drops what is anchored (seq ≤ `anchoredSeq`). */
  release(anchoredSeq: number): void {
    let dropped = 0;
    while (this.#chunks.length > 0) {
      const c = this.#chunks[0]!;
      const n = c.seq.length;
      if (n > 0 && c.seq[n - 1]! > anchoredSeq) break;
      for (let r = 0; r < n; r++) if (!c.keep || c.keep[r]) dropped++;
      this.#chunks.shift();
    }
    this.#count -= dropped;
    if (this.#completeAfter !== undefined && anchoredSeq > this.#completeAfter) this.#completeAfter = anchoredSeq;
  }
}
