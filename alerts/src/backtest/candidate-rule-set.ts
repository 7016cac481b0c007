/**
 * Reading the candidate rule set a backtest runs: a JSON file validated exactly as the
 * platform validates the active one, so a candidate that passes here can go live unchanged.
 */
import { readFile } from 'node:fs/promises';
import { RuleSetValidationError, validateRuleSet, type RuleSet } from '../rules/index.js';

/** A candidate file that cannot be used; `details` name the offending field (or the file). */
export class CandidateRuleSetError extends Error {
  constructor(
    readonly code: 'RULE_FILE_UNREADABLE' | 'RULE_FILE_NOT_JSON' | 'RULE_SET_INVALID',
    readonly details: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(details.join('; '), options);
    this.name = 'CandidateRuleSetError';
  }
}

/** Parse and validate candidate rule-set JSON text; `source` names it in messages. */
export function parseCandidateRuleSet(text: string, source: string): RuleSet {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (cause) {
    throw new CandidateRuleSetError('RULE_FILE_NOT_JSON', [`${source}: not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`], { cause });
  }
  try {
    return validateRuleSet(input);
  } catch (cause) {
    if (cause instanceof RuleSetValidationError) throw new CandidateRuleSetError('RULE_SET_INVALID', cause.details.map((d) => `${source}: ${d}`), { cause });
    throw cause;
  }
}

/** Read, parse and validate a candidate rule-set file. */
export async function readCandidateRuleSet(file: string): Promise<RuleSet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new CandidateRuleSetError('RULE_FILE_UNREADABLE', [`${file}: cannot read (${cause instanceof Error ? cause.message : String(cause)})`], { cause });
  }
  return parseCandidateRuleSet(text, file);
}
