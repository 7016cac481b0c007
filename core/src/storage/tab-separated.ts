/**
 * One field of a TabSeparated insert. The platform's ids are printable ASCII (the validator
 * enforces it: no tab, newline or control character), so only the backslash needs escaping.
 */
export function tsvField(value: string): string {
  return value.includes('\\') ? value.replaceAll('\\', '\\\\') : value;
}
