import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../atomic-file.js';
import { ConfigError, PARTITION_PATTERN } from '../config.js';

/** The partition a data directory belongs to: it qualifies every batch id this gateway anchors. */
export interface PartitionIdentity {
  id: string;
  /** `configured` (SUPTECH_PARTITION, first start), `generated` (random, first start) or `stored`. */
  origin: 'configured' | 'generated' | 'stored';
  /**
   * Set when the data directory predates partitions: batches up to this seq keep their
   * unqualified ids (`B-<first>-<last>`), stored with their records, so they stay verifiable.
   */
  legacyUpToSeq?: number;
}

interface PartitionFile { partition: string; createdAt: string; legacyUpToSeq?: number }

export const PARTITION_FILE = 'partition.json';

/**
 * Reads `<data dir>/partition.json`, or creates it at first start with `SUPTECH_PARTITION` or a
 * random id (so a fresh data directory is a new partition). A data directory is one partition:
 * a configured id that differs from the stored one stops the start.
 */
export async function loadOrCreatePartition(dataDir: string, configured: string | undefined, anchoredUpToSeq: () => Promise<number>): Promise<PartitionIdentity> {
  const file = path.join(dataDir, PARTITION_FILE);
  let stored: PartitionFile | undefined;
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as PartitionFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError(`${file}: ${(error as Error).message}`);
  }
  if (stored) {
    if (typeof stored.partition !== 'string' || !PARTITION_PATTERN.test(stored.partition)) throw new ConfigError(`${file}: no valid partition id`);
    if (configured !== undefined && configured !== stored.partition) {
      throw new ConfigError(`SUPTECH_PARTITION=${configured}: this data directory belongs to partition ${stored.partition} (${file}); a data directory is one partition: unset SUPTECH_PARTITION or use another data directory`);
    }
    return { id: stored.partition, origin: 'stored', ...(stored.legacyUpToSeq ? { legacyUpToSeq: stored.legacyUpToSeq } : {}) };
  }
  const id = configured ?? `p${randomBytes(8).toString('hex')}`;
  const legacyUpToSeq = await anchoredUpToSeq();
  const content: PartitionFile = { partition: id, createdAt: new Date().toISOString(), ...(legacyUpToSeq > 0 ? { legacyUpToSeq } : {}) };
  await writeFileAtomically(file, `${JSON.stringify(content, null, 2)}\n`, 0o600);
  return { id, origin: configured ? 'configured' : 'generated', ...(legacyUpToSeq > 0 ? { legacyUpToSeq } : {}) };
}

/** The ledger key of the batch of seqs `first..last` of a partition. */
export function batchIdOf(partition: string, first: number, last: number): string {
  return `B-${partition}-${String(first).padStart(12, '0')}-${String(last).padStart(12, '0')}`;
}
