/**
 * One locale and one time zone, and everything the pages need to speak them: the message
 * catalog, the vocabularies, and formatters built once with `Intl` and an explicit time zone
 * (Asia/Shanghai unless configured), so that every screen and the report show the same clock.
 */
import { mccName, sectorName } from './industry-codes.js';
import type { Locale } from './locale.js';
import { en, type Messages } from './messages-en.js';
import { zhCN } from './messages-zh-cn.js';
import { typologyName } from './typology-names.js';
import {
  CASE_STATUSES, DECISIONS, DEPARTMENTS, EVIDENCE_ROLES, RECORD_TYPES, ROLES, SEVERITIES, labelOf,
} from './vocabulary.js';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface I18nOptions {
  locale: Locale;
  /** IANA zone all times are shown in. */
  timeZone?: string;
}

export interface I18n {
  readonly locale: Locale;
  readonly timeZone: string;
  /** `UTC+8`: what every time shown is marked with. */
  readonly zoneLabel: string;
  /** `China Standard Time` / `中国标准时间`: the zone's name in the locale. */
  readonly zoneName: string;
  /** The messages of the locale. */
  readonly m: Messages;
  typology(id: string): string;
  severity(id: string): string;
  status(id: string): string;
  decision(id: string): string;
  role(id: string): string;
  /** The department's full name (badges keep the short code). */
  department(code: string): string;
  recordType(id: string): string;
  evidenceRole(id: string): string;
  /** `Real estate (GB/T 4754 K)`. */
  sector(code: string): string;
  /** `Real estate agents and managers (MCC 6513)`. */
  mcc(code: string): string;
  /** `2026-12-01 09:31:05` in the time zone (columns say the zone in their header). */
  dateTime(iso: string | undefined): string;
  /** `2026-12-01 09:31:05 UTC+8`, where a time stands alone. */
  dateTimeZoned(iso: string | undefined): string;
  /** `12-01 09:31`, for graph labels. */
  shortDateTime(iso: string): string;
  date(iso: string): string;
  amount(amount: string | number, currency?: string): string;
  amountCompact(amount: string | number): string;
  count(n: number): string;
  /** Time left until a deadline, or how long it has passed. */
  deadline(deadline: string, now?: number): { text: string; overdue: boolean };
}

/** `GMT+8` → `UTC+8`; `GMT` → `UTC`. */
function zoneLabelOf(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return part.replace(/^GMT/, 'UTC') || 'UTC';
}

export function createI18n(options: Readonly<I18nOptions>): I18n {
  const { locale } = options;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const m = locale === 'en' ? en : zhCN;
  const numberLocale = locale === 'en' ? 'en-US' : 'zh-CN';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  const amountFormat = new Intl.NumberFormat(numberLocale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const compactFormat = new Intl.NumberFormat(numberLocale, { notation: 'compact', maximumFractionDigits: 1 });
  const countFormat = new Intl.NumberFormat(numberLocale);
  const zoneLabel = zoneLabelOf(timeZone, new Date());
  const zoneName = new Intl.DateTimeFormat(numberLocale, { timeZone, timeZoneName: 'long' })
    .formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;

  /** Calendar fields of an instant in the zone, or undefined for an unparsable time. */
  function fields(iso: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> | undefined {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return undefined;
    const out: Record<string, string> = {};
    for (const p of parts.formatToParts(d)) out[p.type] = p.value;
    return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
  }
  const dateTime = (iso: string | undefined): string => {
    if (!iso) return '—';
    const f = fields(iso);
    return f ? `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}` : iso;
  };
  const toNumber = (v: string | number): number => (typeof v === 'number' ? v : Number(v));

  return {
    locale, timeZone, zoneLabel, zoneName, m,
    typology: (id) => typologyName(id, locale),
    severity: (id) => labelOf(SEVERITIES, id, locale),
    status: (id) => labelOf(CASE_STATUSES, id, locale),
    decision: (id) => labelOf(DECISIONS, id, locale),
    role: (id) => labelOf(ROLES, id, locale),
    department: (code) => DEPARTMENTS[code]?.[locale] ?? code,
    recordType: (id) => labelOf(RECORD_TYPES, id, locale),
    evidenceRole: (id) => labelOf(EVIDENCE_ROLES, id, locale),
    sector(code) { const name = sectorName(code, locale); return name ? m.sectorValue(code, name) : m.sectorUnknown(code); },
    mcc(code) { const name = mccName(code, locale); return name ? m.mccValue(code, name) : m.mccUnknown(code); },
    dateTime,
    dateTimeZoned: (iso) => (iso ? `${dateTime(iso)} ${zoneLabelOf(timeZone, new Date(iso))}` : '—'),
    shortDateTime(iso) { const f = fields(iso); return f ? `${f.month}-${f.day} ${f.hour}:${f.minute}` : iso; },
    date(iso) { const f = fields(iso); return f ? `${f.year}-${f.month}-${f.day}` : iso; },
    amount(amount, currency = 'CNY') {
      const value = toNumber(amount);
      const symbol = currency === 'CNY' ? '¥' : `${currency} `;
      return Number.isFinite(value) ? `${symbol}${amountFormat.format(value)}` : String(amount);
    },
    amountCompact(amount) {
      const value = toNumber(amount);
      return Number.isFinite(value) ? `¥${compactFormat.format(value)}` : String(amount);
    },
    count: (n) => countFormat.format(n),
    deadline(deadline, now = Date.now()) {
      const ms = Date.parse(deadline) - now;
      if (Number.isNaN(ms)) return { text: deadline || '—', overdue: false };
      const abs = Math.abs(ms);
      const days = Math.floor(abs / 86_400_000);
      const hours = Math.floor((abs % 86_400_000) / 3_600_000);
      const minutes = Math.floor((abs % 3_600_000) / 60_000);
      const span = days > 0 ? m.spanDays(days, hours) : hours > 0 ? m.spanHours(hours, minutes) : m.spanMinutes(minutes);
      return ms >= 0 ? { text: m.deadlineLeft(span), overdue: false } : { text: m.deadlineOverdue(span), overdue: true };
    },
  };
}
