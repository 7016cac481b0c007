/** How the dashboard writes amounts, times, pseudonyms and the regulators' vocabulary. */
import type { CaseStatus, Decision, Severity } from '../data/index.js';

const amountFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** `1234567.5` → `¥1,234,567.50` (amounts are CNY unless a record says otherwise). */
export function formatAmount(amount: string | number, currency = 'CNY'): string {
  const value = typeof amount === 'number' ? amount : Number(amount);
  const symbol = currency === 'CNY' ? '¥' : `${currency} `;
  return Number.isFinite(value) ? `${symbol}${amountFormat.format(value)}` : String(amount);
}

/** Short form for graph labels: `¥1.2M`. */
export function formatAmountCompact(amount: string | number): string {
  const value = typeof amount === 'number' ? amount : Number(amount);
  return Number.isFinite(value) ? `¥${compactFormat.format(value)}` : String(amount);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-08-14 09:31:05` in the viewer's time zone: regulators compare times across screens. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `08-14 09:31`, for edge labels where space is short. */
export function formatShortDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Time left until a deadline, or how long it has passed: `3d 4h left`, `2h overdue`. */
export function formatDeadline(deadline: string, now = Date.now()): { text: string; overdue: boolean } {
  const ms = Date.parse(deadline) - now;
  if (Number.isNaN(ms)) return { text: deadline, overdue: false };
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const span = days > 0 ? `${days}d ${hours}h` : hours > 0 ? `${hours}h ${minutes}m` : `${minutes}m`;
  return ms >= 0 ? { text: `${span} left`, overdue: false } : { text: `${span} overdue`, overdue: true };
}

/** Pseudonyms are long hashes; the head and tail are enough to tell them apart on screen. */
export function shortPseudonym(pseudonym: string): string {
  return pseudonym.length > 12 ? `${pseudonym.slice(0, 6)}…${pseudonym.slice(-4)}` : pseudonym;
}

const TYPOLOGY_LABELS: Record<string, string> = {
  credit_to_real_estate: 'Credit → real estate',
  credit_to_securities: 'Credit → securities',
  structuring: 'Cash structuring',
  cycle: 'Circular transfers',
  rapid_pass_through: 'Rapid pass-through',
  fan_in: 'Fan-in',
  fan_out: 'Fan-out',
  cross_border_split: 'Cross-border split',
};

export function typologyLabel(typology: string): string {
  return TYPOLOGY_LABELS[typology] ?? typology.replace(/_/g, ' ');
}

export const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

export const STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open', confirmed: 'Confirmed', dismissed: 'Dismissed', escalated: 'Escalated',
};

export const DECISION_LABELS: Record<Decision | 'pending', string> = {
  confirm: 'Confirmed', dismiss: 'Dismissed', request_info: 'Requested information', pending: 'Awaiting decision',
};

/** Stable colour per typology for counters, chart and legend. */
export const TYPOLOGY_COLORS: Record<string, string> = {
  credit_to_real_estate: '#e5484d',
  credit_to_securities: '#f76b15',
  structuring: '#ffc53d',
  cycle: '#8e4ec6',
  rapid_pass_through: '#3e63dd',
  fan_in: '#12a594',
  fan_out: '#46a758',
  cross_border_split: '#d6409f',
};

export function typologyColor(typology: string): string {
  return TYPOLOGY_COLORS[typology] ?? '#8b8d98';
}
