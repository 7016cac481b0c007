import type { Gateway } from '@hyperledger/fabric-gateway';

/**
 * Reads field 1 (`height`, uint64) of a serialized `common.BlockchainInfo`. Decoded by hand:
 * it is one varint at the start of the message, and this spares a direct dependency on the
 * generated protobuf classes.
 */
export function heightFromBlockchainInfo(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0; // proto3 omits a zero height
  if (bytes[0] !== 0x08) throw new Error('unexpected BlockchainInfo encoding: field 1 (height) not first');
  let value = 0n;
  for (let i = 1, shift = 0n; i < bytes.length; i++, shift += 7n) {
    const byte = bytes[i]!;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return Number(value);
  }
  throw new Error('truncated BlockchainInfo height');
}

/** The channel's block height as the gateway's peer has committed it (system chaincode qscc). */
export async function chainHeight(gateway: Gateway, channel: string): Promise<number> {
  const qscc = gateway.getNetwork(channel).getContract('qscc');
  return heightFromBlockchainInfo(await qscc.evaluateTransaction('GetChainInfo', channel));
}
