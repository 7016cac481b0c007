/**
 * Typed errors of the platform's boundaries. Each carries a stable `code` and optional
 * `details`; the HTTP layer translates them to status codes in one place (http-errors.ts).
 */
export class PlatformError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options?: { details?: Record<string, unknown>; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details;
  }
}

/** Input that cannot be accepted; names the field and the reason. */
export class InvalidInputError extends PlatformError {
  constructor(readonly field: string, readonly reason: string) {
    super('INVALID_INPUT', `${field}: ${reason}`, { details: { field, reason } });
  }
}

export class AuthenticationError extends PlatformError {
  constructor(message = 'authentication required') { super('UNAUTHENTICATED', message); }
}

export class AccessDeniedError extends PlatformError {
  constructor(message: string) { super('ACCESS_DENIED', message); }
}

export class NotFoundError extends PlatformError {
  constructor(what: string) { super('NOT_FOUND', `${what} not found`); }
}

/**
 * A record that was received and anchored but is no longer stored: unlike a record never
 * received, its batch still lists it and the ledger holds the root that includes its hash.
 */
export class RecordDeletedError extends PlatformError {
  constructor(what: string, details: { batchId: string; leafIndex: number; recordHash: string }) {
    super('RECORD_DELETED', `${what} was deleted after it was anchored in batch ${details.batchId} (leaf ${String(details.leafIndex)}, sha256 ${details.recordHash})`, { details });
  }
}

/** The contract refused a transaction (its message starts with a code such as `CASE_CLOSED:`). */
export class LedgerRefusalError extends PlatformError {
  constructor(message: string, cause?: unknown) { super('LEDGER_REFUSED', message, { cause }); }
}

/** An engine (ClickHouse, ledger) is not reachable or not ready. */
export class EngineUnavailableError extends PlatformError {
  constructor(engine: string, cause?: unknown) {
    super('ENGINE_UNAVAILABLE', `${engine} is unavailable`, { cause });
  }
}
