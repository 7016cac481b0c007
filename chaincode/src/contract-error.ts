/**
 * Stable refusal codes. A refusal's message always starts with `<CODE>: `, so clients
 * of either ledger backend (embedded or Fabric, where only the message crosses the wire)
 * can branch on the code without parsing prose.
 */
export const CONTRACT_ERROR_CODES = [
  'ACCESS_DENIED',
  'NOT_FOUND',
  'INVALID_ARGUMENT',
  'CONFLICT',
  'CASE_CLOSED',
  'NOT_OVERDUE',
  'CORRUPT_STATE',
  'UNKNOWN_TRANSACTION',
] as const;
/** One of {@link CONTRACT_ERROR_CODES}. */
export type ContractErrorCode = (typeof CONTRACT_ERROR_CODES)[number];

/** A refusal by the supervision contract; the transaction is not committed. */
export class ContractError extends Error {
  readonly code: ContractErrorCode;

  constructor(code: ContractErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'ContractError';
    this.code = code;
  }
}

/** The code at the start of a refusal message, if it carries one. */
export function contractErrorCodeOf(message: string): ContractErrorCode | undefined {
  const prefix = /^([A-Z_]+): /.exec(message)?.[1];
  return (CONTRACT_ERROR_CODES as readonly string[]).includes(prefix ?? '') ? (prefix as ContractErrorCode) : undefined;
}
