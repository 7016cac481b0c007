/**
 * What the preparation of one chunk of a submission hands back to the ingestion service:
 * everything the commit needs, in a shape that crosses a worker boundary cheaply (a few
 * strings and typed arrays per chunk, not an object per record).
 */
export interface ChunkRejection {
  /** Index of the record within its chunk (the route adds the chunk's offset). */
  index: number;
  txId: string | null;
  reason: string;
}

export interface PreparedChunk {
  /** Records in the chunk (non-blank lines, or array elements). */
  records: number;
  /** Valid records, in chunk order. */
  rows: number;
  /** The valid records as TabSeparated rows of the `transactions` insert, each ending in `\n`. */
  rowsText: string;
  /** End offset in `rowsText` of each row (exclusive). */
  rowEnds: Int32Array;
  /** Index within the chunk of each row's record. */
  rowIndex: Int32Array;
  /** Ingestion sequence number of each row. */
  rowSeq: Float64Array;
  /** Event time of each row, epoch milliseconds. */
  rowTsMs: Float64Array;
  /** `recordKeyHash` (institution, txId) of each row. */
  keyHash: Uint32Array;
  /** Institution of each row, joined by `\n` (ids are printable ASCII: no newline inside). */
  institutions: string;
  /** txId of each row, joined by `\n`. */
  txIds: string;
  /** Record hash (64 hex characters) of each row, concatenated. */
  hashes: string;
  /** Merkle leaf hash (32 bytes) of each row, concatenated: anchoring hashes only the inner nodes. */
  leafHashes: Uint8Array;
  /** The first rejections of the chunk, in chunk order (at most the listing bound). */
  rejections: ChunkRejection[];
  /** All rejections of the chunk. */
  rejected: number;
}

/** The fields of one row, split out of a prepared chunk (for the rare paths: duplicates, anchoring). */
export function rowKeys(chunk: PreparedChunk): { institutions: string[]; txIds: string[] } {
  return {
    institutions: chunk.rows === 0 ? [] : chunk.institutions.split('\n'),
    txIds: chunk.rows === 0 ? [] : chunk.txIds.split('\n'),
  };
}

export function rowHash(chunk: PreparedChunk, row: number): string {
  return chunk.hashes.slice(row * 64, row * 64 + 64);
}
