import { GatewayError } from '@hyperledger/fabric-gateway';
import { LedgerError, TransactionRefusedError } from '../ledger-errors.js';

/** The contract's refusal messages start with a code (`ACCESS_DENIED: …`). */
const REFUSAL = /(?:chaincode response \d+, )?([A-Z][A-Z_]+: .*)$/s;

/** Every message an error carries: its own and each endorsing peer's. */
function messagesOf(error: unknown): string[] {
  if (error instanceof GatewayError) return [...error.details.map((d) => d.message), error.message];
  return error instanceof Error ? [error.message] : [String(error)];
}

/** The contract's own message if one of the peers (or the gateway) relayed it. */
export function contractRefusalOf(error: unknown): string | undefined {
  for (const message of messagesOf(error)) {
    const refusal = REFUSAL.exec(message)?.[1];
    if (refusal !== undefined && /chaincode response|^[A-Z][A-Z_]+: /.test(message)) return refusal;
  }
  return undefined;
}

/**
 * Translates a Fabric Gateway failure at the ledger boundary: a refusal by the contract becomes
 * {@link TransactionRefusedError} (nothing was committed), anything else a `LEDGER_UNAVAILABLE`
 * {@link LedgerError} whose details keep the gRPC code and the peers' messages.
 */
export function translateFabricError(fn: string, error: unknown): LedgerError {
  const refusal = contractRefusalOf(error);
  if (refusal !== undefined) return new TransactionRefusedError(fn, refusal, error);
  const details = error instanceof GatewayError
    ? { fn, grpcCode: error.code, peers: error.details.map((d) => `${d.mspId}@${d.address}: ${d.message}`) }
    : { fn };
  return new LedgerError('LEDGER_UNAVAILABLE', `Fabric ${fn} failed: ${messagesOf(error).at(-1) ?? 'unknown error'}`, details, error);
}
