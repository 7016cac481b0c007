import {
  blockHash, memberMspId, proposalBytes, transactionId, type Block, type GenesisBlock, type TransactionBlock,
} from './block.js';
import { verifySignature } from './department-keys.js';
import { LedgerIntegrityError } from './embedded-ledger-errors.js';

/**
 * Checks one block of the log against its predecessor: its number, the hash chain, its
 * own hash, and for a transaction, that the proposal is signed by the department the
 * genesis block registered and that the transaction id is the proposal's hash.
 */
export function verifyBlock(raw: unknown, number: number, previous: Block | undefined, genesis: GenesisBlock | undefined): Block {
  const block = readBlockShape(raw, number);
  if (block.number !== number) throw new LedgerIntegrityError(number, 'chain', `numbered ${String(block.number)}`);
  const expectedPrevious = previous?.hash ?? '';
  if (block.previousHash !== expectedPrevious) {
    throw new LedgerIntegrityError(number, 'chain', 'does not name the hash of the block before it');
  }
  if (blockHash(block) !== block.hash) throw new LedgerIntegrityError(number, 'hash', 'content does not match its hash');
  if (block.kind === 'transaction') {
    if (genesis === undefined) throw new LedgerIntegrityError(number, 'chain', 'transaction block before the genesis block');
    verifyEndorsement(block, genesis);
  }
  return block;
}

/** The signature, signer identity and transaction id of a transaction block. */
export function verifyEndorsement(block: TransactionBlock, genesis: GenesisBlock): void {
  const { proposal, signature, txId } = block.transaction;
  const member = Object.hasOwn(genesis.network, proposal.department) ? genesis.network[proposal.department] : undefined;
  if (member === undefined || proposal.mspId !== memberMspId(proposal.department)) {
    throw new LedgerIntegrityError(block.number, 'identity', `signer ${proposal.mspId} is not a registered department`);
  }
  if (!verifySignature(member.publicKey, proposalBytes(proposal), signature)) {
    throw new LedgerIntegrityError(block.number, 'signature', `proposal signature does not verify for ${proposal.department}`);
  }
  if (transactionId(proposal) !== txId) throw new LedgerIntegrityError(block.number, 'signature', 'transaction id is not the proposal hash');
}

/**
 * Enough structure to verify safely. The hash check then vouches for the rest, because
 * a block is hashed over exactly the fields it was written with.
 */
function readBlockShape(raw: unknown, number: number): Block {
  const fail = (what: string): never => {
    throw new LedgerIntegrityError(number, 'unreadable', `malformed block: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('not an object');
  const b = raw as Record<string, unknown>;
  if (typeof b.number !== 'number' || typeof b.previousHash !== 'string' || typeof b.hash !== 'string') return fail('header');
  if (b.kind === 'genesis') {
    if (typeof b.network !== 'object' || b.network === null) return fail('network');
    return raw as GenesisBlock;
  }
  if (b.kind !== 'transaction' || typeof b.transaction !== 'object' || b.transaction === null) return fail('kind');
  const tx = b.transaction as Record<string, unknown>;
  const proposal = tx.proposal as Record<string, unknown> | null | undefined;
  if (typeof tx.txId !== 'string' || typeof tx.signature !== 'string' || !Array.isArray(tx.writes)) return fail('transaction');
  if (typeof proposal !== 'object' || proposal === null || typeof proposal.department !== 'string') return fail('proposal');
  return raw as TransactionBlock;
}
