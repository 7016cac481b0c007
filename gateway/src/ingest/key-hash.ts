/**
 * MurmurHash3 (x86, 32-bit, seed 0) of a record key `institution \0 txId`. It is the same
 * function as ClickHouse's `murmurHash3_32` over the key's bytes, so the duplicate filter can
 * be rebuilt at start from hashes the engine computes (`RECORD_KEY_HASH_SQL` in
 * core/src/storage/transaction-store.ts), without shipping every key to Node.
 * Keys are printable ASCII (the validator enforces it), so a character is a byte.
 */
export function recordKeyHash(institution: string, txId: string): number {
  const a = institution.length;
  const total = a + 1 + txId.length;
  let h = 0;
  let k = 0;
  // Written out flat (no closure per call): this runs once per record on the ingestion path.
  for (let n = 0; n < total; n++) {
    const byte = n < a ? institution.charCodeAt(n) : n === a ? 0 : txId.charCodeAt(n - a - 1);
    k |= byte << ((n & 3) * 8);
    if ((n & 3) === 3) {
      h ^= scramble(k);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe6546b64) | 0;
      k = 0;
    }
  }
  if ((total & 3) !== 0) h ^= scramble(k);
  h ^= total;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function scramble(k: number): number {
  let x = Math.imul(k, 0xcc9e2d51);
  x = (x << 15) | (x >>> 17);
  return Math.imul(x, 0x1b873593);
}
