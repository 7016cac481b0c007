import type { Department } from '../../../core/src/domain/departments.js';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import type { BatchStore } from '../../../core/src/storage/batch-store.js';
import type { TransactionStore } from '../../../core/src/storage/transaction-store.js';
import { TransactionRefusedError } from '../../../core/src/ledger/ledger-errors.js';
import { MerkleTree } from './merkle-tree.js';
import { PendingLeaves, type LeafRun } from './pending-leaves.js';
import type { CommittedRows } from '../ingest/ingestion-service.js';
import { batchIdOf } from './partition.js';

/** Why anchoring stopped: the contract refused a batch, and retrying it gets the same answer. */
export interface AnchoringHalt { batchId: string; code: string; reason: string; since: string }

/** Raised by `anchorPending` once anchoring has halted; it stays halted until the process restarts. */
export class AnchoringHaltedError extends Error {
  readonly halt: AnchoringHalt;
  constructor(halt: AnchoringHalt) {
    super(`anchoring halted at batch ${halt.batchId}: ${halt.reason}`);
    this.name = 'AnchoringHaltedError';
    this.halt = halt;
  }
}

export interface BatchAnchorerOptions {
  records: TransactionStore;
  batches: BatchStore;
  ledger: SupervisionLedger;
  /** Department whose identity submits the anchors. */
  submitter: Department;
  maxBatchSize: number;
  /** Qualifies batch ids (`B-<partition>-<first seq>-<last seq>`). */
  partition: string;
  /** Called once when a refusal halts anchoring (log it, alert on it). */
  onHalted?: (halt: AnchoringHalt) => void;
  clock?: () => Date;
  onAnchored?: (batch: { batchId: string; count: number; maxSeq: number; blockNumber: number }) => void;
  /** Most committed records held in memory for anchoring (beyond, they are read back from the table). */
  maxPendingLeaves?: number;
}

/**
 * Anchors stored records on the ledger in Merkle batches, in seq order. A batch is the
 * next run of up to `maxBatchSize` unanchored records; its id is derived from its seq
 * range, so after a crash the same records form the same batch again and the contract's
 * idempotent `anchorBatch` makes the retry harmless. Members are written before the
 * ledger call and the batch row after it; the batch row is the commit point.
 *
 * A refusal by the contract (a `CONFLICT`: the id is anchored with another root, by another
 * gateway on the same partition id or another network's data) cannot be cured by retrying:
 * anchoring halts, `onHalted` is told once, and `anchorPending` rejects from then on.
 */
export class BatchAnchorer {
  readonly #o: Readonly<BatchAnchorerOptions>;
  #running: Promise<number> | undefined;
  #halt: AnchoringHalt | undefined;
  readonly #pending: PendingLeaves;
  #anchoredSeq: number | undefined;

  constructor(options: Readonly<BatchAnchorerOptions>) {
    this.#o = options;
    this.#pending = new PendingLeaves(options.maxPendingLeaves ?? 1_000_000);
  }

  /** Told of each durable insert; its records are anchored from memory. */
  committed(rows: CommittedRows): void {
    this.#pending.add(rows, rows.afterSeq);
  }

  /** Anchors everything stored so far; concurrent calls share one run. Returns batches anchored. */
  anchorPending(): Promise<number> {
    if (this.#halt) return Promise.reject(new AnchoringHaltedError(this.#halt));
    this.#running ??= this.#drain().finally(() => { this.#running = undefined; });
    return this.#running;
  }

  /** Why anchoring halted, if it did. */
  get halted(): AnchoringHalt | undefined { return this.#halt; }

  async #drain(): Promise<number> {
    let anchored = 0;
    for (;;) {
      const after = this.#anchoredSeq ??= await this.#o.batches.anchoredUpToSeq();
      const run: LeafRun & { batchId?: string } = this.#pending.covers(after) ? this.#pending.take(after, this.#o.maxBatchSize) : await this.#readBack(after);
      const count = run.seqs.length;
      if (count === 0) return anchored;
      const firstSeq = run.seqs[0]!;
      const lastSeq = run.seqs[count - 1]!;
      const tree = run.leafHashes ? MerkleTree.fromLeafHashes(run.leafHashes) : MerkleTree.fromConcatenatedHex(run.hashes);
      const batchId = run.batchId ?? batchIdOf(this.#o.partition, firstSeq, lastSeq);
      let minMs = run.tsMs[0]!;
      let maxMs = minMs;
      for (const t of run.tsMs) { if (t < minMs) minMs = t; if (t > maxMs) maxMs = t; }
      const times = [new Date(minMs).toISOString(), new Date(maxMs).toISOString()];
      await this.#o.batches.saveMembersOf(batchId, run);
      let committed;
      try {
        committed = await this.#o.ledger.anchorBatch(this.#o.submitter, {
          batchId, merkleRoot: tree.root, count, firstTs: times[0]!, lastTs: times[1]!,
        });
      } catch (error) {
        if (!(error instanceof TransactionRefusedError)) throw error;
        this.#halt = { batchId, code: error.code, reason: error.message, since: (this.#o.clock ?? (() => new Date()))().toISOString() };
        this.#o.onHalted?.(this.#halt);
        throw new AnchoringHaltedError(this.#halt);
      }
      await this.#o.batches.saveBatch({
        batchId, merkleRoot: tree.root, count, firstTs: times[0]!, lastTs: times[1]!,
        maxSeq: lastSeq, ledgerTxId: committed.txId, blockNumber: committed.blockNumber,
      }, (this.#o.clock ?? (() => new Date()))());
      this.#anchoredSeq = lastSeq;
      this.#pending.release(lastSeq);
      anchored++;
      this.#o.onAnchored?.({ batchId, count, maxSeq: lastSeq, blockNumber: committed.blockNumber });
    }
  }

  /**
   * The next batch read back from the table (after a restart, or once memory overflowed): the
   * batch a crash left unfinished if there is one (the same id and root again), else the next rows.
   */
  async #readBack(after: number): Promise<LeafRun & { batchId?: string }> {
    const unfinished = await this.#o.batches.unfinishedAfter(after);
    if (unfinished) return unfinished;
    const rows = await this.#o.records.leavesBySeq(after, this.#o.maxBatchSize);
    return {
      seqs: rows.map((r) => r.seq), tsMs: rows.map((r) => r.tsMs), hashes: rows.map((r) => r.recordHash).join(''),
      institutions: rows.map((r) => r.institution), txIds: rows.map((r) => r.txId),
    };
  }
}
