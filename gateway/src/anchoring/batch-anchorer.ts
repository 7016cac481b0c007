import type { Department } from '../../../core/src/domain/departments.js';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import type { BatchStore } from '../../../core/src/storage/batch-store.js';
import type { TransactionStore } from '../../../core/src/storage/transaction-store.js';
import { TransactionRefusedError } from '../../../core/src/ledger/ledger-errors.js';
import { MerkleTree } from './merkle-tree.js';
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

  constructor(options: Readonly<BatchAnchorerOptions>) {
    this.#o = options;
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
      const after = await this.#o.batches.anchoredUpToSeq();
      const rows = await this.#o.records.leavesBySeq(after, this.#o.maxBatchSize);
      if (rows.length === 0) return anchored;
      const first = rows[0]!;
      const last = rows[rows.length - 1]!;
      const tree = new MerkleTree(rows.map((r) => r.recordHash));
      const batchId = batchIdOf(this.#o.partition, first.seq, last.seq);
      let minMs = first.tsMs;
      let maxMs = first.tsMs;
      for (const r of rows) { if (r.tsMs < minMs) minMs = r.tsMs; if (r.tsMs > maxMs) maxMs = r.tsMs; }
      const times = [new Date(minMs).toISOString(), new Date(maxMs).toISOString()];
      await this.#o.batches.saveMembers(rows.map((r, leafIndex) => ({
        batchId, leafIndex, institution: r.institution, txId: r.txId, seq: r.seq, recordHash: r.recordHash,
      })));
      let committed;
      try {
        committed = await this.#o.ledger.anchorBatch(this.#o.submitter, {
          batchId, merkleRoot: tree.root, count: rows.length, firstTs: times[0]!, lastTs: times[times.length - 1]!,
        });
      } catch (error) {
        if (!(error instanceof TransactionRefusedError)) throw error;
        this.#halt = { batchId, code: error.code, reason: error.message, since: (this.#o.clock ?? (() => new Date()))().toISOString() };
        this.#o.onHalted?.(this.#halt);
        throw new AnchoringHaltedError(this.#halt);
      }
      await this.#o.batches.saveBatch({
        batchId, merkleRoot: tree.root, count: rows.length, firstTs: times[0]!, lastTs: times[times.length - 1]!,
        maxSeq: last.seq, ledgerTxId: committed.txId, blockNumber: committed.blockNumber,
      }, (this.#o.clock ?? (() => new Date()))());
      anchored++;
      this.#o.onAnchored?.({ batchId, count: rows.length, maxSeq: last.seq, blockNumber: committed.blockNumber });
    }
  }
}
