import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** A SHA-256 hex digest of `text`, the form the contract stores for roots and hashes. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A batch with a unique id, as the anchoring pipeline would submit it. */
export function newBatch(label: string): { batchId: string; merkleRoot: string; count: number; firstTs: string; lastTs: string } {
  const batchId = `${label}-${randomUUID()}`;
  return { batchId, merkleRoot: sha256(batchId), count: 3, firstTs: '2026-09-01T08:00:00Z', lastTs: '2026-09-01T08:05:00Z' };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`, { cause: lastError });
    await sleep(250);
  }
}
