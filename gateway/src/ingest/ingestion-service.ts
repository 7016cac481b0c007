import type { TransactionStore } from '../../../core/src/storage/transaction-store.js';
import { KeyFilter } from './key-filter.js';
import type { PreparationPool } from './preparation/preparation-pool.js';
import { rowHash, rowKeys, type PreparedChunk } from './preparation/prepared-chunk.js';

/** Outcome of one submission, in the shape of `POST /api/v1/transactions`. */
export interface IngestionResult {
  accepted: number;
  duplicates: number;
  /** The first rejections in request order (at most the listing bound). */
  rejected: { index: number; txId: string | null; reason: string }[];
  /** All rejections of the submission. */
  rejectedCount: number;
  /** Records in the submission. */
  records: number;
  /** Highest ingestion sequence number stored so far (after this submission). */
  uptoSeq: number;
}

/** A submission's body, cut into chunks at line (NDJSON) or body (JSON) boundaries. */
export interface Submission {
  format: 'ndjson' | 'json';
  chunks: readonly { text: string; linesBefore: number; lines: number }[];
  /** Institution of the API key, when known: every record must be of it. */
  caller?: string;
  maxRejectionsListed: number;
}

/** The records one commit made durable, in seq order within each chunk (anchoring's input). */
export interface CommittedRows {
  chunks: readonly { chunk: PreparedChunk; keep: Uint8Array | undefined }[];
  count: number;
  /** The stored seq before this commit: every record after it and up to this commit's is in `chunks`. */
  afterSeq: number;
}

export interface IngestionServiceOptions {
  store: TransactionStore;
  pool: PreparationPool;
  /** log2 of the duplicate filter's bits (see KeyFilter). */
  keyFilterLog2Bits?: number;
  clock?: () => Date;
  /** Told the new highest seq after each durable insert (detection wakes up). */
  onIngested?: (uptoSeq: number) => void;
  /** Handed the rows of each durable insert (the anchorer batches them from memory). */
  onCommitted?: (rows: CommittedRows) => void;
}

/**
 * Inserts that may run at once. The engine runs queries in parallel, so a commit can check
 * and encode the next group while the previous insert (fsync included) is under way; a few
 * suffice to keep the engine busy, more would only make the groups smaller.
 */
const MAX_INSERTS_IN_FLIGHT = 2;

/** One chunk between its reservation and its commit, in reservation (seq) order. */
interface Slot {
  firstSeq: number;
  lastSeq: number;
  chunk?: PreparedChunk;
  failure?: Error;
  resolve: (outcome: ChunkOutcome) => void;
  reject: (error: Error) => void;
}

interface ChunkOutcome {
  accepted: number;
  duplicates: number;
  rejected: { index: number; txId: string | null; reason: string }[];
  rejectedCount: number;
  records: number;
}

/**
 * Stores records once each, durably, in seq order; idempotent on (institution, txId).
 *
 * A submission is cut into chunks; each chunk reserves a run of sequence numbers (one per
 * line) and goes to the preparation pool, whose workers parse, validate, pseudonymize, hash
 * and encode it. Commits then take the prepared chunks in reservation order, so that "stored
 * up to seq N" always means every seq ≤ N that will ever exist is stored (detection and
 * anchoring rely on it); a rejected line leaves a gap in the sequence, nothing else.
 *
 * Group commit: one commit at a time takes every chunk ready at the head of the queue,
 * checks their keys for duplicates together, and stores them with one insert (the table
 * fsyncs); up to MAX_INSERTS_IN_FLIGHT such inserts run at once, answered in seq order. The duplicate check asks the in-memory key filter first; only keys it may have
 * seen are looked up in the table (and among the earlier rows of the same commit). Each
 * submission is answered once the inserts holding its rows returned, so "accepted" means
 * durable; if an insert fails, every submission in it fails, and resubmitting is safe.
 */
export class IngestionService {
  readonly #options: Readonly<IngestionServiceOptions>;
  readonly #queue: Slot[] = [];
  /** A commit is checking keys and encoding (one at a time: the duplicate check is sequential). */
  #preparing = false;
  /** Inserts under way, in seq order; each settles once its submissions are answered. */
  #inFlight: Promise<void>[] = [];
  #reservedSeq: number | undefined;
  #storedSeq = 0;
  #filter: KeyFilter | undefined;
  #starting: Promise<void> | undefined;

  constructor(options: Readonly<IngestionServiceOptions>) {
    this.#options = options;
  }

