/**
 * The in-memory duplicate filter of record keys: a Bloom filter over `recordKeyHash` of
 * every stored key. A key it has never seen is certainly new, so the common case (a fresh
 * record) needs no query; only a key it may have seen (a resubmission, or one false positive
 * in about a hundred at its rated capacity) is checked against the table. Memory is fixed
 * (`bits / 8` bytes) whatever the volume: past its capacity it only answers "maybe" more
 * often, which costs queries, never correctness.
 */
export class KeyFilter {
  readonly #bits: Uint32Array;
  readonly #mask: number;
  #added = 0;

  /** `log2Bits`: the filter holds 2^log2Bits bits (27 → 16 MiB, rated for ~14 million keys at 1%). */
  constructor(log2Bits = 27) {
    if (!Number.isInteger(log2Bits) || log2Bits < 10 || log2Bits > 32) throw new RangeError('log2Bits must be an integer in [10, 32]');
    this.#bits = new Uint32Array(2 ** (log2Bits - 5));
    this.#mask = log2Bits === 32 ? 0xffffffff : 2 ** log2Bits - 1;
  }

  /** Keys added so far (including repeats). */
  get added(): number { return this.#added; }

  /** Bytes of memory the filter holds. */
  get bytes(): number { return this.#bits.byteLength; }

  /**
   * Adds the key and answers whether it may have been present before (false: certainly not).
   * Seven probes by double hashing (Kirsch–Mitzenmacher), the second hash derived from the first.
   */
  addAndCheck(hash: number): boolean {
    const h2 = (Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) | 1) >>> 0;
    let present = true;
    let probe = hash >>> 0;
    for (let i = 0; i < 7; i++) {
      const bit = probe & this.#mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      if ((this.#bits[word]! & flag) === 0) {
        present = false;
        this.#bits[word] = this.#bits[word]! | flag;
      }
      probe = (probe + h2) >>> 0;
    }
    this.#added++;
    return present;
  }
}
