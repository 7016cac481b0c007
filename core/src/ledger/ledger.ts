import type { Department } from '../domain/departments.js';

/** A committed ledger transaction, as the submitter learns of it. */
export interface CommittedTransaction {
  txId: string;
  blockNumber: number;
  /** The contract function's return value, parsed from its canonical JSON. */
  result: unknown;
}

/** A chaincode event, delivered once per committed transaction that emitted it. */
export interface LedgerEvent {
  blockNumber: number;
  txId: string;
  /** Event name, one of the contract's EVENT constants (e.g. `CaseUpdated`). */
  name: string;
  /** The event payload, parsed from its canonical JSON. */
  payload: unknown;
}

export type LedgerEventListener = (event: LedgerEvent) => void | Promise<void>;

/**
 * The permissioned ledger as the gateway sees it: one interface, two backends
 * (`embedded` single-node development ledger, `fabric` Hyperledger Fabric network).
 * Every submission is made, and signed, under the identity of one department.
 */
export interface Ledger {
  readonly kind: 'embedded' | 'fabric';
  /** Endorse, order and commit one contract transaction as `department`. */
  submit(department: Department, fn: string, args: readonly string[]): Promise<CommittedTransaction>;
  /** Query the contract as `department` without committing anything. */
  evaluate(department: Department, fn: string, args: readonly string[]): Promise<unknown>;
  /**
   * Receive chaincode events of blocks after `afterBlock` (default: from now on).
   * Returns a disposer. Backends deliver each event to a listener exactly once.
   */
  subscribe(listener: LedgerEventListener, options?: { afterBlock?: number }): () => void;
  /** Number of committed blocks. */
  height(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Identity attributes a submission may assert, as Fabric certificates carry them
 * (`suptech.role`, `suptech.user`; see chaincode/README.md).
 */
export type IdentityAttributes = Readonly<Record<string, string>>;

/** A backend that can act under a user's identity attributes (the embedded ledger does). */
export interface AttributedLedger extends Ledger {
  /** A view of the same ledger whose submissions and queries carry `attributes`. */
  withAttributes(attributes: IdentityAttributes): Ledger;
}

/** Whether `ledger` can assert identity attributes. */
export function supportsAttributes(ledger: Ledger): ledger is AttributedLedger {
  return typeof (ledger as Partial<AttributedLedger>).withAttributes === 'function';
}
