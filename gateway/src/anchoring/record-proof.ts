import type { Department } from '../../../core/src/domain/departments.js';
import { NotFoundError, RecordDeletedError } from '../../../core/src/errors.js';
import { recordHash } from '../ingest/record-hash.js';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import type { BatchStore } from '../../../core/src/storage/batch-store.js';
import type { TransactionStore } from '../../../core/src/storage/transaction-store.js';
import { MerkleTree, rootFromProof, type ProofStep } from './merkle-tree.js';

/** Inclusion proof of one stored record, and what was checked against the ledger. */
export interface RecordProof {
  institution: string;
  txId: string;
  /** SHA-256 of the record as it is stored now, recomputed. */
  recordHash: string;
  anchored: boolean;
  batchId?: string;
  leafIndex?: number;
  proof?: ProofStep[];
  merkleRoot?: string;
  ledger?: { batchId: string; merkleRoot: string; txId: string; blockNumber: number; submittedBy?: string };
  checks: { recordUnchanged: boolean; proofLeadsToRoot: boolean; rootOnLedger: boolean };
  verified: boolean;
}

/**
 * Checks a stored record against the Merkle root anchored on the ledger: the record's hash
 * is recomputed from the stored row (so an edit in storage shows), walked up the proof, and
 * the root compared with the one the contract holds for the batch.
 */
export class RecordProofService {
  readonly #o: Readonly<{ records: TransactionStore; batches: BatchStore; ledger: SupervisionLedger; reader: Department }>;

  constructor(options: Readonly<{ records: TransactionStore; batches: BatchStore; ledger: SupervisionLedger; reader: Department }>) {
    this.#o = options;
  }

  async prove(institution: string, txId: string): Promise<RecordProof> {
    const row = await this.#o.records.get(institution, txId);
    if (!row) {
      // Gone from storage: an anchored batch that lists it tells a deletion from a record never received.
      const member = await this.#o.batches.memberOf(institution, txId);
      if (member) throw new RecordDeletedError(`record ${institution}/${txId}`, { batchId: member.batchId, leafIndex: member.leafIndex, recordHash: member.recordHash });
      throw new NotFoundError(`record ${institution}/${txId} (never received: no stored record and no anchored batch lists it)`);
    }
    const { seq: _seq, recordHash: _stored, ...record } = row;
    const hash = recordHash(record);
    const member = await this.#o.batches.memberOf(institution, txId);
    const notAnchored: RecordProof = {
      institution, txId, recordHash: hash, anchored: false,
      checks: { recordUnchanged: false, proofLeadsToRoot: false, rootOnLedger: false }, verified: false,
    };
    if (!member) return notAnchored;
    const leaves = await this.#o.batches.leaves(member.batchId);
    const tree = new MerkleTree(leaves);
    const proof = tree.proof(member.leafIndex);
    const stored = await this.#o.batches.batch(member.batchId);
    const onLedger = await this.#o.ledger.getBatch(this.#o.reader, member.batchId);
    const rootFromRecord = rootFromProof(hash, proof);
    const checks = {
      recordUnchanged: leaves[member.leafIndex] === hash,
      proofLeadsToRoot: rootFromRecord === tree.root,
      rootOnLedger: onLedger !== undefined && onLedger.merkleRoot === rootFromRecord,
    };
    return {
      institution, txId, recordHash: hash, anchored: true, batchId: member.batchId, leafIndex: member.leafIndex,
      proof, merkleRoot: tree.root,
      ledger: onLedger && {
        batchId: onLedger.batchId, merkleRoot: onLedger.merkleRoot, txId: stored?.ledgerTxId ?? '',
        blockNumber: stored?.blockNumber ?? 0, submittedBy: onLedger.submittedBy,
      },
      checks, verified: checks.recordUnchanged && checks.proofLeadsToRoot && checks.rootOnLedger,
    };
  }
}
