import { createHash } from 'node:crypto';
import { TransactionRefusedError } from '../ledger-errors.js';
import { memberMspId, proposalBytes, transactionId, type GenesisBlock, type SignedProposal, type TransactionEnvelope } from './block.js';
import { EmbeddedChaincodeStub, EmbeddedClientIdentity } from './chaincode-stub.js';
import type { ContractDispatcher } from './contract-dispatcher.js';
import { verifySignature } from './department-keys.js';
import { ProposalSignatureError } from './embedded-ledger-errors.js';
import type { WorldStateStore } from './world-state-store.js';

/**
 * Executes a signed proposal against the committed world state ("endorsement"):
 * verifies the department's signature, runs the contract function, and returns the
 * transaction envelope (write set, event, result) without committing anything.
 */
export class TransactionExecutor {
  readonly #genesis: GenesisBlock;
  readonly #state: WorldStateStore;
  readonly #dispatcher: ContractDispatcher;

  constructor(genesis: GenesisBlock, state: WorldStateStore, dispatcher: ContractDispatcher) {
    this.#genesis = genesis;
    this.#state = state;
    this.#dispatcher = dispatcher;
  }

  /** Throws {@link TransactionRefusedError} when the contract refuses; nothing of it is kept. */
  async execute(signed: SignedProposal): Promise<TransactionEnvelope> {
    const publicKey = this.#verify(signed);
    const txId = transactionId(signed.proposal);
    const { proposal } = signed;
    const stub = new EmbeddedChaincodeStub(this.#state, proposal, txId);
    const identity = new EmbeddedClientIdentity(proposal, createHash('sha256').update(publicKey).digest('hex'));
    let result: unknown;
    try {
      result = await this.#dispatcher.invoke(proposal.fn, proposal.args, stub, identity);
    } catch (error) {
      throw new TransactionRefusedError(proposal.fn, error instanceof Error ? error.message : String(error), error);
    }
    if (result !== undefined && typeof result !== 'string') {
      throw new TransactionRefusedError(proposal.fn, `CONTRACT_FAILURE: ${proposal.fn} returned a ${typeof result}, not a string`);
    }
    return { ...signed, txId, writes: stub.writeSet(), event: stub.event, result };
  }

  /** The signer's registered public key, once the signature is checked against it. */
  #verify(signed: SignedProposal): string {
    const { proposal } = signed;
    const member = Object.hasOwn(this.#genesis.network, proposal.department) ? this.#genesis.network[proposal.department] : undefined;
    const txId = transactionId(proposal);
    if (member === undefined || proposal.mspId !== memberMspId(proposal.department)) {
      throw new ProposalSignatureError(proposal.mspId, txId);
    }
    if (!verifySignature(member.publicKey, proposalBytes(proposal), signed.signature)) {
      throw new ProposalSignatureError(proposal.department, txId);
    }
    return member.publicKey;
  }
}
