import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../chaincode/src/canonical-json.js';
import type { IdentityAttributes } from '../ledger.js';

/**
 * The embedded ledger's data model: a genesis block registering each department's public
 * key, then one block per committed transaction, each naming its predecessor's hash.
 */

/** Channel and chaincode names written into proposals, as Fabric would. */
export const CHANNEL = 'supervision';
export const CHAINCODE = 'supervision';

/** What a department asks the ledger to do, before signing. */
export interface Proposal {
  channel: string;
  chaincode: string;
  /**
   * Code of the signing organisation: one of the five departments, or an extra
   * organisation the ledger was created with (see `EmbeddedLedgerOptions`).
   */
  department: string;
  mspId: string;
  attributes: IdentityAttributes;
  fn: string;
  args: string[];
  /** Client time of the proposal, ISO-8601: the transaction's timestamp in the contract. */
  timestamp: string;
  /** Makes two otherwise identical proposals distinct transactions. */
  nonce: string;
}

/** A proposal with the department's Ed25519 signature over its canonical JSON. */
export interface SignedProposal {
  proposal: Proposal;
  /** Base64 signature. */
  signature: string;
}

/** One world-state write; `value` is base64, `null` for a delete. */
export interface StateWrite { key: string; value: string | null }

/** A chaincode event; `payload` is base64. */
export interface BlockEvent { name: string; payload: string }

/** A committed transaction: the signed proposal and what executing it produced. */
export interface TransactionEnvelope extends SignedProposal {
  txId: string;
  writes: StateWrite[];
  event?: BlockEvent;
  /** The contract's return value (canonical JSON text), if any. */
  result?: string;
}

/** Block 0: the channel's members and their public keys. */
export interface GenesisBlock {
  number: 0;
  kind: 'genesis';
  previousHash: '';
  committedAt: string;
  /** Each department's MSP id and SPKI PEM public key. */
  network: Record<string, { mspId: string; publicKey: string }>;
  hash: string;
}

/** One committed transaction. */
export interface TransactionBlock {
  number: number;
  kind: 'transaction';
  previousHash: string;
  committedAt: string;
  transaction: TransactionEnvelope;
  hash: string;
}

/** A line of the block log. */
export type Block = GenesisBlock | TransactionBlock;

/** Lowercase hex SHA-256. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** MSP id of a member organisation: its code followed by `MSP`, as for departments. */
export function memberMspId(code: string): string {
  return `${code}MSP`;
}

/** A block's hash: SHA-256 of the canonical JSON of everything in it but the hash. */
export function blockHash(block: Omit<Block, 'hash'> | Block): string {
  const { hash: _omit, ...content } = block as Block;
  return sha256Hex(canonicalJson(content));
}

/** The bytes a department signs: the canonical JSON of the proposal. */
export function proposalBytes(proposal: Proposal): Uint8Array {
  return new TextEncoder().encode(canonicalJson(proposal));
}

/** A transaction's id is the hash of the proposal, so it cannot be detached from it. */
export function transactionId(proposal: Proposal): string {
  return sha256Hex(proposalBytes(proposal));
}

/** One line of the block log. */
export function serializeBlock(block: Block): string {
  return `${canonicalJson(block)}\n`;
}
