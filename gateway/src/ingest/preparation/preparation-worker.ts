import { parentPort, workerData } from 'node:worker_threads';
import { Pseudonymizer } from '../pseudonymizer.js';
import { BodyNotJsonError, prepareChunk, type ChunkInput } from './record-preparation.js';

/**
 * A preparation worker: prepares chunks sent by the pool (preparation-pool.ts), one at a
 * time, and posts each result back with its typed arrays transferred (not copied). The
 * pseudonymization key comes once, in workerData; its memo of pseudonyms lives here.
 */
interface Job { id: number; input: ChunkInput }

const { key } = workerData as { key: Uint8Array };
const pseudonymizer = new Pseudonymizer({ key: Buffer.from(key) });

parentPort!.on('message', ({ id, input }: Job) => {
  try {
    const chunk = prepareChunk(input, pseudonymizer);
    parentPort!.postMessage({ id, chunk }, [
      chunk.rowEnds.buffer, chunk.rowIndex.buffer, chunk.rowSeq.buffer, chunk.rowTsMs.buffer, chunk.keyHash.buffer, chunk.leafHashes.buffer,
    ] as ArrayBuffer[]);
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({ id, error: { name: e.name, message: e.message, detail: e instanceof BodyNotJsonError ? e.detail : undefined } });
  }
});
