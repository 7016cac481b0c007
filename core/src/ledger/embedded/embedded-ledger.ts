import { randomBytes } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEPARTMENTS, type Department } from '../../domain/departments.js';
import type { CommittedTransaction, IdentityAttributes, Ledger, LedgerEvent, LedgerEventListener } from '../ledger.js';
import { LedgerClosedError, LedgerError } from '../ledger-errors.js';
import {
  blockHash, CHAINCODE, CHANNEL, memberMspId, proposalBytes, type Block, type BlockEvent, type GenesisBlock, type SignedProposal,
  type TransactionBlock,
} from './block.js';
import { BlockLog } from './block-log.js';
import { ContractDispatcher, type ContractClass } from './contract-dispatcher.js';
import { readKeysLocation, writeKeysLocation } from './keys-location.js';
import { DepartmentKeyring } from './department-keys.js';
import { EventHub, type ListenerErrorHandler } from './event-hub.js';
import { TransactionExecutor } from './transaction-executor.js';
import { WorldStateStore } from './world-state-store.js';

/** Options of {@link openEmbeddedLedger}. */
export interface EmbeddedLedgerOptions {
  /** Directory holding `blocks.ndjson`; created if absent (mode 0700). */
  directory: string;
  /**
   * Where the departments' signing keys go, one directory each (default `<directory>/keys`),
   * for a ledger that does not record where its keys are (a new one, or one from before);
   * a ledger records it (`keys.json`) and is opened with those keys afterwards. The platform
   * keeps them with its secrets, apart from the data.
   */
  keysDirectory?: string;
  /**
   * Key directories to move keys out of into `keysDirectory` (the earlier flat layout
   * `<DEPT>.key.pem` or one directory per department), also when the ledger records one of them.
   */
  legacyKeysDirectories?: readonly string[];
  /** Source of proposal timestamps, i.e. the contract's transaction time (tests inject one). */
  clock?: () => Date;
  /** Where a throwing event listener's error goes (default: `console.error`). */
  onListenerError?: ListenerErrorHandler;
  /**
   * Codes of organisations that join the channel besides the five departments (each gets
   * a key and MSP id `<CODE>MSP`), used when the ledger is first created; e.g. to show
   * that the contract refuses a channel member that is not a supervision department.
   */
  extraOrganizations?: readonly string[];
  /**
   * The chaincode's contract classes, the first being the default. Defaults to the
   * supervision chaincode (`chaincode/src`); tests substitute their own.
   */
  contracts?: readonly ContractClass[];
}

/** Shared by every attribute view of one opened ledger. */
interface LedgerCore {
  keys: DepartmentKeyring;
  log: BlockLog;
  state: WorldStateStore;
  hub: EventHub;
  executor: TransactionExecutor;
  clock: () => Date;
  queue: Promise<unknown>;
  /** Set by `close()`: later calls are refused, those already queued still run. */
  closing?: Promise<void>;
  /** A block write failed: every later call is refused. */
  failure?: Error;
}

/**
 * The embedded backend: a single-node development ledger. The supervision contract runs
 * in-process against a world state materialised from an append-only, hash-chained block
 * log on disk; every submission is a proposal signed with its department's key and
 * verified before it executes; submissions commit one at a time, one block each.
 * It is not a distributed ledger: one process, one copy, no consensus.
 */
export class EmbeddedLedger implements Ledger {
  readonly kind = 'embedded' as const;
  readonly #core: LedgerCore;
  readonly #attributes: IdentityAttributes;

  private constructor(core: LedgerCore, attributes: IdentityAttributes) {
    this.#core = core;
    this.#attributes = attributes;
  }

