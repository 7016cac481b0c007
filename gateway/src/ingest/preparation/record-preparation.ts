import { Pseudonymizer } from '../pseudonymizer.js';
import { hash as sha256 } from 'node:crypto';
import { canonicalRecordJson } from '../record-hash.js';
import { writeLeafHash } from '../../anchoring/merkle-tree.js';
import { tsvField } from '../../../../core/src/storage/tab-separated.js';
import { recordKeyHash } from '../key-hash.js';
import { rejectionText, validateRecord } from '../record-validator.js';
import type { StoredTransactionRecord } from '../../../../core/src/domain/transaction-record.js';
import type { ChunkRejection, PreparedChunk } from './prepared-chunk.js';

/** One chunk of a submission to prepare. */
export interface ChunkInput {
  /** NDJSON lines, or a JSON text (an array of records, or one record). */
  format: 'ndjson' | 'json';
  text: string;
  /** Physical lines before this chunk in its request (NDJSON line numbers in reasons). */
  linesBefore: number;
  /** Sequence number of the chunk's first record; record i of the chunk gets `firstSeq + i`. */
  firstSeq: number;
  /** Institution of the API key, when known: every record must be of it. */
  caller?: string;
  /** The platform clock at arrival (records more than a day ahead are refused). */
  nowMs: number;
  /** Most rejections to list (all are counted). */
  maxRejectionsListed: number;
}

/**
 * Parses, validates, pseudonymizes and hashes one chunk, and encodes its valid records as
 * the rows of the `transactions` insert. This is all of ingestion's CPU work per record; it
 * runs on the preparation workers (preparation-worker.ts), one chunk at a time per worker.
 */
export function prepareChunk(input: Readonly<ChunkInput>, pseudonymizer: Pseudonymizer): PreparedChunk {
  const out = new ChunkBuilder(input, pseudonymizer);
  if (input.format === 'json') {
    let body: unknown;
    try {
      body = JSON.parse(input.text);
    } catch (error) {
      throw new BodyNotJsonError((error as Error).message);
    }
    const values = Array.isArray(body) ? body : [body];
    for (let i = 0; i < values.length; i++) out.add(values[i], i);
  } else {
    forEachLine(input.text, input.linesBefore, (start, end, line) => {
      const value = mayBeJson(input.text, start, end) ? parseOrMiss(input.text.slice(start, end)) : MISS;
      if (value === MISS) out.reject(null, `record: line ${line} is not valid JSON`);
      else out.add(value, out.records);
    });
  }
  return out.result();
}

/** The JSON body as a whole does not parse (a JSON array body; NDJSON is judged line by line). */
export class BodyNotJsonError extends Error {
  /** What JSON.parse said (kept apart, so a worker's error can be rebuilt from it). */
  readonly detail: string;
  constructor(detail: string) {
    super(`not valid JSON (${detail})`);
    this.name = 'BodyNotJsonError';
    this.detail = detail;
  }
}

const INITIAL_ROWS = 1024;

class ChunkBuilder {
  readonly #input: Readonly<ChunkInput>;
  readonly #pseudonymizer: Pseudonymizer;
  readonly #rows: string[] = [];
  readonly #institutions: string[] = [];
  readonly #txIds: string[] = [];
  readonly #hashes: string[] = [];
  #rowEnds = new Int32Array(INITIAL_ROWS);
  #rowIndex = new Int32Array(INITIAL_ROWS);
  #rowSeq = new Float64Array(INITIAL_ROWS);
  #rowTsMs = new Float64Array(INITIAL_ROWS);
  #keyHash = new Uint32Array(INITIAL_ROWS);
  #leafHashes = new Uint8Array(INITIAL_ROWS * 32);
  #textLength = 0;
  readonly #rejections: ChunkRejection[] = [];
  #rejected = 0;
  records = 0;

  constructor(input: Readonly<ChunkInput>, pseudonymizer: Pseudonymizer) {
    this.#input = input;
    this.#pseudonymizer = pseudonymizer;
  }

