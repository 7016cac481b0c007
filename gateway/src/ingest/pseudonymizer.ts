import { createHmac } from 'node:crypto';

export interface PseudonymizerOptions {
  /** Secret key of the keyed hash; never leaves the gateway. */
  key: Buffer;
  /** Bound on the memo of recent pseudonyms (accounts repeat a lot). */
  cacheSize?: number;
}

/**
 * Turns an institution's account id into a pseudonym with HMAC-SHA-256 under a secret
 * key. Account ids (card and account numbers) identify an account across institutions,
 * so the pseudonym depends on the id alone: the loan reported by one bank and the
 * onward payment reported by a platform link up. Without the key a pseudonym cannot be
 * reversed by enumerating plausible account numbers.
 */
export class Pseudonymizer {
  readonly #key: Buffer;
  readonly #cache = new Map<string, string>();
  readonly #cacheSize: number;

  constructor(options: Readonly<PseudonymizerOptions>) {
    if (options.key.length < 32) throw new RangeError('pseudonymization key must be at least 32 bytes');
    this.#key = options.key;
    this.#cacheSize = options.cacheSize ?? 100_000;
  }

  /** Pseudonym of an account id: `p_` + 32 hex characters (128 bits of the HMAC). */
  pseudonymize(account: string): string {
    const input = account;
    const hit = this.#cache.get(input);
    if (hit !== undefined) return hit;
    const digest = createHmac('sha256', this.#key).update(input, 'utf8').digest('hex');
    const pseudonym = `p_${digest.slice(0, 32)}`;
    if (this.#cache.size >= this.#cacheSize) this.#cache.clear();
    this.#cache.set(input, pseudonym);
    return pseudonym;
  }
}
