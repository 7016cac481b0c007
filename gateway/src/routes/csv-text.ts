/**
 * CSV as RFC 4180 writes it: a header row, CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break. A field starting with `=`, `+`, `-` or `@` is prefixed with
 * an apostrophe so that a spreadsheet does not run it as a formula (OWASP CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  // Amounts are numbers and stay as they are; only text can smuggle a formula.
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