  reject(txId: string | null, reason: string): void {
    if (this.#rejections.length < this.#input.maxRejectionsListed) this.#rejections.push({ index: this.records, txId, reason });
    this.#rejected++;
    this.records++;
  }

  add(value: unknown, index: number): void {
    const result = validateRecord(value, this.#input.caller, this.#input.nowMs);
    if (!result.ok) {
      this.reject(txIdOf(value), rejectionText(result.rejections));
      return;
    }
    const v = result.record;
    const p = this.#pseudonymizer;
    const stored: StoredTransactionRecord = {
      txId: v.txId, institution: v.institution, ts: v.ts, type: v.type,
      from: p.pseudonymize(v.from), to: p.pseudonymize(v.to), amount: v.amount, currency: v.currency,
      loanPurpose: v.loanPurpose ?? '', fromSector: v.fromSector ?? '', toSector: v.toSector ?? '',
      toMcc: v.toMcc ?? '', toCountry: v.toCountry ?? '',
    };
    // The record hash (recordHash in record-hash.ts, as raw bytes first) and its Merkle leaf.
    const digest = sha256('sha256', canonicalRecordJson(stored), 'buffer') as unknown as Buffer;
    const hash = digest.toString('hex');
    const seq = this.#input.firstSeq + index;
    const row = `${seq}\t${tsvField(stored.institution)}\t${tsvField(stored.txId)}\t${stored.ts.slice(0, 10)} ${stored.ts.slice(11, 23)}\t${stored.type}\t`
      + `${stored.from}\t${stored.to}\t${stored.amount}\t${stored.currency}\t${stored.loanPurpose}\t${stored.fromSector}\t`
      + `${stored.toSector}\t${stored.toMcc}\t${stored.toCountry}\t${hash}\n`;
    const n = this.#rows.length;
    if (n === this.#rowEnds.length) this.#grow();
    this.#textLength += row.length;
    this.#rows.push(row);
    this.#institutions.push(stored.institution);
    this.#txIds.push(stored.txId);
    this.#hashes.push(hash);
    this.#rowEnds[n] = this.#textLength;
    this.#rowIndex[n] = index;
    this.#rowSeq[n] = seq;
    this.#rowTsMs[n] = v.tsMs;
    this.#keyHash[n] = recordKeyHash(stored.institution, stored.txId);
    writeLeafHash(digest, this.#leafHashes, n * 32);
    this.records++;
  }

  #grow(): void {
    const size = this.#rowEnds.length * 2;
    const grow = <T extends Int32Array | Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => { const b = make(size); b.set(a); return b; };
    this.#rowEnds = grow(this.#rowEnds, (n) => new Int32Array(n));
    this.#rowIndex = grow(this.#rowIndex, (n) => new Int32Array(n));
    this.#rowSeq = grow(this.#rowSeq, (n) => new Float64Array(n));
    this.#rowTsMs = grow(this.#rowTsMs, (n) => new Float64Array(n));
    this.#keyHash = grow(this.#keyHash, (n) => new Uint32Array(n));
    const leaves = new Uint8Array(size * 32);
    leaves.set(this.#leafHashes);
    this.#leafHashes = leaves;
  }

  result(): PreparedChunk {
    const n = this.#rows.length;
    return {
      records: this.records, rows: n, rowsText: this.#rows.join(''),
      rowEnds: this.#rowEnds.slice(0, n), rowIndex: this.#rowIndex.slice(0, n), rowSeq: this.#rowSeq.slice(0, n),
      rowTsMs: this.#rowTsMs.slice(0, n), keyHash: this.#keyHash.slice(0, n), leafHashes: this.#leafHashes.slice(0, n * 32),
      institutions: this.#institutions.join('\n'), txIds: this.#txIds.join('\n'), hashes: this.#hashes.join(''),
      rejections: this.#rejections, rejected: this.#rejected,
    };
  }
}

function txIdOf(input: unknown): string | null {
  if (input !== null && typeof input === 'object' && 'txId' in input) {
    const { txId } = input as { txId: unknown };
    if (typeof txId === 'string') return txId.slice(0, 64);
  }
  return null;
}

const MISS = Symbol('not JSON');

function parseOrMiss(line: string): unknown {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0; // a SyntaxError per bad line is thrown and dropped: no stack to capture
  try {
    return JSON.parse(line);
  } catch {
    return MISS;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * Calls `visit(start, end, lineNumber)` for each non-blank line of `text`; `start` is the
 * line's first non-blank character; line numbers go on from `linesBefore`.
 */
function forEachLine(text: string, linesBefore: number, visit: (start: number, end: number, line: number) => void): void {
  let line = linesBefore;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    let first = start;
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    if (first < end) visit(first, end, line);
    start = end + 1;
  }
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

/**
 * Whether the line may be JSON, judged by its first and last characters (a cut-off or
 * garbage line is told apart without a thrown SyntaxError): `{…}`, `[…]`, `"…"`, a number,
 * `true`, `false`, `null`.
 */
function mayBeJson(text: string, start: number, end: number): boolean {
  let last = end - 1;
  while (last > start && isBlank(text.charCodeAt(last))) last--;
  const first = text.charCodeAt(start);
  const final = text.charCodeAt(last);
  if (first === 0x7b) return final === 0x7d && last > start;
  if (first === 0x5b) return final === 0x5d && last > start;
  if (first === 0x22) return final === 0x22 && last > start;
  if (first === 0x2d || (first >= 0x30 && first <= 0x39)) return final >= 0x30 && final <= 0x39;
  if (first === 0x74 || first === 0x66) return final === 0x65; // true, false
  if (first === 0x6e) return final === 0x6c; // null
  return false;
}
