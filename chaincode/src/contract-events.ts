/**
 * Chaincode event names. Each mutating transaction emits exactly one of these; its
 * payload is the canonical JSON of the record as stored after the transaction.
 * A transaction that changes nothing (an idempotent repeat) emits none.
 */
export const CONTRACT_EVENTS = {
  batchAnchored: 'BatchAnchored',
  alertRecorded: 'AlertRecorded',
  caseOpened: 'CaseOpened',
  /** An opinion, a widening, a closing or an escalation of a joint-review case. */
  caseUpdated: 'CaseUpdated',
  ruleSetAnchored: 'RuleSetAnchored',
  reportAnchored: 'ReportAnchored',
  reportSignedOff: 'ReportSignedOff',
  /** A negative- or allow-list entry proposed, approved or withdrawn. */
  listEntryChanged: 'ListEntryChanged',
  /** The hash of an entry of a case's discussion. */
  caseNoteRecorded: 'CaseNoteRecorded',
} as const;
/** One of the {@link CONTRACT_EVENTS} names. */
export type ContractEventName = (typeof CONTRACT_EVENTS)[keyof typeof CONTRACT_EVENTS];
