/**
 * A rule set: the versioned configuration of every typology (enabled or not, and its
 * parameters). It is data: validated here, hashed canonically (rule-set-hash.ts), anchored
 * on the ledger by the pipeline, and named in every alert's `ruleVersion`.
 */
import { Value } from '@sinclair/typebox/value';
import { TYPOLOGY_IDS, type TypologyId } from '../../../core/src/domain/alert.js';
import { TYPOLOGY_CATALOGUE, detectorOf } from '../typologies/index.js';

/** Configuration of one typology within a rule set. */
export interface TypologyRule {
  enabled: boolean;
  /** Parameters, validated against the typology's schema; every field present. */
  params: Record<string, unknown>;
}

/** A validated, normalized rule set. */
export interface RuleSet {
  /** Semantic version of the configuration, e.g. `2026.11.0` or `1.2.0`. */
  version: string;
  description?: string;
  typologies: Partial<Record<TypologyId, TypologyRule>>;
}

/** A rule set that failed validation; `details` name each offending field. */
export class RuleSetValidationError extends Error {
  readonly code = 'RULE_SET_INVALID';
  constructor(readonly details: readonly string[]) {
    super(`invalid rule set: ${details.join('; ')}`);
    this.name = 'RuleSetValidationError';
  }
}

const VERSION_PATTERN = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validate one typology entry; missing parameters take the typology's defaults. */
function typologyRuleOf(id: TypologyId, input: unknown, problems: string[]): TypologyRule | undefined {
  const detector = detectorOf(id);
  const at = `typologies.${id}`;
  if (!detector) { problems.push(`${at}: typology has no detector`); return undefined; }
  if (!isObject(input)) { problems.push(`${at}: must be an object`); return undefined; }
  for (const key of Object.keys(input)) if (key !== 'enabled' && key !== 'params') problems.push(`${at}.${key}: unknown field`);
  const enabled = input.enabled ?? true;
  if (typeof enabled !== 'boolean') problems.push(`${at}.enabled: must be a boolean`);
  const given = input.params ?? {};
  if (!isObject(given)) { problems.push(`${at}.params: must be an object`); return undefined; }
  const params = { ...(detector.defaultParams as Record<string, unknown>), ...given };
  const before = problems.length;
  for (const error of Value.Errors(detector.paramsSchema, params)) {
    problems.push(`${at}.params${error.path.replaceAll('/', '.')}: ${error.message}`);
  }
  if (problems.length === before && detector.checkParams) {
    for (const problem of detector.checkParams(params as never)) problems.push(`${at}.params.${problem}`);
  }
  return { enabled: enabled === true, params };
}

/**
 * Validate and normalize a rule set. Typologies left out run with their defaults; a
 * typology's parameters left out take its defaults. Throws RuleSetValidationError.
 */
export function validateRuleSet(input: unknown): RuleSet {
  const problems: string[] = [];
  if (!isObject(input)) throw new RuleSetValidationError(['(root): must be an object']);
  for (const key of Object.keys(input)) {
    if (!['version', 'description', 'typologies'].includes(key)) problems.push(`${key}: unknown field`);
  }
  const { version, description } = input;
  if (typeof version !== 'string' || !VERSION_PATTERN.test(version)) problems.push('version: must be a semantic version like 1.0.0');
  if (description !== undefined && typeof description !== 'string') problems.push('description: must be a string');
  const typologiesInput = input.typologies ?? {};
  if (!isObject(typologiesInput)) throw new RuleSetValidationError([...problems, 'typologies: must be an object']);
  for (const key of Object.keys(typologiesInput)) {
    if (!(TYPOLOGY_IDS as readonly string[]).includes(key)) problems.push(`typologies.${key}: unknown typology`);
  }
  const typologies: Partial<Record<TypologyId, TypologyRule>> = {};
  for (const detector of TYPOLOGY_CATALOGUE) {
    const rule = typologyRuleOf(detector.id, typologiesInput[detector.id] ?? {}, problems);
    if (rule) typologies[detector.id] = rule;
  }
  if (problems.length > 0) throw new RuleSetValidationError(problems);
  return { version: version as string, ...(description === undefined ? {} : { description: description as string }), typologies };
}

/** The default rule set: every catalogued typology enabled with the catalogue's defaults. */
export function defaultRuleSet(): RuleSet {
  return validateRuleSet({ version: '1.0.0', description: 'Typology catalogue defaults (issue 4)' });
}
