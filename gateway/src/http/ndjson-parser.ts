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
export async function parseNdjson(text: string, limits: BatchParseLimits): Promise<SubmittedBatch> {
  let count = 0;
  forEachLine(text, 0, text.length, () => {
    if (++count > limits.maxRecords) throw limits.tooMany();
  });
  limits.admit?.(count);

  const values: unknown[] = [];
  const indexes: number[] = [];
  const unparsable = { indexes: [] as number[], lines: [] as number[] };
  let index = 0;
  let line = 0;
  // Parsed a stretch at a time, giving the event loop back in between (health, other requests).
  for (let from = 0; from < text.length;) {
    const to = stretchEnd(text, from);
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0; // a SyntaxError per bad line is thrown and dropped: no stack to capture
    try {
      line = forEachLine(text, from, to, (start, end, n) => {
        const value = mayBeJson(text, start, end) ? parseOrMiss(text.slice(start, end)) : MISS;
        if (value === MISS) {
          unparsable.indexes.push(index);
          unparsable.lines.push(n);
        } else {
          values.push(value);
          indexes.push(index);
        }
        index++;
      }, line);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    from = to;
    if (from < text.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return unparsable.indexes.length === 0 ? { values, unparsable, count } : { values, indexes, unparsable, count };
}

/** Characters parsed between two yields to the event loop (cut after the next newline). */
const STRETCH = 4 * 1024 * 1024;

function stretchEnd(text: string, from: number): number {
  if (from + STRETCH >= text.length) return text.length;
  const newline = text.indexOf('\n', from + STRETCH);
  return newline === -1 ? text.length : newline + 1;
}

const MISS = Symbol('not JSON');

function parseOrMiss(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return MISS;
  }
}

/**
 * Calls `visit(start, end, lineNumber)` for each non-blank line of `text[from, to)` (`from` at
 * a line start); `start` is the line's first non-blank character. Answers the last line number.
 */
function forEachLine(text: string, from: number, to: number, visit: (start: number, end: number, line: number) => void, linesBefore = 0): number {
  let line = linesBefore;
  for (let start = from; start < to;) {
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
