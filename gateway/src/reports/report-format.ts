/** Words and number formats of the rendered report (the JSON keeps the raw values). */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** `1234567.50` → `1,234,567.50`, without going through a float. */
export function formatAmount(amount: string): string {
  const [whole = '0', fraction = '00'] = amount.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/** Amount in millions of CNY with one decimal, for charts and key figures. */
export function millions(amount: string): number {
  return Math.round(Number(amount) / 100_000) / 10;
}

/** The unit in which durations up to `maxMs` read best: seconds, minutes, hours or days. */
export function durationUnit(maxMs: number): { unit: string; ms: number } {
  if (maxMs < 120_000) return { unit: 's', ms: 1000 };
  if (maxMs < 7_200_000) return { unit: 'min', ms: 60_000 };
  if (maxMs < 172_800_000) return { unit: 'h', ms: 3_600_000 };
  return { unit: 'd', ms: 86_400_000 };
}

/** A duration in milliseconds in its own best unit, one decimal. */
export function formatDuration(ms: number): string {
  const { unit, ms: per } = durationUnit(ms);
  return `${(ms / per).toFixed(1)} ${unit}`;
}

/** An ISO instant as `2026-11-25 23:48 UTC+8`: China Standard Time, as the dashboards show it. */
export function formatInstant(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} UTC+8`;
}
