/**
 * Errors a ledger backend raises at its boundary. Each carries a stable `code` the HTTP
 * layer can translate, `details` for logs, and the underlying `cause`.
 */
export class LedgerError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, details: Readonly<Record<string, unknown>> = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'LedgerError';
    this.code = code;
    this.details = details;
  }
}

/**
 * The contract refused a transaction (nothing was committed). `code` is the contract's
 * refusal code (`ACCESS_DENIED`, `NOT_FOUND`, `INVALID_ARGUMENT`, `CONFLICT`, `CASE_CLOSED`,
 * `NOT_OVERDUE`, …), read from the `CODE: ` prefix of the contract's message, or
 * `CONTRACT_FAILURE` when the message carries none.
 */
export class TransactionRefusedError extends LedgerError {
  readonly fn: string;

  constructor(fn: string, message: string, cause?: unknown) {
    const code = /^([A-Z][A-Z_]+): /.exec(message)?.[1] ?? 'CONTRACT_FAILURE';
    super(code, message, { fn }, cause);
    this.name = 'TransactionRefusedError';
    this.fn = fn;
  }
}

/** The ledger was used after `close()`. */
export class LedgerClosedError extends LedgerError {
  constructor() {
    super('LEDGER_CLOSED', 'the ledger is closed');
    this.name = 'LedgerClosedError';
  }
}
