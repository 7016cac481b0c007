import type { SubmittedBatch } from './submitted-batch.js';

export interface BatchParseLimits {
  /** Most records a request may hold; beyond, `tooMany` is thrown before anything is parsed. */
  maxRecords: number;
  tooMany: () => Error;
  /** Told the record count before the records are parsed (throws to refuse the request). */
  admit?: (count: number) => void;
}

/**
 * `application/x-ndjson`: one record per line, blank lines skipped. The lines are counted
 * first, so that a request over the record limit is refused before any object is built.
 * A line that is not JSON is noted by its index and line number only (no object, and no
 * thrown SyntaxError when its first character already shows it cannot be JSON).
 */
export function parseNdjson(text: string, limits: BatchParseLimits): SubmittedBatch {
  let count = 0;
  forEachLine(text, () => {
    if (++count > limits.maxRecords) throw limits.tooMany();
  });
  limits.admit?.(count);

  const values: unknown[] = [];
  const indexes: number[] = [];
  const unparsable = { indexes: [] as number[], lines: [] as number[] };
  let index = 0;
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0; // a SyntaxError per bad line is thrown and dropped: no stack to capture
  try {
    forEachLine(text, (start, end, line) => {
      const value = mayBeJson(text, start, end) ? parseOrMiss(text.slice(start, end)) : MISS;
      if (value === MISS) {
        unparsable.indexes.push(index);
        unparsable.lines.push(line);
      } else {
        values.push(value);
        indexes.push(index);
      }
      index++;
    });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return unparsable.indexes.length === 0 ? { values, unparsable, count } : { values, indexes, unparsable, count };
}

const MISS = Symbol('not JSON');

function parseOrMiss(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return MISS;
  }
}

/** Calls `visit(start, end, lineNumber)` for each non-blank line; `start` is its first non-blank character. */
function forEachLine(text: string, visit: (start: number, end: number, line: number) => void): void {
  let line = 0;
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
