import { ContractError } from './contract-error.js';
import { isDepartment, type Department } from './access-policy.js';

/**
 * Field readers for values parsed from `unknown` (transaction arguments and world-state
 * reads alike). Each throws `INVALID_ARGUMENT` naming the field and the reason.
 */
export type Fields = Readonly<Record<string, unknown>>;

/** Identifiers (batch, alert, case, rule-set version): 1–128 printable ASCII characters, no spaces. */
export const ID_PATTERN = /^[\x21-\x7e]{1,128}$/;
/** Hashes and Merkle roots: hex, base64 or `algo:`-prefixed digests, 8–200 characters. */
export const HASH_PATTERN = /^[A-Za-z0-9:+/=_-]{8,200}$/;
/** A calendar quarter, e.g. `2026Q3`. */
export const QUARTER_PATTERN = /^\d{4}Q[1-4]$/;
const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function invalid(message: string): ContractError {
  return new ContractError('INVALID_ARGUMENT', message);
}

/** Parses a JSON argument into an object. */
export function parseJsonObject(text: string, what: string): Fields {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(`${what} is not valid JSON`);
  }
  return asFields(value, what);
}

/** `value` as an object's fields, or `INVALID_ARGUMENT`. */
export function asFields(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${what} must be a JSON object`);
  return value as Fields;
}

/** A string matching `pattern` (an identifier by default). */
export function text(value: unknown, field: string, pattern: RegExp = ID_PATTERN): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw invalid(`${field} must be a string matching ${String(pattern)}`);
  }
  return value;
}

/** {@link text}, or `undefined` when absent. */
export function optionalText(value: unknown, field: string, pattern?: RegExp): string | undefined {
  return value === undefined ? undefined : text(value, field, pattern);
}

/** An integer within `[min, max]`. */
export function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be an integer from ${String(min)} to ${String(max)}`);
  }
  return value;
}

/** An ISO-8601 timestamp with zone. */
export function timestamp(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ISO_PATTERN.test(value) || Number.isNaN(Date.parse(value))) {
    throw invalid(`${field} must be an ISO-8601 timestamp with zone`);
  }
  return value;
}

/** {@link timestamp}, or `undefined` when absent. */
export function optionalTimestamp(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : timestamp(value, field);
}

/** One of the `allowed` strings. */
export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(`${field} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** One of the five department codes. */
export function department(value: unknown, field: string): Department {
  if (!isDepartment(value)) throw invalid(`${field} must be one of the network's departments, got ${JSON.stringify(value)}`);
  return value;
}

/** {@link department}, or `undefined` when absent. */
export function optionalDepartment(value: unknown, field: string): Department | undefined {
  return value === undefined ? undefined : department(value, field);
}

/** A non-empty list of departments, de-duplicated and sorted so equal sets serialize equally. */
export function departmentSet(value: unknown, field: string): Department[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid(`${field} must be a non-empty array of departments`);
  const set = new Set(value.map((item, i) => department(item, `${field}[${String(i)}]`)));
  return [...set].sort();
}

/** A map keyed by department, each value read by `read`. */
export function departmentMap<T>(value: unknown, field: string, read: (v: unknown, f: string) => T): Partial<Record<Department, T>> {
  const fields = asFields(value, field);
  const out: Partial<Record<Department, T>> = {};
  for (const [key, item] of Object.entries(fields)) {
    out[department(key, `${field} key`)] = read(item, `${field}.${key}`);
  }
  return out;
}
