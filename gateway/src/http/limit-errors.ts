import { PlatformError } from '../../../core/src/errors.js';

/** A request larger than a per-request limit (413): names the field and the limit. */
export class LimitExceededError extends PlatformError {
  constructor(field: string, message: string, limit: number) {
    super('PAYLOAD_TOO_LARGE', `${field}: ${message}`, { details: { field, limit } });
  }
}

/** The body is larger than `limit` bytes. */
export function bodyTooLarge(limit: number): LimitExceededError {
  return new LimitExceededError('body', `larger than the limit of ${formatBytes(limit)} per request; split it into several requests`, limit);
}

/** The request holds more than `limit` records. */
export function tooManyRecords(limit: number): LimitExceededError {
  return new LimitExceededError('records', `more than the limit of ${limit} records per request; split it into several requests`, limit);
}

/** The platform holds as much ingestion work as it is allowed to (429 with `Retry-After`). */
export class SaturatedError extends PlatformError {
  constructor(readonly retryAfterSeconds: number, what: string) {
    super('SATURATED', `ingestion is saturated (${what} in flight at the bound); retry after ${retryAfterSeconds} s`, { details: { retryAfterSeconds } });
  }
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB (${bytes} bytes)` : `${bytes} bytes`;
}
