import { GatewayError } from '@hyperledger/fabric-gateway';
import { LedgerError, TransactionRefusedError } from '../ledger-errors.js';

/**
 * Peers relay a contract's failure as `chaincode response 500, <the contract's message>`, and
 * the contract's refusals start with a code (`ACCESS_DENIED: …`). gRPC's own text also has the
 * `WORD: ` shape (`ABORTED: …`), so only what follows the marker counts.
 */
const CHAINCODE_RESPONSE = /chaincode response \d+, /g;
const REFUSAL_CODE = /^[A-Z][A-Z_]+: /;

/** Every message an error carries: each endorsing peer's, then its own. */
function messagesOf(error: unknown): string[] {
  if (error instanceof GatewayError) return [...error.details.map((d) => d.message), error.message];
  return error instanceof Error ? [error.message] : [String(error)];
}

/** The contract's own refusal message if a peer (or the gateway) relayed one. */
export function contractRefusalOf(error: unknown): string | undefined {
  for (const message of messagesOf(error)) {
    const markers = [...message.matchAll(CHAINCODE_RESPONSE)];
    const last = markers.at(-1);
    if (last === undefined) continue;
    const relayed = message.slice(last.index + last[0].length);
    if (REFUSAL_CODE.test(relayed)) return relayed;
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
