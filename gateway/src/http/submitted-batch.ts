/**
 * A parsed ingestion body: the values to validate, and the lines that were not JSON at all.
 * Lines that did not parse are kept as two number lists, not as objects, so that a body of
 * garbage costs little memory and yields a small answer.
 */
export interface SubmittedBatch {
  /** The values that parsed, in request order. */
  values: unknown[];
  /** Request index of `values[i]`; absent when it is `i` (every record parsed). */
  indexes?: number[];
  /** Request indexes of the lines that were not JSON, ascending, and their 1-based line numbers. */
  unparsable: { indexes: number[]; lines: number[] };
  /** Records in the request: values and unparsable lines. */
  count: number;
}

export interface Rejection {
  index: number;
  txId: string | null;
  reason: string;
}

export function isSubmittedBatch(body: unknown): body is SubmittedBatch {
  return body !== null && typeof body === 'object' && Array.isArray((body as SubmittedBatch).values) && typeof (body as SubmittedBatch).count === 'number';
}

/**
 * The first `max` rejections of a batch in request order (the service's, whose indexes are
 * into `values` and ascending, merged with the unparsable lines), and how many there are.
 */
export function boundedRejections(batch: SubmittedBatch, serviceRejections: readonly Rejection[], max: number): { listed: Rejection[]; total: number } {
  const { indexes, lines } = batch.unparsable;
  const total = serviceRejections.length + indexes.length;
  const listed: Rejection[] = [];
  let s = 0;
  let u = 0;
  while (listed.length < max && (s < serviceRejections.length || u < indexes.length)) {
    const fromService = serviceRejections[s];
    const serviceIndex = fromService === undefined ? Infinity : (batch.indexes?.[fromService.index] ?? fromService.index);
    const lineIndex = indexes[u] ?? Infinity;
    if (fromService !== undefined && serviceIndex < lineIndex) {
      listed.push({ index: serviceIndex, txId: fromService.txId, reason: fromService.reason });
      s++;
    } else {
      listed.push({ index: lineIndex, txId: null, reason: `record: line ${lines[u]} is not valid JSON` });
      u++;
    }
  }
  return { listed, total };
}
