import { checkpointers, type Checkpointer } from '@hyperledger/fabric-gateway';
import type { Department } from '../../domain/departments.js';
import type { CommittedTransaction, Ledger, LedgerEvent, LedgerEventListener } from '../ledger.js';
import { LedgerClosedError, LedgerError } from '../ledger-errors.js';
import { chainHeight } from './chain-height.js';
import { ChaincodeEventFeed } from './chaincode-event-feed.js';
import { DepartmentGateways, type FabricDeadlines } from './connect.js';
import type { FabricConnectionProfile } from './connection-profile.js';
import { translateFabricError } from './fabric-errors.js';

export interface FabricLedgerOptions {
  readonly profile: FabricConnectionProfile;
  /**
   * File in the gateway's data directory where the event feed records the last event it
   * delivered, so a restarted gateway resumes right after it.
   */
  readonly checkpointFile: string;
  /** Whose peer the gateway reads events and the block height from; default the first department in the profile. */
  readonly listenAs?: Department;
  readonly deadlines?: FabricDeadlines;
  /** Told about a listener that threw and an event stream that broke (and is being resumed). */
  readonly onError?: (error: unknown, context: string) => void;
}

const decoder = new TextDecoder();

/** Contract results are canonical JSON; an empty result (a void function) is `undefined`. */
function parseResult(bytes: Uint8Array): unknown {
  const text = decoder.decode(bytes);
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The `fabric` ledger backend: the supervision contract on a Hyperledger Fabric channel,
 * reached through each department's own peer with that department's own identity. A
 * submission is endorsed by a majority of the regulators (the contract's endorsement
 * policy; the department's peer picks the endorsers through service discovery), ordered,
 * and reported once committed in a block.
 */
export class FabricLedger implements Ledger {
  readonly kind = 'fabric' as const;
  readonly #options: Readonly<FabricLedgerOptions>;
  readonly #gateways: DepartmentGateways;
  readonly #listenAs: Department;
  readonly #listeners = new Set<LedgerEventListener>();
  readonly #replays = new Set<ChaincodeEventFeed>();
  /** The shared, checkpointed feed; serialised so two feeds never share the checkpoint file. */
  #feed: Promise<ChaincodeEventFeed | undefined> = Promise.resolve(undefined);
  #closed = false;

  constructor(options: Readonly<FabricLedgerOptions>) {
    this.#options = options;
    this.#gateways = new DepartmentGateways(options.profile, options.deadlines);
    this.#listenAs = options.listenAs ?? (Object.keys(options.profile.departments)[0] as Department);
  }

  async submit(department: Department, fn: string, args: readonly string[]): Promise<CommittedTransaction> {
    const contract = this.#contract(department);
    let submitted;
    try {
      submitted = await contract.submitAsync(fn, { arguments: [...args] });
    } catch (error) {
      throw translateFabricError(fn, error);
    }
    const txId = submitted.getTransactionId();
    let status;
    try {
      status = await submitted.getStatus();
    } catch (error) {
      throw translateFabricError(fn, error);
    }
    if (!status.successful) {
      // Endorsed but invalidated at commit (e.g. an MVCC conflict with a concurrent update).
      throw new LedgerError('TRANSACTION_INVALID', `${fn} ${txId} was not committed: validation code ${status.code}`,
        { fn, txId, validationCode: status.code, blockNumber: Number(status.blockNumber) });
    }
    return { txId, blockNumber: Number(status.blockNumber), result: parseResult(submitted.getResult()) };
  }

  async evaluate(department: Department, fn: string, args: readonly string[]): Promise<unknown> {
    try {
      return parseResult(await this.#contract(department).evaluateTransaction(fn, ...args));
    } catch (error) {
      throw translateFabricError(fn, error);
    }
  }

  subscribe(listener: LedgerEventListener, options: { afterBlock?: number } = {}): () => void {
    if (this.#closed) throw new LedgerClosedError();
    if (options.afterBlock !== undefined) return this.#replay(listener, options.afterBlock);
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#feed = this.#feed.then((previous) => previous ?? this.#openFeed());
    return () => {
      if (!this.#listeners.delete(listener) || this.#listeners.size > 0) return;
      // With no listener left the feed stops, so no event is checkpointed undelivered.
      this.#feed = this.#feed.then(async (feed) => { await feed?.close(); return undefined; });
    };
  }

  /**
   * Resolves once the shared event feed has fixed where it starts: an event committed after
   * this is delivered to the current listeners. (subscribe() itself returns at once.)
   */
  async listening(): Promise<void> {
    await this.#feed;
  }

  async height(): Promise<number> {
    try {
      return await chainHeight(this.#gateways.of(this.#listenAs), this.#options.profile.channel);
    } catch (error) {
      throw translateFabricError('height', error);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    await Promise.all([...this.#replays].map((feed) => feed.close()));
    await (await this.#feed)?.close();
    this.#gateways.close();
  }

  #contract(department: Department) {
    if (this.#closed) throw new LedgerClosedError();
    return this.#gateways.of(department).getNetwork(this.#options.profile.channel).getContract(this.#options.profile.chaincode);
  }

  /** The checkpointed feed shared by listeners that did not ask for a starting block. */
  async #openFeed(): Promise<ChaincodeEventFeed | undefined> {
    if (this.#closed || this.#listeners.size === 0) return undefined;
    const checkpointer = await checkpointers.file(this.#options.checkpointFile);
    if (checkpointer.getBlockNumber() === undefined) {
      // First start: "from now on" is pinned in the file at once, so that a restart before the
      // first event still resumes here rather than at the then-current block.
      await checkpointer.checkpointBlock(BigInt(await this.height()) - 1n);
    }
    return this.#newFeed(checkpointer, (event) => this.#deliverToAll(event));
  }

  /** A listener that asked for events after a given block gets its own, in-memory-checkpointed feed. */
  #replay(listener: LedgerEventListener, afterBlock: number): () => void {
    const checkpointer = checkpointers.inMemory();
    void checkpointer.checkpointBlock(BigInt(afterBlock));
    const feed = this.#newFeed(checkpointer, (event) => this.#deliver(listener, event));
    this.#replays.add(feed);
    return () => {
      if (this.#replays.delete(feed)) void feed.close();
    };
  }

  #newFeed(checkpointer: Checkpointer, deliver: (event: LedgerEvent) => Promise<void>): ChaincodeEventFeed {
    return new ChaincodeEventFeed({
      network: this.#gateways.of(this.#listenAs).getNetwork(this.#options.profile.channel),
      chaincode: this.#options.profile.chaincode,
      checkpointer,
      deliver,
      onInterruption: (error) => this.#options.onError?.(error, 'chaincode event stream interrupted; resuming from checkpoint'),
    });
  }

  async #deliverToAll(event: LedgerEvent): Promise<void> {
    for (const listener of [...this.#listeners]) await this.#deliver(listener, event);
  }

  /** A failing listener is reported, not retried: the event still counts as delivered. */
  async #deliver(listener: LedgerEventListener, event: LedgerEvent): Promise<void> {
    try {
      await listener(event);
    } catch (error) {
      this.#options.onError?.(error, `event listener failed on ${event.name} ${event.txId}`);
    }
  }
}
