/**
 * The supervision chaincode: what Fabric loads (`contracts`) and the public types that
 * the gateway's embedded ledger and tests use.
 */
import { SupervisionContract } from './supervision-contract.js';

export { SupervisionContract };
/** The contracts of this chaincode; the first is the default for unqualified function names. */
export const contracts = [SupervisionContract];

export { canonicalJson, canonicalBytes } from './canonical-json.js';
export { ContractError, CONTRACT_ERROR_CODES, contractErrorCodeOf, type ContractErrorCode } from './contract-error.js';
export { CONTRACT_EVENTS, type ContractEventName } from './contract-events.js';
export { KEY_TYPES, type KeyType } from './ledger-keys.js';
export {
  DEPARTMENTS, ROLES, ROLE_ATTRIBUTE, USER_ATTRIBUTE, isDepartment, type Department, type Role, type Caller,
} from './access-policy.js';
export { JointReviewCase } from './joint-review-case.js';
export { DEFAULT_DEADLINE_DAYS, MAX_DEADLINE_DAYS } from './transaction-inputs.js';
export type { CaseHistoryEntry } from './case-history.js';
export type {
  AlertRecord, BatchAnchor, CaseStatus, Decision, EscalationReason, Opinion, ReportAnchor, ReportSignOff,
  ReviewCase, RuleSetAnchor,
} from './ledger-records.js';
export type { ListEntryRecord, ListEntryAct, ListEntryState } from './list-entry-approval.js';
