import type { Department } from '../domain/departments.js';
import type { SupervisionLedger } from '../ledger/supervision-ledger.js';
import type { BatchStore } from '../storage/batch-store.js';
import type { TransactionStore } from '../storage/transaction-store.js';
import { MerkleTree } from './merkle-tree.js';

export interface BatchAnchorerOptions {
  records: TransactionStore;
  batches: BatchStore;
  ledger: SupervisionLedger;
  /** Department whose identity submits the anchors. */
  submitter: Department;
  maxBatchSize: number;
  clock?: () => Date;
  onAnchored?: (batch: { batchId: string; count: number; maxSeq: number; blockNumber: number }) => void;
}

/**
 * Anchors stored records on the ledger in Merkle batches, in seq order. A batch is the
 * next run of up to `maxBatchSize` unanchored records; its id is derived from its seq
 * range, so after a crash the same records form the same batch again and the contract's
 * idempotent `anchorBatch` makes the retry harmless. Members are written before the
 * ledger call and the batch row after it; the batch row is the commit point.
 */
export class BatchAnchorer {
  readonly #o: Readonly<BatchAnchorerOptions>;
  #running: Promise<number> | undefined;

  constructor(options: Readonly<BatchAnchorerOptions>) {
    this.#o = options;
  }

  /** Anchors everything stored so far; concurrent calls share one run. Returns batches anchored. */
  anchorPending(): Promise<number> {
    this.#running ??= this.#drain().finally(() => { this.#running = undefined; });
    return this.#running;
  }

  async #drain(): Promise<number> {
    let anchored = 0;
    for (;;) {
      const after = await this.#o.batches.anchoredUpToSeq();
      const rows = await this.#o.records.leavesBySeq(after, this.#o.maxBatchSize);
      if (rows.length === 0) return anchored;
      const first = rows[0]!;
      const last = rows[rows.length - 1]!;
      const tree = new MerkleTree(rows.map((r) => r.recordHash));
      const batchId = `B-${String(first.seq).padStart(12, '0')}-${String(last.seq).padStart(12, '0')}`;
      let minMs = first.tsMs;
      let maxMs = first.tsMs;
      for (const r of rows) { if (r.tsMs < minMs) minMs = r.tsMs; if (r.tsMs > maxMs) maxMs = r.tsMs; }
      const times = [new Date(minMs).toISOString(), new Date(maxMs).toISOString()];
      await this.#o.batches.saveMembers(rows.map((r, leafIndex) => ({
        batchId, leafIndex, institution: r.institution, txId: r.txId, seq: r.seq, recordHash: r.recordHash,
      })));
      const committed = await this.#o.ledger.anchorBatch(this.#o.submitter, {
        batchId, merkleRoot: tree.root, count: rows.length, firstTs: times[0]!, lastTs: times[times.length - 1]!,
      });
      await this.#o.batches.saveBatch({
        batchId, merkleRoot: tree.root, count: rows.length, firstTs: times[0]!, lastTs: times[times.length - 1]!,
        maxSeq: last.seq, ledgerTxId: committed.txId, blockNumber: committed.blockNumber,
      }, (this.#o.clock ?? (() => new Date()))());
      anchored++;
      this.#o.onAnchored?.({ batchId, count: rows.length, maxSeq: last.seq, blockNumber: committed.blockNumber });
    }
  }
}
