import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaincodeEvent, Checkpointer, CloseableAsyncIterable, Network } from '@hyperledger/fabric-gateway';
import type { LedgerEvent } from '../ledger.js';

export interface ChaincodeEventFeedOptions {
  readonly network: Network;
  readonly chaincode: string;
  /** Where the feed resumes: after the last event it checkpointed. */
  readonly checkpointer: Checkpointer;
  /** Receives each event in order; the checkpoint advances only once it has resolved. */
  readonly deliver: (event: LedgerEvent) => Promise<void>;
  /** Called when the stream breaks (peer restarting, network partition); the feed reconnects. */
  readonly onInterruption?: (error: unknown) => void;
  readonly reconnectDelayMs?: number;
}

const decoder = new TextDecoder();

/** Contract events carry canonical JSON; anything else is passed on as text. */
function parsePayload(payload: Uint8Array): unknown {
  const text = decoder.decode(payload);
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function toLedgerEvent(event: ChaincodeEvent): LedgerEvent {
  return {
    blockNumber: Number(event.blockNumber),
    txId: event.transactionId,
    name: event.eventName,
    payload: parsePayload(event.payload),
  };
}

/**
 * Reads a contract's chaincode events with a checkpoint, in the manner of fabric-samples'
 * off_chain_data listener: deliver, then checkpoint. After a broken stream or a restart it
 * resumes right after the last checkpointed event, so no event is missed or delivered twice
 * (the one window is a crash between delivery and checkpoint, see the README).
 */
export class ChaincodeEventFeed {
  readonly #options: Readonly<ChaincodeEventFeedOptions>;
  #stream: CloseableAsyncIterable<ChaincodeEvent> | undefined;
  #stopped = false;
  readonly #done: Promise<void>;

  constructor(options: Readonly<ChaincodeEventFeedOptions>) {
    this.#options = options;
    this.#done = this.#run();
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      try {
        this.#stream = await this.#options.network.getChaincodeEvents(this.#options.chaincode, {
          checkpoint: this.#options.checkpointer,
        });
        // close() may have run while the stream was being opened and could not close it then.
        // Close it now and still iterate: iterating is what consumes the cancellation, which
        // gRPC would otherwise raise as an unhandled stream error.
        if (this.#stopped) this.#stream.close();
        for await (const event of this.#stream) {
          if (this.#stopped) break;
          await this.#options.deliver(toLedgerEvent(event));
          await this.#options.checkpointer.checkpointChaincodeEvent(event);
        }
      } catch (error) {
        if (this.#stopped) break;
        this.#options.onInterruption?.(error);
      } finally {
        this.#stream?.close();
        this.#stream = undefined;
      }
      // A stream that ended without an error (the peer closed it) is reopened too, after a pause.
      if (!this.#stopped) await sleep(this.#options.reconnectDelayMs ?? 1000);
    }
  }

  /** Stops reading; resolves once the event being delivered (if any) is checkpointed. */
  async close(): Promise<void> {
    this.#stopped = true;
    this.#stream?.close();
    await this.#done;
  }
}
