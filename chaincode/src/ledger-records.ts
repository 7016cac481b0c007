import type { Department } from './access-policy.js';
import {
  asFields, department, departmentMap, departmentSet, HASH_PATTERN, integer, oneOf, optionalText,
  optionalTimestamp, QUARTER_PATTERN, text, timestamp,
} from './validate.js';

/**
 * The records the supervision contract keeps in the world state, and their readers.
 * Reads are validated like arguments: a record that does not match its shape is
 * refused rather than trusted.
 */

/** A department's possible opinions on a case. */
export const DECISIONS = ['confirm', 'dismiss', 'request_info'] as const;
/** One of {@link DECISIONS}. */
export type Decision = (typeof DECISIONS)[number];
/** Where a case stands; all but `open` are final. */
export const CASE_STATUSES = ['open', 'confirmed', 'dismissed', 'escalated'] as const;
/** One of {@link CASE_STATUSES}. */
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Why a case was escalated to the quarterly joint meeting. */
export const ESCALATION_REASONS = ['disagreement', 'deadline'] as const;
/** One of {@link ESCALATION_REASONS}. */
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** The Merkle root of a batch of record hashes, anchored by the department that submitted it. */
export interface BatchAnchor {
  batchId: string; merkleRoot: string; count: number; firstTs: string; lastTs: string;
  submittedBy: Department; anchoredAt: string;
}

/** An alert's hash and routing; `version` grows each time its hash changes. */
export interface AlertRecord {
  alertId: string; alertHash: string; typology: string; ruleVersion: string; departments: Department[];
  version: number; recordedBy: Department; recordedAt: string;
}

/** One department's opinion on a case; the comment text stays off-chain, its hash is here. */
export interface Opinion {
  department: Department; decision: Decision; commentHash: string; at: string; txId: string;
  /** The acting user (`suptech.user` attribute), when the identity carries one. */
  by?: string;
}

/** A joint-review case: routed departments, their opinions, and where it stands. */
export interface ReviewCase {
  caseId: string; alertId: string; departments: Department[]; status: CaseStatus;
  opinions: Partial<Record<Department, Opinion>>;
  openedAt: string; openedBy: Department; deadline: string; updatedAt: string;
  closedAt?: string; escalationReason?: EscalationReason;
}

/** A version of the detection rule set, by hash. */
export interface RuleSetAnchor { version: string; hash: string; anchoredBy: Department; anchoredAt: string }

/** One department's sign-off of a quarterly report. */
export interface ReportSignOff { at: string; txId: string; reportHash: string; by?: string }

/** A quarterly joint report's hash and the departments that signed it off. */
export interface ReportAnchor {
  quarter: string; reportHash: string; anchoredBy: Department; anchoredAt: string;
  signOffs: Partial<Record<Department, ReportSignOff>>;
}

/** A stored batch anchor, validated. */
export function readBatch(value: unknown): BatchAnchor {
  const f = asFields(value, 'batch');
  return {
    batchId: text(f.batchId, 'batchId'), merkleRoot: text(f.merkleRoot, 'merkleRoot', HASH_PATTERN),
    count: integer(f.count, 'count', 1, Number.MAX_SAFE_INTEGER),
    firstTs: timestamp(f.firstTs, 'firstTs'), lastTs: timestamp(f.lastTs, 'lastTs'),
    submittedBy: department(f.submittedBy, 'submittedBy'), anchoredAt: timestamp(f.anchoredAt, 'anchoredAt'),
  };
}

/** A stored alert record, validated. */
export function readAlert(value: unknown): AlertRecord {
  const f = asFields(value, 'alert');
  return {
    alertId: text(f.alertId, 'alertId'), alertHash: text(f.alertHash, 'alertHash', HASH_PATTERN),
    typology: text(f.typology, 'typology'), ruleVersion: text(f.ruleVersion, 'ruleVersion'),
    departments: departmentSet(f.departments, 'departments'),
    version: integer(f.version, 'version', 1, Number.MAX_SAFE_INTEGER),
    recordedBy: department(f.recordedBy, 'recordedBy'), recordedAt: timestamp(f.recordedAt, 'recordedAt'),
  };
}

function readOpinion(value: unknown, field: string): Opinion {
  const f = asFields(value, field);
  return {
    department: department(f.department, `${field}.department`), decision: oneOf(f.decision, `${field}.decision`, DECISIONS),
    commentHash: text(f.commentHash, `${field}.commentHash`, HASH_PATTERN), at: timestamp(f.at, `${field}.at`),
    txId: text(f.txId, `${field}.txId`), by: optionalText(f.by, `${field}.by`),
  };
}

/** A stored case, validated (opinions included). */
export function readCase(value: unknown): ReviewCase {
  const f = asFields(value, 'case');
  return {
    caseId: text(f.caseId, 'caseId'), alertId: text(f.alertId, 'alertId'),
    departments: departmentSet(f.departments, 'departments'), status: oneOf(f.status, 'status', CASE_STATUSES),
    opinions: departmentMap(f.opinions, 'opinions', readOpinion),
    openedAt: timestamp(f.openedAt, 'openedAt'), openedBy: department(f.openedBy, 'openedBy'),
    deadline: timestamp(f.deadline, 'deadline'), updatedAt: timestamp(f.updatedAt, 'updatedAt'),
    closedAt: optionalTimestamp(f.closedAt, 'closedAt'),
    escalationReason: f.escalationReason === undefined ? undefined : oneOf(f.escalationReason, 'escalationReason', ESCALATION_REASONS),
  };
}

/** A stored rule-set anchor, validated. */
export function readRuleSet(value: unknown): RuleSetAnchor {
  const f = asFields(value, 'ruleSet');
  return {
    version: text(f.version, 'version'), hash: text(f.hash, 'hash', HASH_PATTERN),
    anchoredBy: department(f.anchoredBy, 'anchoredBy'), anchoredAt: timestamp(f.anchoredAt, 'anchoredAt'),
  };
}

function readSignOff(value: unknown, field: string): ReportSignOff {
  const f = asFields(value, field);
  return {
    at: timestamp(f.at, `${field}.at`), txId: text(f.txId, `${field}.txId`),
    reportHash: text(f.reportHash, `${field}.reportHash`, HASH_PATTERN), by: optionalText(f.by, `${field}.by`),
  };
}

/** A stored report anchor, validated (sign-offs included). */
export function readReport(value: unknown): ReportAnchor {
  const f = asFields(value, 'report');
  return {
    quarter: text(f.quarter, 'quarter', QUARTER_PATTERN), reportHash: text(f.reportHash, 'reportHash', HASH_PATTERN),
    anchoredBy: department(f.anchoredBy, 'anchoredBy'), anchoredAt: timestamp(f.anchoredAt, 'anchoredAt'),
    signOffs: departmentMap(f.signOffs, 'signOffs', readSignOff),
  };
}
