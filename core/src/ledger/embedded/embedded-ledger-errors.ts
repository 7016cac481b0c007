import { LedgerError } from '../ledger-errors.js';

/** What was found wrong with a block of the embedded ledger's log. */
export type IntegrityFault = 'unreadable' | 'chain' | 'hash' | 'signature' | 'identity';

/**
 * The embedded ledger's block log does not verify: a block was altered, removed,
 * re-ordered, or carries a signature its department's key does not match. Opening fails
 * rather than serve a history that cannot be trusted.
 */
export class LedgerIntegrityError extends LedgerError {
  readonly blockNumber: number;
  readonly fault: IntegrityFault;

  constructor(blockNumber: number, fault: IntegrityFault, message: string, cause?: unknown) {
    super('LEDGER_INTEGRITY', `block ${String(blockNumber)}: ${message}`, { blockNumber, fault }, cause);
    this.name = 'LedgerIntegrityError';
    this.blockNumber = blockNumber;
    this.fault = fault;
  }
}

/** A proposal's signature did not verify against its department's key; nothing was executed. */
export class ProposalSignatureError extends LedgerError {
  constructor(department: string, txId: string) {
    super('BAD_SIGNATURE', `the proposal ${txId} is not signed by ${department}`, { department, txId });
    this.name = 'ProposalSignatureError';
  }
}

/** A department's key on disk does not match the key the genesis block registered. */
export class DepartmentKeyError extends LedgerError {
  constructor(department: string, message: string) {
    super('DEPARTMENT_KEY', `${department}: ${message}`, { department });
    this.name = 'DepartmentKeyError';
  }
}
