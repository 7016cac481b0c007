import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { SubmittedBatch } from './submitted-batch.js';

export interface BatchParseLimits {
  /** Most records a request may hold; beyond, `tooMany` is thrown before more is parsed. */
  maxRecords: number;
  tooMany: () => Error;
  /** Told of records about to be parsed, `count` more at a time (throws to refuse the request). */
  admit?: (count: number) => void;
}

export interface StreamLimits extends BatchParseLimits {
  /** Most body bytes; beyond, `tooLarge` is thrown and the rest is not read. */
  maxBytes: number;
  tooLarge: () => Error;
}

/**
 * `application/x-ndjson`, read as it arrives: one record per line, blank lines skipped. The
 * body is never held whole (no 64 MB string next to its buffers): each chunk's complete
 * lines are counted, admitted and parsed, so a request over the records cap or the body limit
 * is refused as soon as it passes it, without reading the rest. A line that is not JSON is
 * noted by its index and line number only (no object, and no thrown SyntaxError when its
 * first and last characters already show it cannot be JSON).
 */
export function readNdjson(payload: Readable, limits: StreamLimits): Promise<SubmittedBatch> {
  const batch = new NdjsonBatch();
  const decoder = new StringDecoder('utf8');
  // The start of a line not yet complete, in parts: joined once its newline arrives.
  let pending: string[] = [];
  let bytes = 0;
  return new Promise<SubmittedBatch>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      payload.off('data', onData);
      payload.off('end', onEnd);
      payload.off('error', onError);
      payload.off('close', onClose);
      if (error) {
        payload.pause(); // the rest of the body is not read (the connection is closed with the answer)
        reject(error);
      } else {
        resolve(batch.result());
      }
    };
    const take = (fresh: string, final: boolean): void => {
      if (!final && !fresh.includes('\n')) {
        pending.push(fresh);
        return;
      }
      const text = pending.length === 0 ? fresh : pending.join('') + fresh;
      const lastNewline = final ? text.length : text.lastIndexOf('\n') + 1;
      const lines = countLines(text, lastNewline);
      if (batch.count + lines > limits.maxRecords) throw limits.tooMany();
      if (lines > 0) limits.admit?.(lines);
      batch.addLines(text, lastNewline);
      pending = lastNewline < text.length ? [text.slice(lastNewline)] : [];
    };
    function onData(chunk: Buffer | string): void {
      try {
        const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        bytes += buffer.length;
        if (bytes > limits.maxBytes) throw limits.tooLarge();
        take(decoder.write(buffer), false);
      } catch (error) {
        finish(error as Error);
      }
    }
    function onEnd(): void {
      try {
        take(decoder.end(), true);
        finish(undefined);
      } catch (error) {
        finish(error as Error);
      }
    }
    function onError(error: Error): void {
      finish(Object.assign(error, { statusCode: 400 }));
    }
    function onClose(): void {
      finish(new Error('the request was closed before its body ended'));
    }
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.on('close', onClose);
  });
}

const MISS = Symbol('not JSON');

/** The records of an NDJSON body, built line by line. */
class NdjsonBatch {
  readonly #values: unknown[] = [];
  readonly #indexes: number[] = [];
  readonly #unparsable = { indexes: [] as number[], lines: [] as number[] };
  #index = 0;
  #line = 0;

  get count(): number {
    return this.#index;
  }

  /** Adds the lines of `text[0, end)`; the line count goes on from the previous call. */
  addLines(text: string, end: number): void {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0; // a SyntaxError per bad line is thrown and dropped: no stack to capture
    try {
      this.#line = forEachLine(text, end, this.#line, (start, stop, line) => {
        const value = mayBeJson(text, start, stop) ? parseOrMiss(text.slice(start, stop)) : MISS;
        if (value === MISS) {
          this.#unparsable.indexes.push(this.#index);
          this.#unparsable.lines.push(line);
        } else {
          this.#values.push(value);
          this.#indexes.push(this.#index);
        }
        this.#index++;
      });
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }

  result(): SubmittedBatch {
    const values = this.#values;
    const unparsable = this.#unparsable;
    const count = this.#index;
    return unparsable.indexes.length === 0 ? { values, unparsable, count } : { values, indexes: this.#indexes, unparsable, count };
  }
}

function parseOrMiss(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return MISS;
  }
}

/** Non-blank lines of `text[0, end)`. */
function countLines(text: string, end: number): number {
  let count = 0;
  forEachLine(text, end, 0, () => { count++; });
  return count;
}

/**
 * Calls `visit(start, end, lineNumber)` for each non-blank line of `text[0, to)`; `start` is
 * the line's first non-blank character. Line numbers go on from `linesBefore`; answers the last.
 */
function forEachLine(text: string, to: number, linesBefore: number, visit: (start: number, end: number, line: number) => void): number {
  let line = linesBefore;
  for (let start = 0; start < to;) {
    let end = text.indexOf('\n', start);
    if (end === -1 || end > to) end = to;
    line++;
    let first = start;
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    if (first < end) visit(first, end, line);
    start = end + 1;
  }
  return line;
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
