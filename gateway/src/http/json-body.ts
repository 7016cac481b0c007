import type { BodyLimits, SubmittedBody } from './submitted-body.js';

/**
 * `application/json` for ingestion: an array of records, or one record. The top-level
 * elements are counted by a scan (no objects built), so that a request over the record limit
 * (say, 20 million `{}`) is refused before anything is parsed; the body then goes whole to
 * a preparation worker, which parses it.
 */
export function readJsonBody(text: string, limits: BodyLimits): SubmittedBody {
  const count = topLevelElements(text, limits.maxRecords + 1) ?? 1;
  if (count > limits.maxRecords) throw limits.tooMany();
  limits.admit?.(count);
  return { format: 'json', chunks: count === 0 ? [] : [{ text, linesBefore: 0, lines: count }], lines: count };
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
  let next = i + 1;
  while (next < text.length && isWhitespace(text.charCodeAt(next))) next++;
  if (text.charCodeAt(next) === 0x5d) return 0;
  // One tight pass (faster here than jumping with indexOf): depth outside strings, commas at depth 1.
  let depth = 0;
  let commas = 0;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
    } else if (c === 0x5d || c === 0x7d) {
      if (--depth === 0) break;
    } else if (c === 0x2c && depth === 1 && ++commas + 1 >= stopAt) {
      return stopAt;
    }
  }
  return commas + 1;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
