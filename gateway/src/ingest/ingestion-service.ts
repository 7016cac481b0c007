import type { StoredRow, TransactionStore } from '../../../core/src/storage/transaction-store.js';
import type { Pseudonymizer } from './pseudonymizer.js';
import { recordHash } from './record-hash.js';
import { validateRecord, type ValidRecord } from './record-validator.js';

/** Outcome of one submission, in the shape of `POST /api/v1/transactions`. */
export interface IngestionResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; txId: string | null; reason: string }[];
  /** Highest ingestion sequence number stored so far (after this submission). */
  uptoSeq: number;
}

export interface IngestionServiceOptions {
  store: TransactionStore;
  pseudonymizer: Pseudonymizer;
  clock?: () => Date;
  /** Told the new highest seq after each durable insert (anchoring and detection wake up). */
  onIngested?: (uptoSeq: number) => void;
}

interface Candidate { index: number; row: StoredRow }

/** One submission waiting for the next group commit. */
interface Pending {
  candidates: Candidate[];
  rejected: IngestionResult['rejected'];
  resolve: (result: IngestionResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Validates, pseudonymizes, hashes and stores records; idempotent on (institution, txId).
 *
 * Group commit: each submission is validated, pseudonymized and hashed as soon as it
 * arrives, then queued. One commit at a time takes every queued submission, checks their
 * keys for duplicates together (against the table and against each other), assigns dense
 * sequence numbers and stores them with a single insert. Only one commit runs at a time, so
 * the duplicate check cannot race with an insert of the same key. Each submission's result
 * is returned only after the insert that holds its rows returned (the table fsyncs), so
 * "accepted" means durable; if that insert fails, every submission of the group fails.
 */
export class IngestionService {
  readonly #options: Readonly<IngestionServiceOptions>;
  #queue: Pending[] = [];
  #committing = false;
  #seq: number | undefined;

  constructor(options: Readonly<IngestionServiceOptions>) {
    this.#options = options;
  }

  /** Ingest a batch; `callerInstitution` is the institution of the API key, when known. */
  ingest(records: readonly unknown[], callerInstitution?: string): Promise<IngestionResult> {
    return new Promise<IngestionResult>((resolve, reject) => {
      const rejected: IngestionResult['rejected'] = [];
      const candidates: Candidate[] = [];
      try {
        records.forEach((input, index) => {
          const result = validateRecord(input, callerInstitution);
          if (!result.ok) {
            rejected.push({ index, txId: txIdOf(input), reason: `${result.rejection.field}: ${result.rejection.reason}` });
            return;
          }
          candidates.push({ index, row: this.#toRow(result.record) });
        });
      } catch (err) {
        reject(err);
        return;
      }
      this.#queue.push({ candidates, rejected, resolve, reject });
      if (!this.#committing) {
        this.#committing = true;
        // Let submissions that arrive in the same tick join this commit.
        setImmediate(() => { void this.#commitLoop(); });
      }
    });
  }

  async #commitLoop(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const group = this.#queue;
        this.#queue = [];
        try {
          await this.#commit(group);
        } catch (err) {
          for (const p of group) p.reject(err);
        }
      }
    } finally {
      this.#committing = false;
    }
  }

  async #commit(group: readonly Pending[]): Promise<void> {
    const { store } = this.#options;
    this.#seq ??= await store.maxSeq();
    const all: Candidate[] = [];
    for (const p of group) for (const c of p.candidates) all.push(c);
    const known = await this.#knownHashes(all);
    let seq = this.#seq;
    const rows: StoredRow[] = [];
    const outcome: { accepted: number; duplicates: number }[] = [];
    for (const p of group) {
      let accepted = 0;
      let duplicates = 0;
      for (const c of p.candidates) {
        const key = `${c.row.institution}\u0000${c.row.txId}`;
        const previous = known.get(key);
        if (previous === undefined) {
          known.set(key, c.row.recordHash);
          c.row.seq = ++seq;
          rows.push(c.row);
          accepted++;
        } else if (previous === c.row.recordHash) {
          duplicates++;
        } else {
          p.rejected.push({ index: c.index, txId: c.row.txId, reason: 'txId: already received with different content' });
        }
      }
      outcome.push({ accepted, duplicates });
    }
    await store.insert(rows, (this.#options.clock ?? (() => new Date()))());
    this.#seq = seq;
    if (rows.length > 0) this.#options.onIngested?.(seq);
    group.forEach((p, i) => {
      p.rejected.sort((a, b) => a.index - b.index);
      p.resolve({ accepted: outcome[i]!.accepted, duplicates: outcome[i]!.duplicates, rejected: p.rejected, uptoSeq: seq });
    });
  }

  /** Hashes already stored for the keys of these candidates, keyed `institution\0txId`. */
  async #knownHashes(candidates: readonly Candidate[]): Promise<Map<string, string>> {
    const byInstitution = new Map<string, string[]>();
    for (const { row } of candidates) {
      const list = byInstitution.get(row.institution);
      if (list) list.push(row.txId);
      else byInstitution.set(row.institution, [row.txId]);
    }
    const known = new Map<string, string>();
    for (const [institution, txIds] of byInstitution) {
      for (const [txId, hash] of await this.#options.store.existingHashes(institution, txIds)) {
        known.set(`${institution}\u0000${txId}`, hash);
      }
    }
    return known;
  }

  #toRow(record: ValidRecord): StoredRow {
    const { pseudonymizer } = this.#options;
    // One object per record: the hash's canonical JSON lists its keys, so `seq` and
    // `recordHash` on the same object are not part of what is hashed.
    const row: StoredRow = {
      txId: record.txId, institution: record.institution, ts: record.ts, type: record.type,
      from: pseudonymizer.pseudonymize(record.from), to: pseudonymizer.pseudonymize(record.to),
      amount: record.amount, currency: record.currency, loanPurpose: record.loanPurpose ?? '',
      fromSector: record.fromSector ?? '', toSector: record.toSector ?? '', toMcc: record.toMcc ?? '',
      toCountry: record.toCountry ?? '', seq: 0, recordHash: '',
    };
    row.recordHash = recordHash(row);
    return row;
  }
}

function txIdOf(input: unknown): string | null {
  if (input !== null && typeof input === 'object' && 'txId' in input) {
    const { txId } = input as { txId: unknown };
    if (typeof txId === 'string') return txId.slice(0, 64);
  }
  return null;
}
