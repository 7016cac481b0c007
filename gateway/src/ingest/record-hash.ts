import { createHash } from 'node:crypto';
import type { StoredTransactionRecord } from '../domain/transaction-record.js';
import { canonicalJson } from './canonical-json.js';

/**
 * SHA-256 (hex) of the canonical JSON of the stored, pseudonymized record. It is computed
 * over exactly what is stored, so anyone holding the row can recompute it and check it
 * against the Merkle root anchored on the ledger.
 */
export function recordHash(record: StoredTransactionRecord): string {
  return createHash('sha256').update(canonicalJson(record), 'utf8').digest('hex');
}
