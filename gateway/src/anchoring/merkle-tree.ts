import { createHash, hash } from 'node:crypto';

/** One step of an inclusion proof: the sibling hash and on which side it sits. */
export interface ProofStep {
  sibling: string;
  position: 'left' | 'right';
}

// Leaves and inner nodes are hashed with different prefixes (RFC 6962 style) so that an
// inner node can never be presented as a leaf. An odd node is promoted unchanged to the
// next level instead of being paired with itself, which would let two different leaf
// lists share a root.
const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

function hashLeaf(recordHashHex: string): Buffer {
  return createHash('sha256').update(LEAF).update(Buffer.from(recordHashHex, 'hex')).digest();
}

function hashNode(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** A Merkle tree over record hashes (hex SHA-256), in leaf order. */
export class MerkleTree {
  readonly #levels: Buffer[][];

  constructor(recordHashes: readonly string[] | Buffer[][]) {
    if (recordHashes.length > 0 && Array.isArray(recordHashes[0])) {
      this.#levels = recordHashes as Buffer[][];
      return;
    }
    if (recordHashes.length === 0) throw new RangeError('a Merkle tree needs at least one leaf');
    const levels: Buffer[][] = [(recordHashes as readonly string[]).map(hashLeaf)];
    for (let level = levels[0]!; level.length > 1; ) {
      const next: Buffer[] = [];
      for (let i = 0; i < level.length; i += 2) {
        next.push(i + 1 < level.length ? hashNode(level[i]!, level[i + 1]!) : level[i]!);
      }
      levels.push(next);
      level = next;
    }
    this.#levels = levels;
  }

  /**
   * The tree over record hashes given as one string of 64-hex-character hashes. One buffer
   * for all leaves and one-shot hashing into reused prefix buffers: no Hash object and no
   * hex string per node, which is what anchoring 100,000 records a second needs.
   */
  static fromConcatenatedHex(hashes: string): MerkleTree {
    if (hashes.length === 0 || hashes.length % 64 !== 0) throw new RangeError('expected one or more 64-hex-character hashes');
    const raw = Buffer.from(hashes, 'hex');
    const leaves = Buffer.alloc(raw.length);
    for (let i = 0; i < raw.length / 32; i++) writeLeafHash(raw.subarray(i * 32, i * 32 + 32), leaves, i * 32);
    return MerkleTree.fromLeafHashes(leaves);
  }

  /**
   * The tree over leaf hashes already computed (`writeLeafHash`, 32 bytes each, concatenated):
   * the preparation workers hash the leaves, the anchorer only the inner nodes.
   */
  static fromLeafHashes(concatenated: Uint8Array): MerkleTree {
    if (concatenated.length === 0 || concatenated.length % 32 !== 0) throw new RangeError('expected one or more 32-byte leaf hashes');
    const all = Buffer.from(concatenated.buffer, concatenated.byteOffset, concatenated.length);
    const leaves: Buffer[] = new Array<Buffer>(all.length / 32);
    for (let i = 0; i < leaves.length; i++) leaves[i] = all.subarray(i * 32, i * 32 + 32);
    const nodeInput = Buffer.alloc(65);
    nodeInput[0] = 0x01;
    const levels: Buffer[][] = [leaves];
    for (let level = leaves; level.length > 1;) {
      const next: Buffer[] = [];
      for (let i = 0; i < level.length; i += 2) {
        if (i + 1 < level.length) {
          level[i]!.copy(nodeInput, 1);
          level[i + 1]!.copy(nodeInput, 33);
          next.push(hash('sha256', nodeInput, 'buffer') as unknown as Buffer);
        } else {
          next.push(level[i]!);
        }
      }
      levels.push(next);
      level = next;
    }
    return new MerkleTree(levels);
  }

  get root(): string {
    return this.#levels[this.#levels.length - 1]![0]!.toString('hex');
  }

  get size(): number {
    return this.#levels[0]!.length;
  }

  /** Inclusion proof of the leaf at `index`, from the leaf up to the root. */
  proof(index: number): ProofStep[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) throw new RangeError(`no leaf ${index}`);
    const steps: ProofStep[] = [];
    let i = index;
    for (const level of this.#levels.slice(0, -1)) {
      const siblingIndex = i % 2 === 0 ? i + 1 : i - 1;
      const sibling = level[siblingIndex];
      if (sibling) steps.push({ sibling: sibling.toString('hex'), position: i % 2 === 0 ? 'right' : 'left' });
      i = Math.floor(i / 2);
    }
    return steps;
  }
}

const leafInput = Buffer.alloc(33);

/** Writes the leaf hash of a record hash (32 raw bytes) into `target` at `offset`. */
export function writeLeafHash(recordHash: Uint8Array, target: Uint8Array, offset: number): void {
  leafInput.set(recordHash, 1);
  target.set(hash('sha256', leafInput, 'buffer') as unknown as Uint8Array, offset);
}

/** Recomputes the root from a record hash and its proof. */
export function rootFromProof(recordHashHex: string, proof: readonly ProofStep[]): string {
  let acc = hashLeaf(recordHashHex);
  for (const step of proof) {
    const sibling = Buffer.from(step.sibling, 'hex');
    acc = step.position === 'left' ? hashNode(sibling, acc) : hashNode(acc, sibling);
  }
  return acc.toString('hex');
}
