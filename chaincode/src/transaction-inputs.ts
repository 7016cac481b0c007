import { ContractError } from './contract-error.js';
import type { Department } from './access-policy.js';
import {
  departmentSet, HASH_PATTERN, integer, parseJsonObject, QUARTER_PATTERN, text, timestamp,
} from './validate.js';

/**
 * Readers of the JSON arguments of the contract's transactions. Only the fields named
 * here are taken; anything else in the argument is ignored, so the gateway may send a
 * wider object without the contract storing what it does not vouch for.
 */

/** `anchorBatch`'s argument. */
export interface BatchInput { batchId: string; merkleRoot: string; count: number; firstTs: string; lastTs: string }
/** `recordAlert`'s argument. */
export interface AlertInput { alertId: string; alertHash: string; typology: string; ruleVersion: string; departments: Department[] }
/** `openCase`'s argument, with the default deadline applied. */
export interface CaseOpening { caseId: string; alertId: string; departments: Department[]; deadlineDays: number }
/** `anchorRuleSet`'s argument. */
export interface RuleSetInput { version: string; hash: string }

/** Days a case stays open for decisions before it may be escalated (issue 5: "default 10 days"). */
export const DEFAULT_DEADLINE_DAYS = 10;
/** Upper bound on a case deadline; a longer one would defeat the quarterly escalation. */
export const MAX_DEADLINE_DAYS = 366;

/** Reads `anchorBatch`'s JSON argument; the time range must not run backwards. */
export function readBatchInput(json: string): BatchInput {
  const f = parseJsonObject(json, 'batch');
  const batch = {
    batchId: text(f.batchId, 'batchId'), merkleRoot: text(f.merkleRoot, 'merkleRoot', HASH_PATTERN),
    count: integer(f.count, 'count', 1, Number.MAX_SAFE_INTEGER),
    firstTs: timestamp(f.firstTs, 'firstTs'), lastTs: timestamp(f.lastTs, 'lastTs'),
  };
  if (Date.parse(batch.firstTs) > Date.parse(batch.lastTs)) {
    throw new ContractError('INVALID_ARGUMENT', 'firstTs must not be later than lastTs');
  }
  return batch;
}

/** Reads `recordAlert`'s JSON argument. */
export function readAlertInput(json: string): AlertInput {
  const f = parseJsonObject(json, 'alert');
  return {
    alertId: text(f.alertId, 'alertId'), alertHash: text(f.alertHash, 'alertHash', HASH_PATTERN),
    typology: text(f.typology, 'typology'), ruleVersion: text(f.ruleVersion, 'ruleVersion'),
    departments: departmentSet(f.departments, 'departments'),
  };
}

/** Reads `openCase`'s JSON argument. */
export function readCaseOpening(json: string): CaseOpening {
  const f = parseJsonObject(json, 'case');
  return {
    caseId: text(f.caseId, 'caseId'), alertId: text(f.alertId, 'alertId'),
    departments: departmentSet(f.departments, 'departments'),
    deadlineDays: f.deadlineDays === undefined ? DEFAULT_DEADLINE_DAYS : integer(f.deadlineDays, 'deadlineDays', 1, MAX_DEADLINE_DAYS),
  };
}

/** Reads `anchorRuleSet`'s JSON argument. */
export function readRuleSetInput(json: string): RuleSetInput {
  const f = parseJsonObject(json, 'ruleSet');
  return { version: text(f.version, 'version'), hash: text(f.hash, 'hash', HASH_PATTERN) };
}

/** A quarter argument such as `2026Q3`. */
export function readQuarter(value: string): string {
  return text(value, 'quarter', QUARTER_PATTERN);
}

/** A hash argument (report hash, comment hash). */
export function readHash(value: string, field: string): string {
  return text(value, field, HASH_PATTERN);
}