  /** Opens (or creates) the ledger in `options.directory`, verifying every block. */
  static async open(options: Readonly<EmbeddedLedgerOptions>): Promise<EmbeddedLedger> {
    await mkdir(options.directory, { recursive: true, mode: 0o700 });
    // The block log names departments' cases and alerts: readable by the platform's user only.
    await chmod(options.directory, 0o700);
    const log = await BlockLog.open(join(options.directory, 'blocks.ndjson'));
    try {
      const clock = options.clock ?? (() => new Date());
      // The genesis block, once written, is the authority on who the members are.
      const members = log.genesis === undefined ? [...DEPARTMENTS, ...(options.extraOrganizations ?? [])] : Object.keys(log.genesis.network);
      const keysDirectory = await keysDirectoryOf(options);
      const legacy = [...(options.legacyKeysDirectories ?? []), join(options.directory, 'keys')].map((d) => resolve(d)).filter((d) => d !== keysDirectory);
      const keys = await DepartmentKeyring.open(keysDirectory, members, legacy);
      await writeKeysLocation(options.directory, keysDirectory);
      const genesis = log.genesis ?? await writeGenesis(log, keys, members, clock());
      for (const member of members) keys.assertMatches(member, genesis.network[member]?.publicKey ?? '');
      const state = new WorldStateStore();
      const events = log.blocks.map((block) => (block.kind === 'transaction' ? applyBlock(state, block) : undefined));
      const hub = new EventHub(events, options.onListenerError ?? ((error) => { console.error('ledger event listener failed', error); }));
      const executor = new TransactionExecutor(genesis, state, new ContractDispatcher(options.contracts ?? await loadContracts()));
      return new EmbeddedLedger({ keys, log, state, hub, executor, clock, queue: Promise.resolve() }, {});
    } catch (error) {
      await log.close();
      throw error;
    }
  }

