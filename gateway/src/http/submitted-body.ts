/** A request body cut into chunks for preparation, before anything of it is parsed. */
export interface SubmittedBody {
  format: 'ndjson' | 'json';
  /** Chunks in request order: whole lines (NDJSON) or the whole body (JSON). */
  chunks: { text: string; linesBefore: number; lines: number }[];
  /** Lines (NDJSON, blank ones included) or top-level elements (JSON) in the body. */
  lines: number;
}

export interface BodyLimits {
  /** Most records a request may hold; beyond, `tooMany` is thrown before more is read. */
  maxRecords: number;
  tooMany: () => Error;
  /** Told of records about to be taken on, `count` more at a time (throws to refuse the request). */
  admit?: (count: number) => void;
}

export function isSubmittedBody(body: unknown): body is SubmittedBody {
  return body !== null && typeof body === 'object' && Array.isArray((body as SubmittedBody).chunks) && typeof (body as SubmittedBody).lines === 'number';
}
