/**
 * The `embedded` ledger backend: a single-node development ledger running the
 * supervision contract in-process. See ../README.md for its file format and guarantees.
 */
export { EmbeddedLedger, openEmbeddedLedger, type EmbeddedLedgerOptions } from './embedded-ledger.js';
export { LedgerIntegrityError, ProposalSignatureError, DepartmentKeyError, type IntegrityFault } from './embedded-ledger-errors.js';
export type { Block, GenesisBlock, TransactionBlock, Proposal, SignedProposal, StateWrite, BlockEvent } from './block.js';
export type { ListenerErrorHandler } from './event-hub.js';
export type { ContractClass } from './contract-dispatcher.js';