  /** A view of this same ledger whose calls carry `attributes` (e.g. `{ 'suptech.role': 'reviewer' }`). */
  withAttributes(attributes: IdentityAttributes): EmbeddedLedger {
    return new EmbeddedLedger(this.#core, { ...this.#attributes, ...attributes });
  }

  submit(department: Department, fn: string, args: readonly string[]): Promise<CommittedTransaction> {
    return this.submitSignedProposal(this.createSignedProposal(department, fn, args));
  }

  /** Executes without committing; the contract's result, parsed. */
  evaluate(department: Department, fn: string, args: readonly string[]): Promise<unknown> {
    const signed = this.createSignedProposal(department, fn, args);
    return this.#serially(async () => parseResult((await this.#core.executor.execute(signed)).result));
  }

  /**
   * A proposal for `fn(args)` by `department` with this view's attributes, timestamped by
   * the clock and signed with the department's key. Exposed so that a proposal can be
   * inspected or tampered with before {@link submitSignedProposal} (tests do).
   */
  createSignedProposal(department: Department | (string & {}), fn: string, args: readonly string[]): SignedProposal {
    const proposal = {
      channel: CHANNEL, chaincode: CHAINCODE, department, mspId: memberMspId(department), attributes: { ...this.#attributes },
      fn, args: [...args], timestamp: this.#core.clock().toISOString(), nonce: randomBytes(16).toString('hex'),
    };
    return { proposal, signature: this.#core.keys.sign(department, proposalBytes(proposal)) };
  }

  /** Verifies, executes and commits a signed proposal; resolves once its block is on disk. */
  submitSignedProposal(signed: SignedProposal): Promise<CommittedTransaction> {
    return this.#serially(async () => {
      const transaction = await this.#core.executor.execute(signed);
      const block = await this.#append(transaction);
      return { txId: transaction.txId, blockNumber: block.number, result: parseResult(transaction.result) };
    });
  }

  subscribe(listener: LedgerEventListener, options?: { afterBlock?: number }): () => void {
    return this.#core.hub.subscribe(listener, options?.afterBlock);
  }

  height(): Promise<number> {
    return Promise.resolve(this.#core.log.blocks.length);
  }

  /** Every committed block, genesis first (read-only; for audits and tests). */
  blocks(): readonly Block[] {
    return this.#core.log.blocks;
  }

  /**
   * Refuses new calls, lets those already queued finish, then closes the log.
   * Views share one ledger: closing any closes all.
   */
  close(): Promise<void> {
    const core = this.#core;
    core.closing ??= core.queue.then(async () => {
      core.hub.close();
      await core.log.close();
    });
    return core.closing;
  }

  async #append(transaction: TransactionBlock['transaction']): Promise<TransactionBlock> {
    const { log, state, hub, clock } = this.#core;
    const content = {
      number: log.blocks.length, kind: 'transaction' as const, previousHash: log.last?.hash ?? '',
      committedAt: clock().toISOString(), transaction,
    };
    const block: TransactionBlock = { ...content, hash: blockHash(content) };
    try {
      await log.append(block);
    } catch (error) {
      // The log's tail is now unknown; refuse further work rather than fork the chain.
      this.#core.failure = new LedgerError('LEDGER_WRITE_FAILED', 'the block log could not be written', {}, error);
      throw this.#core.failure;
    }
    hub.publish(applyBlock(state, block));
    return block;
  }

  /** Runs `task` after every earlier call: one transaction at a time, as an orderer would. */
  #serially<T>(task: () => Promise<T>): Promise<T> {
    const core = this.#core;
    if (core.closing !== undefined) return Promise.reject(new LedgerClosedError());
    const run = core.queue.then(() => {
      if (core.failure !== undefined) throw core.failure;
      return task();
    });
    core.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * The keys directory to open: the one the ledger records, unless that is one to move keys
 * out of (then `keysDirectory`); for a ledger that records none, `keysDirectory`.
 */
async function keysDirectoryOf(options: Readonly<EmbeddedLedgerOptions>): Promise<string> {
  const wanted = resolve(options.keysDirectory ?? join(options.directory, 'keys'));
  const recorded = await readKeysLocation(options.directory);
  const movable = (options.legacyKeysDirectories ?? []).map((d) => resolve(d));
  return recorded === undefined || movable.includes(recorded) ? wanted : recorded;
}

/** Opens the embedded single-node development ledger in `options.directory`. */
export function openEmbeddedLedger(options: Readonly<EmbeddedLedgerOptions>): Promise<EmbeddedLedger> {
  return EmbeddedLedger.open(options);
}

async function writeGenesis(log: BlockLog, keys: DepartmentKeyring, members: readonly string[], now: Date): Promise<GenesisBlock> {
  const network = Object.fromEntries(members.map((m) => [m, { mspId: memberMspId(m), publicKey: keys.publicKeyPem(m) }]));
  const content = { number: 0 as const, kind: 'genesis' as const, previousHash: '' as const, committedAt: now.toISOString(), network };
  const genesis: GenesisBlock = { ...content, hash: blockHash(content) };
  await log.append(genesis);
  return genesis;
}

/** Applies a committed block to the state; returns its event as subscribers receive it. */
function applyBlock(state: WorldStateStore, block: TransactionBlock): LedgerEvent | undefined {
  state.apply(block);
  const event = block.transaction.event;
  return event === undefined ? undefined : toLedgerEvent(block, event);
}

function toLedgerEvent(block: TransactionBlock, event: BlockEvent): LedgerEvent {
  return { blockNumber: block.number, txId: block.transaction.txId, name: event.name, payload: parseResult(Buffer.from(event.payload, 'base64').toString('utf8')) };
}

function parseResult(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

let contractsModule: Promise<readonly ContractClass[]> | undefined;

/**
 * Loads the chaincode lazily. fabric-contract-api logs every decorator at `info` while
 * the contract class is defined; unless the operator chose a level, keep that quiet.
 */
function loadContracts(): Promise<readonly ContractClass[]> {
  process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'WARNING';
  contractsModule ??= withoutProcessHandlers(() => import('../../../../chaincode/src/index.js')).then((m) => m.contracts);
  return contractsModule;
}

const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * On load, fabric-contract-api installs process-wide `uncaughtException` and
 * `unhandledRejection` handlers that log and carry on: right for a chaincode container,
 * wrong in the gateway, where they would keep a crashed process running. Those it adds
 * while `load` runs are removed again.
 */
async function withoutProcessHandlers<T>(load: () => Promise<T>): Promise<T> {
  type Listener = (...args: unknown[]) => void;
  // Node's typings overload per event name; one untyped view serves both events here.
  const emitter = process as unknown as { listeners(event: string): Listener[]; removeListener(event: string, l: Listener): void };
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  try {
    return await load();
  } finally {
    for (const event of PROCESS_EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener);
      }
    }
  }
}