  /** Loads the stored seq and the duplicate filter (once; submissions wait for it). */
  start(): Promise<void> {
    this.#starting ??= (async () => {
      const filter = new KeyFilter(this.#options.keyFilterLog2Bits);
      await this.#options.store.forEachKeyHash((hash) => { filter.addAndCheck(hash); });
      this.#storedSeq = await this.#options.store.maxSeq();
      this.#reservedSeq = this.#storedSeq;
      this.#filter = filter;
    })();
    return this.#starting;
  }

  /** Highest seq stored so far. */
  get storedSeq(): number { return this.#storedSeq; }

  /** Ingests parsed records (the CLI and tools); the HTTP route submits bodies as they came. */
  ingest(records: readonly unknown[], caller?: string): Promise<IngestionResult> {
    return this.submit({
      format: 'json', chunks: [{ text: JSON.stringify(records), linesBefore: 0, lines: records.length }],
      ...(caller === undefined ? {} : { caller }), maxRejectionsListed: records.length,
    });
  }

  async submit(submission: Readonly<Submission>): Promise<IngestionResult> {
    await this.start();
    const nowMs = (this.#options.clock ?? (() => new Date()))().getTime();
    // Reserved synchronously, in call order: seq order is arrival order.
    const outcomes = submission.chunks.map((c) => {
      const firstSeq = this.#reservedSeq! + 1;
      this.#reservedSeq! += Math.max(1, c.lines);
      const done = new Promise<ChunkOutcome>((resolve, reject) => {
        const slot: Slot = { firstSeq, lastSeq: this.#reservedSeq!, resolve, reject };
        this.#queue.push(slot);
        this.#options.pool.prepare({
          format: submission.format, text: c.text, linesBefore: c.linesBefore, firstSeq,
          ...(submission.caller === undefined ? {} : { caller: submission.caller }), nowMs,
          maxRejectionsListed: submission.maxRejectionsListed,
        }).then((chunk) => { slot.chunk = chunk; }, (error: unknown) => { slot.failure = error as Error; })
          .finally(() => { this.#pump(); });
      });
      done.catch(() => undefined); // awaited below; a failure is not unhandled meanwhile
      return done;
    });
    const result: IngestionResult = { accepted: 0, duplicates: 0, rejected: [], rejectedCount: 0, records: 0, uptoSeq: 0 };
    // Every chunk is awaited before answering, so a failure answers only once all are settled.
    const settled = await Promise.allSettled(outcomes);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    for (const s of settled) {
      const o = (s as PromiseFulfilledResult<ChunkOutcome>).value;
      for (const r of o.rejected) {
        if (result.rejected.length < submission.maxRejectionsListed) result.rejected.push({ index: r.index + result.records, txId: r.txId, reason: r.reason });
      }
      result.accepted += o.accepted;
      result.duplicates += o.duplicates;
      result.rejectedCount += o.rejectedCount;
      result.records += o.records;
    }
    result.uptoSeq = this.#storedSeq;
    return result;
  }

  #pump(): void {
    if (this.#preparing || this.#inFlight.length >= MAX_INSERTS_IN_FLIGHT) return;
    const group: Slot[] = [];
    while (this.#queue.length > 0 && (this.#queue[0]!.chunk || this.#queue[0]!.failure)) group.push(this.#queue.shift()!);
    if (group.length === 0) return;
    this.#preparing = true;
    this.#commit(group).then(
      () => undefined,
      (error: unknown) => { for (const slot of group) if (!slot.failure) slot.reject(error as Error); },
    ).finally(() => {
      this.#preparing = false;
      this.#pump();
    });
  }

  async #commit(group: readonly Slot[]): Promise<void> {
    const filter = this.#filter!;
    const ready = group.filter((s) => {
      if (s.failure) s.reject(s.failure);
      return s.chunk !== undefined;
    });
    // The fast path: a key the filter has never seen is new. The others are resolved below.
    const maybeSeen: { slot: number; row: number }[] = [];
    ready.forEach((slot, i) => {
      const { keyHash, rows } = slot.chunk!;
      for (let r = 0; r < rows; r++) if (filter.addAndCheck(keyHash[r]!)) maybeSeen.push({ slot: i, row: r });
    });
    // A key that may have been seen is looked up in the table: inserts still under way must have landed first.
    if (maybeSeen.length > 0) await Promise.all(this.#inFlight);
    const verdicts = maybeSeen.length === 0 ? undefined : await this.#resolveMaybeSeen(ready.map((s) => s.chunk!), maybeSeen);
    const texts: string[] = [];
    const committed: { chunk: PreparedChunk; keep: Uint8Array | undefined }[] = [];
    const outcomes = ready.map((slot, i) => {
      const chunk = slot.chunk!;
      const own = verdicts?.get(i);
      const outcome: ChunkOutcome = { accepted: chunk.rows, duplicates: 0, rejected: [...chunk.rejections], rejectedCount: chunk.rejected, records: chunk.records };
      let keep: Uint8Array | undefined;
      if (own) {
        keep = new Uint8Array(chunk.rows).fill(1);
        for (const [row, verdict] of own) {
          if (verdict === 'new') continue;
          keep[row] = 0;
          outcome.accepted--;
          if (verdict === 'duplicate') {
            outcome.duplicates++;
          } else {
            outcome.rejectedCount++;
            outcome.rejected.push({ index: chunk.rowIndex[row]!, txId: verdict.txId, reason: 'txId: already received with different content' });
          }
        }
        outcome.rejected.sort((a, b) => a.index - b.index);
        let start = 0;
        for (let r = 0; r < chunk.rows; r++) {
          const end = chunk.rowEnds[r]!;
          if (keep[r]) texts.push(chunk.rowsText.slice(start, end));
          start = end;
        }
      } else if (chunk.rows > 0) {
        texts.push(chunk.rowsText);
      }
      if (outcome.accepted > 0) committed.push({ chunk, keep });
      return outcome;
    });
    const accepted = outcomes.reduce((n, o) => n + o.accepted, 0);
    const inserted = accepted > 0 ? this.#options.store.insertEncoded(texts) : Promise.resolve();
    inserted.catch(() => undefined); // handled in `landed`, once the earlier inserts have settled
    const previous = this.#inFlight.at(-1) ?? Promise.resolve();
    // Answered in seq order: "stored up to N" must never run ahead of an earlier insert.
    const landed = (async () => {
      let failure: unknown;
      try { await inserted; } catch (error) { failure = error; }
      await previous;
      if (failure !== undefined) {
        for (const slot of ready) slot.reject(failure as Error);
        return;
      }
      const afterSeq = this.#storedSeq;
      this.#storedSeq = group[group.length - 1]!.lastSeq;
      if (accepted > 0) {
        this.#options.onCommitted?.({ chunks: committed, count: accepted, afterSeq });
        this.#options.onIngested?.(this.#storedSeq);
      }
      ready.forEach((slot, i) => { slot.resolve(outcomes[i]!); });
    })().finally(() => {
      this.#inFlight = this.#inFlight.filter((p) => p !== landed);
      this.#pump();
    });
    this.#inFlight.push(landed);
  }

  /**
   * Verdicts for the rows whose keys the filter may have seen: a duplicate (same hash stored,
   * or earlier in this commit), a conflict (stored with another hash), or new after all.
   */
  async #resolveMaybeSeen(chunks: readonly PreparedChunk[], maybeSeen: readonly { slot: number; row: number }[]): Promise<Map<number, Map<number, 'new' | 'duplicate' | { txId: string }>>> {
    const keysOf = chunks.map((c) => rowKeys(c));
    const keyOf = (slot: number, row: number): string => `${keysOf[slot]!.institutions[row]}\u0000${keysOf[slot]!.txIds[row]}`;
    const wanted = new Set(maybeSeen.map(({ slot, row }) => keyOf(slot, row)));
    const byInstitution = new Map<string, string[]>();
    for (const key of wanted) {
      const [institution, txId] = key.split('\u0000') as [string, string];
      const list = byInstitution.get(institution);
      if (list) list.push(txId);
      else byInstitution.set(institution, [txId]);
    }
    const known = new Map<string, string>();
    for (const [institution, txIds] of byInstitution) {
      for (const [txId, hash] of await this.#options.store.existingHashes(institution, txIds)) known.set(`${institution}\u0000${txId}`, hash);
    }
    const isMaybeSeen = new Set(maybeSeen.map(({ slot, row }) => `${slot}:${row}`));
    const verdicts = new Map<number, Map<number, 'new' | 'duplicate' | { txId: string }>>();
    // In commit order, so that the first of two equal keys in this commit is the one kept.
    chunks.forEach((chunk, slot) => {
      for (let row = 0; row < chunk.rows; row++) {
        const key = keyOf(slot, row);
        if (!wanted.has(key)) continue;
        const hash = rowHash(chunk, row);
        const previous = known.get(key);
        let verdict: 'new' | 'duplicate' | { txId: string };
        if (previous === undefined) {
          verdict = 'new';
          known.set(key, hash);
        } else {
          verdict = previous === hash ? 'duplicate' : { txId: keysOf[slot]!.txIds[row]! };
        }
        // Rows the filter said were new are the first of their key: only note the others.
        if (isMaybeSeen.has(`${slot}:${row}`)) {
          let own = verdicts.get(slot);
          if (!own) verdicts.set(slot, own = new Map());
          own.set(row, verdict);
        }
      }
    });
    return verdicts;
  }
}
