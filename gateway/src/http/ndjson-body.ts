import type { Readable } from 'node:stream';
import type { BodyLimits, SubmittedBody } from './submitted-body.js';

export interface StreamLimits extends BodyLimits {
  /** Most body bytes; beyond, `tooLarge` is thrown and the rest is not read. */
  maxBytes: number;
  tooLarge: () => Error;
  /** Lines per chunk handed to preparation. */
  chunkLines?: number;
}

const NEWLINE = 0x0a;

/**
 * `application/x-ndjson`, read as it arrives and cut into chunks of whole lines, without
 * parsing anything: the preparation workers parse. Lines are counted as the bytes arrive
 * (native `indexOf`, no decoding), so a request over the records cap or the body limit is
 * refused as soon as it passes it, without reading on. A chunk is decoded once, when cut;
 * cuts fall on newlines, so no UTF-8 character is split.
 */
export function readNdjsonBody(payload: Readable, limits: StreamLimits): Promise<SubmittedBody> {
  const chunkLines = limits.chunkLines ?? 5000;
  const body: SubmittedBody = { format: 'ndjson', chunks: [], lines: 0 };
  let pieces: Buffer[] = [];
  let piecesBytes = 0;
  let linesInPieces = 0;
  let bytes = 0;

  /** Cuts a chunk: the pieces held so far, then `tail` (which ends just after a newline). */
  const cut = (tail: Buffer): void => {
    const head = pieces.length === 0 ? tail : Buffer.concat([...pieces, tail]);
    body.chunks.push({ text: head.toString('utf8'), linesBefore: body.lines - linesInPieces, lines: linesInPieces });
    pieces = [];
    piecesBytes = 0;
    linesInPieces = 0;
  };

  return new Promise<SubmittedBody>((resolve, reject) => {
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
        resolve(body);
      }
    };
    function onData(data: Buffer | string): void {
      try {
        const buffer = typeof data === 'string' ? Buffer.from(data) : data;
        bytes += buffer.length;
        if (bytes > limits.maxBytes) throw limits.tooLarge();
        let fresh = 0;
        let segmentStart = 0;
        for (let at = buffer.indexOf(NEWLINE); at !== -1; at = buffer.indexOf(NEWLINE, at + 1)) {
          fresh++;
          linesInPieces++;
          body.lines++;
          if (linesInPieces >= chunkLines) {
            if (body.lines > limits.maxRecords) throw limits.tooMany();
            cut(buffer.subarray(segmentStart, at + 1));
            segmentStart = at + 1;
          }
        }
        if (body.lines > limits.maxRecords) throw limits.tooMany();
        if (fresh > 0) limits.admit?.(fresh);
        if (segmentStart < buffer.length) {
          pieces.push(buffer.subarray(segmentStart));
          piecesBytes += buffer.length - segmentStart;
        }
      } catch (error) {
        finish(error as Error);
      }
    }
    function onEnd(): void {
      try {
        if (piecesBytes > 0) {
          const tail = Buffer.concat(pieces);
          // A last line without a newline is a line too (unless it is blank).
          const unterminated = tail[tail.length - 1] !== NEWLINE && tail.subarray(tail.lastIndexOf(NEWLINE) + 1).toString('utf8').trim().length > 0;
          if (unterminated) {
            body.lines++;
            linesInPieces++;
            if (body.lines > limits.maxRecords) throw limits.tooMany();
            limits.admit?.(1);
          }
          pieces = [];
          cut(tail);
        }
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
