import { InvalidInputError } from '../errors.js';
import type { BatchParseLimits } from './ndjson-parser.js';
import type { SubmittedBatch } from './submitted-batch.js';

/**
 * `application/json` for ingestion: an array of records, or one record. The top-level
 * elements are counted by a scan before `JSON.parse`, so that a request over the record
 * limit (say, 20 million `{}`) is refused before millions of objects are built.
 */
export function parseJsonBatch(text: string, limits: BatchParseLimits): SubmittedBatch {
  const count = topLevelElements(text, limits.maxRecords + 1) ?? 1;
  if (count > limits.maxRecords) throw limits.tooMany();
  limits.admit?.(count);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError('body', `not valid JSON (${(error as Error).message})`);
  }
  const values = Array.isArray(body) ? body : [body];
  return { values, unparsable: { indexes: [], lines: [] }, count: values.length };
}

/**
 * How many elements the top-level array of `text` has (counting stops at `stopAt`), or
 * undefined when the text is not an array. Malformed text yields some count: `JSON.parse`
 * then says what is wrong with it.
 */
function topLevelElements(text: string, stopAt: number): number | undefined {
  let i = 0;
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x5b) return undefined;
  let depth = 0;
  let commas = 0;
  let sawElement = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = endOfString(text, i);
      if (i < 0) break;
      sawElement = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > 1) sawElement = true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
      if (depth === 0) break;
    } else if (c === 0x2c) {
      if (depth === 1 && ++commas + 1 >= stopAt) return stopAt;
    } else if (!isWhitespace(c)) {
      sawElement = true;
    }
  }
  return sawElement ? commas + 1 : 0;
}

/** Index of the quote that closes the string opened at `open`, or -1. */
function endOfString(text: string, open: number): number {
  let close = open;
  for (;;) {
    close = text.indexOf('"', close + 1);
    if (close < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return close;
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
