import type { FastifyInstance } from 'fastify';

/** Marker key of an NDJSON line that was not valid JSON (reported per line, not per request). */
export const NDJSON_LINE_ERROR = '__ndjsonLineError';

/**
 * `application/x-ndjson`: one record per line. A line that does not parse becomes a
 * marker object so that the batch answers for that line alone and keeps the valid ones.
 */
export function registerNdjsonParser(app: FastifyInstance): void {
  app.addContentTypeParser(['application/x-ndjson', 'application/ndjson'], { parseAs: 'string' }, (_request, body, done) => {
    const records: unknown[] = [];
    for (const [n, line] of String(body).split('\n').entries()) {
      if (line.trim() === '') continue;
      try {
        records.push(JSON.parse(line));
      } catch {
        records.push({ [NDJSON_LINE_ERROR]: `line ${n + 1} is not valid JSON` });
      }
    }
    done(null, records);
  });
}

/** The parse error an NDJSON line marker carries, or undefined for a real record. */
export function ndjsonLineError(record: unknown): string | undefined {
  if (record === null || typeof record !== 'object' || !(NDJSON_LINE_ERROR in record)) return undefined;
  return String((record as Record<string, unknown>)[NDJSON_LINE_ERROR]);
}
