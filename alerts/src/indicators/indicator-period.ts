/**
 * The periods indicators are computed over: ISO weeks, calendar months and calendar quarters
 * in China Standard Time (UTC+08:00, no daylight saving), the regulators' working calendar —
 * the same calendar as the quarterly joint report, so a quarter's indicators and its report
 * count the same records.
 */
import { InvalidInputError } from '../../../core/src/errors.js';

export const GRANULARITIES = ['week', 'month', 'quarter'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** The time zone of the SQL's period buckets (ClickHouse's name for UTC+08:00). */
export const INDICATOR_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** One period: its label (`2026Q3`, `2026-07`, `2026-W27`) and its bounds. */
export interface IndicatorPeriod {
  granularity: Granularity;
  id: string;
  /** First local calendar day, `YYYY-MM-DD` (what the SQL's bucket returns). */
  startDate: string;
  /** First instant (inclusive) and first instant after (exclusive), ISO UTC. */
  from: string;
  to: string;
}

const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;

/** Midnight of a local calendar date (days since epoch, local) as an instant. */
const instantOfLocalDay = (day: number): string => new Date(day * DAY_MS - OFFSET_MS).toISOString();
const localDayOf = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** ISO week label of the week starting on a Monday (the week belongs to the year of its Thursday). */
function isoWeekLabel(mondayDay: number): string {
  const thursday = new Date((mondayDay + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursdayDay = Math.round(Date.UTC(year, 0, 1) / DAY_MS);
  const week = Math.floor((mondayDay + 3 - firstThursdayDay) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period of a granularity that starts on the local date `startDate` (as the SQL buckets it). */
export function periodStartingOn(granularity: Granularity, startDate: string): IndicatorPeriod {
  const day = localDayOf(startDate);
  const [y, m] = [Number(startDate.slice(0, 4)), Number(startDate.slice(5, 7)) - 1];
  let endDay: number;
  let id: string;
  if (granularity === 'week') {
    endDay = day + 7;
    id = isoWeekLabel(day);
  } else if (granularity === 'month') {
    endDay = Math.round(Date.UTC(y, m + 1, 1) / DAY_MS);
    id = startDate.slice(0, 7);
  } else {
    endDay = Math.round(Date.UTC(y, m + 3, 1) / DAY_MS);
    id = `${y}Q${Math.floor(m / 3) + 1}`;
  }
  return { granularity, id, startDate, from: instantOfLocalDay(day), to: instantOfLocalDay(endDay) };
}

/** The local date the period before starts on (trends compare with it). */
export function previousPeriodStart(granularity: Granularity, startDate: string): string {
  const day = localDayOf(startDate);
  if (granularity === 'week') return new Date((day - 7) * DAY_MS).toISOString().slice(0, 10);
  const [y, m] = [Number(startDate.slice(0, 4)), Number(startDate.slice(5, 7)) - 1];
  return new Date(Date.UTC(y, m - (granularity === 'month' ? 1 : 3), 1)).toISOString().slice(0, 10);
}

/** A quarter such as `2026Q3`; anything else is an {@link InvalidInputError} naming `quarter`. */
export function parseIndicatorQuarter(value: string): IndicatorPeriod {
  const match = QUARTER_PATTERN.exec(value);
  if (!match) throw new InvalidInputError('quarter', `"${value}" is not a quarter; write the year and the quarter, e.g. 2026Q3`);
  const month = (Number(match[2]) - 1) * 3 + 1;
  return periodStartingOn('quarter', `${match[1]}-${String(month).padStart(2, '0')}-01`);
}

/** The quarter an instant falls in (local time). */
export function quarterOfInstant(at: Date): IndicatorPeriod {
  const local = new Date(at.getTime() + OFFSET_MS);
  return parseIndicatorQuarter(`${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`);
}

/**
 * The span of records one quarter's evaluation reads: the quarter and `historyQuarters`
 * before it, started on the Monday on or before, so that the first week of the history is
 * whole (a week bucket is never cut by the span).
 */
export function evaluationSpan(quarter: IndicatorPeriod, historyQuarters: number): { from: string; to: string } {
  const y = Number(quarter.startDate.slice(0, 4));
  const m = Number(quarter.startDate.slice(5, 7)) - 1 - 3 * historyQuarters;
  const startDay = Math.round(Date.UTC(y, m, 1) / DAY_MS);
  // Epoch day 0 (1970-01-01) was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const monday = startDay - (((startDay + 3) % 7) + 7) % 7;
  return { from: instantOfLocalDay(monday), to: quarter.to };
}

/** Whether a period belongs to the quarter: it starts within it (a week is the quarter's if its Monday is). */
export function periodInQuarter(period: IndicatorPeriod, quarter: IndicatorPeriod): boolean {
  return period.from >= quarter.from && period.from < quarter.to;
}

