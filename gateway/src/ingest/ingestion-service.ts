import type { StoredTransactionRecord } from '../domain/transaction-record.js';
import type { StoredRow, TransactionStore } from '../storage/transaction-store.js';
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

/**
 * Validates, pseudonymizes, hashes and stores records; idempotent on
 * (institution, txId). Submissions are serialized so that sequence numbers are dense and
 * the duplicate check cannot race with an insert of the same key. The result is returned
 * only after the insert returned (the table fsyncs), so "accepted" means durable.
 */
export class IngestionService {
  readonly #options: Readonly<IngestionServiceOptions>;
  #tail: Promise<unknown> = Promise.resolve();
  #seq: number | undefined;

  constructor(options: Readonly<IngestionServiceOptions>) {
    this.#options = options;
  }

  /** Ingest a batch; `callerInstitution` is the institution of the API key, when known. */
  ingest(records: readonly unknown[], callerInstitution?: string): Promise<IngestionResult> {
    const run = this.#tail.then(() => this.#ingestNow(records, callerInstitution));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #ingestNow(records: readonly unknown[], callerInstitution?: string): Promise<IngestionResult> {
    const { store } = this.#options;
    this.#seq ??= await store.maxSeq();
    const rejected: IngestionResult['rejected'] = [];
    const candidates: { index: number; row: StoredRow }[] = [];
    records.forEach((input, index) => {
      const result = validateRecord(input, callerInstitution);
      if (!result.ok) {
        rejected.push({ index, txId: txIdOf(input), reason: `${result.rejection.field}: ${result.rejection.reason}` });
        return;
      }
      candidates.push({ index, row: this.#toRow(result.record) });
    });

    const { fresh, duplicates } = await this.#dropDuplicates(candidates, rejected);
    let seq = this.#seq;
    const rows = fresh.map((c) => ({ ...c.row, seq: ++seq }));
    await store.insert(rows, (this.#options.clock ?? (() => new Date()))());
    this.#seq = seq;
    if (rows.length > 0) this.#options.onIngested?.(seq);
    rejected.sort((a, b) => a.index - b.index);
    return { accepted: rows.length, duplicates, rejected, uptoSeq: seq };
  }

  /**
   * Splits candidates into fresh records, exact duplicates (stored or repeated in this
   * batch: acknowledged again, stored once) and conflicts (same key, different content:
   * rejected, the stored record is never overwritten).
   */
  async #dropDuplicates(
    candidates: { index: number; row: StoredRow }[],
    rejected: IngestionResult['rejected'],
  ): Promise<{ fresh: { index: number; row: StoredRow }[]; duplicates: number }> {
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
    const fresh: { index: number; row: StoredRow }[] = [];
    let duplicates = 0;
    for (const c of candidates) {
      const key = `${c.row.institution}\u0000${c.row.txId}`;
      const previous = known.get(key);
      if (previous === undefined) {
        known.set(key, c.row.recordHash);
        fresh.push(c);
      } else if (previous === c.row.recordHash) {
        duplicates++;
      } else {
        rejected.push({ index: c.index, txId: c.row.txId, reason: 'txId: already received with different content' });
      }
    }
    return { fresh, duplicates };
  }

  #toRow(record: ValidRecord): StoredRow {
    const { pseudonymizer } = this.#options;
    const stored: StoredTransactionRecord = {
      txId: record.txId, institution: record.institution, ts: record.ts, type: record.type,
      from: pseudonymizer.pseudonymize(record.from), to: pseudonymizer.pseudonymize(record.to),
      amount: record.amount, currency: record.currency, loanPurpose: record.loanPurpose ?? '',
      fromSector: record.fromSector ?? '', toSector: record.toSector ?? '', toMcc: record.toMcc ?? '',
      toCountry: record.toCountry ?? '',
    };
    return { ...stored, seq: 0, recordHash: recordHash(stored) };
  }
}

function txIdOf(input: unknown): string | null {
  if (input !== null && typeof input === 'object' && 'txId' in input) {
    const { txId } = input as { txId: unknown };
    if (typeof txId === 'string') return txId.slice(0, 64);
  }
  return null;
}
