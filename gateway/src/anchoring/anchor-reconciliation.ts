import type { Department } from '../../../core/src/domain/departments.js';
import type { Logger } from '../../../core/src/logger.js';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import type { BatchStore, StoredBatch } from '../../../core/src/storage/batch-store.js';
import { MerkleTree } from './merkle-tree.js';

/** The ledger holds another root for one of our batch ids: it is not this data directory's network. */
export class LedgerMismatchError extends Error {
  readonly code = 'LEDGER_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'LedgerMismatchError';
  }
}

export interface ReconciliationResult { batches: number; checked: number; missing: number; reanchored: string[] }

/** The newest batches and an even spread of the older ones. */
function sampleOf(all: readonly StoredBatch[], newest: number, spread: number): StoredBatch[] {
  const picked = new Set<number>();
  for (let i = Math.max(0, all.length - newest); i < all.length; i++) picked.add(i);
  const older = Math.max(0, all.length - newest);
  for (let k = 0; k < Math.min(spread, older); k++) picked.add(Math.floor((k * older) / Math.min(spread, older)));
  return [...picked].sort((a, b) => a - b).map((i) => all[i]!);
}

/**
 * On start: checks the locally anchored batches against the ledger (the newest ones and a sample,
 * all of them once one is missing). A batch the ledger holds with another root means this is
 * another network's ledger (or its anchors were rewritten): {@link LedgerMismatchError}, naming
 * the batch and both roots. Batches the ledger lacks (it was reset) are re-anchored from the
 * stored records, with the same batch ids and roots, after their leaves are checked to still
 * give the stored root.
 */
export async function reconcileAnchors(o: Readonly<{
  batches: BatchStore; ledger: SupervisionLedger; submitter: Department; logger: Logger; newest?: number; spread?: number;
}>): Promise<ReconciliationResult> {
  const all = await o.batches.list();
  if (all.length === 0) return { batches: 0, checked: 0, missing: 0, reanchored: [] };
  const missing: StoredBatch[] = [];
  const checked = new Set<string>();
  const check = async (b: StoredBatch): Promise<void> => {
    checked.add(b.batchId);
    const onLedger = await o.ledger.getBatch(o.submitter, b.batchId);
    if (!onLedger) { missing.push(b); return; }
    if (onLedger.merkleRoot !== b.merkleRoot || onLedger.count !== b.count) {
      throw new LedgerMismatchError(
        `the ledger is another network's: batch ${b.batchId} is anchored there with root ${onLedger.merkleRoot} (${onLedger.count} records`
        + `${onLedger.submittedBy ? `, by ${onLedger.submittedBy}` : ''}${onLedger.anchoredAt ? ` at ${onLedger.anchoredAt}` : ''}), `
        + `but this data directory anchored it with root ${b.merkleRoot} (${b.count} records). Refusing to start: `
        + 'connect this data directory to its own ledger, or start with a fresh data directory.');
    }
  };
  for (const b of sampleOf(all, o.newest ?? 16, o.spread ?? 48)) await check(b);
  if (missing.length > 0) {
    for (const b of all) if (!checked.has(b.batchId)) await check(b);
    missing.sort((a, b) => a.maxSeq - b.maxSeq);
    o.logger.warn({ missing: missing.length, batches: all.length }, `the ledger was reset: it lacks ${missing.length} of the ${all.length} batches this data directory anchored; re-anchoring them from the stored records`);
    for (const b of missing) {
      const root = new MerkleTree(await o.batches.leaves(b.batchId)).root;
      if (root !== b.merkleRoot) {
        throw new LedgerMismatchError(`batch ${b.batchId}: its stored leaves give root ${root}, not the anchored ${b.merkleRoot}; not re-anchoring a batch whose stored members changed`);
      }
      const anchor = { batchId: b.batchId, merkleRoot: b.merkleRoot, count: b.count, firstTs: new Date(b.firstTs).toISOString(), lastTs: new Date(b.lastTs).toISOString() };
      const committed = await o.ledger.anchorBatch(o.submitter, anchor);
      await o.batches.saveBatch({ ...b, ...anchor, ledgerTxId: committed.txId, blockNumber: committed.blockNumber }, new Date());
    }
    o.logger.warn({ reanchored: missing.length }, `re-anchored ${missing.length} batches on the reset ledger (same batch ids, same roots)`);
  }
  return { batches: all.length, checked: checked.size, missing: missing.length, reanchored: missing.map((b) => b.batchId) };
}
