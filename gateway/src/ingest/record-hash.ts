import { hash } from 'node:crypto';
import type { StoredTransactionRecord } from '../../../core/src/domain/transaction-record.js';

// The stored record is a flat object of strings with a fixed set of keys, so its canonical
// JSON is JSON.stringify with the keys listed in sorted order (a replacer array fixes both
// which keys and their order) — the same bytes as canonicalJson (core/src/domain/canonical-json.ts),
// at native speed; test/gateway/merkle-tree.test.ts checks the two agree.
const SORTED_KEYS: readonly (keyof StoredTransactionRecord)[] = [
  'amount', 'currency', 'from', 'fromSector', 'institution', 'loanPurpose', 'to', 'toCountry', 'toMcc', 'toSector', 'ts', 'txId', 'type',
];

/** Canonical JSON of a stored record (sorted keys), as hashed. */
export function canonicalRecordJson(record: StoredTransactionRecord): string {
  const r = record;
  // Every field is a string; only the institution's own ids can hold a character JSON escapes
  // (they are printable ASCII, so `"` and `\`). The others are codes, hex, ISO times, decimals.
  if (NEEDS_ESCAPE.test(r.txId) || NEEDS_ESCAPE.test(r.institution)) return JSON.stringify(record, SORTED_KEYS as string[]);
  return `{"amount":"${r.amount}","currency":"${r.currency}","from":"${r.from}","fromSector":"${r.fromSector}",`
    + `"institution":"${r.institution}","loanPurpose":"${r.loanPurpose}","to":"${r.to}","toCountry":"${r.toCountry}",`
    + `"toMcc":"${r.toMcc}","toSector":"${r.toSector}","ts":"${r.ts}","txId":"${r.txId}","type":"${r.type}"}`;
}

const NEEDS_ESCAPE = /["\\]/;

/**
 * SHA-256 (hex) of the canonical JSON of the stored, pseudonymized record. It is computed
 * over exactly what is stored, so anyone holding the row can recompute it and check it
 * against the Merkle root anchored on the ledger.
 */
export function recordHash(record: StoredTransactionRecord): string {
  // One-shot crypto.hash: no Hash object per record (one allocation and three native calls fewer).
  return hash('sha256', canonicalRecordJson(record), 'hex');
}
