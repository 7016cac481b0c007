import { InvalidInputError } from '../../../core/src/errors.js';

/**
 * The supervisory calendar of the report. Quarters are calendar quarters in China
 * Standard Time (UTC+08:00, no daylight saving since 1991): the regulators' own working
 * calendar, so a loan disbursed at 07:00 on 1 October in Beijing belongs to Q4 even
 * though it is still 30 September in UTC.
 */
export const REPORTING_TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3_600_000;

const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;

/** A calendar quarter such as `2026Q3`, with its bounds as instants. */
export interface ReportingQuarter {
  /** `2026Q3`. */
  id: string;
  year: number;
  /** 1…4. */
  number: number;
  /** First instant of the quarter (inclusive), ISO UTC. */
  from: string;
  /** First instant of the next quarter (exclusive), ISO UTC. */
  to: string;
  /** The quarter's three months, `2026-07` … `2026-09`. */
  months: string[];
}

/** Whether `value` is a quarter id of the form `2026Q3`. */
export function isQuarterId(value: string): boolean {
  return QUARTER_PATTERN.test(value);
}

/** Parses `2026Q3`; anything else is an {@link InvalidInputError} naming the field `quarter`. */
export function parseQuarter(value: string): ReportingQuarter {
  const match = QUARTER_PATTERN.exec(value);
  if (!match) throw new InvalidInputError('quarter', `"${value}" is not a quarter; write the year and the quarter, e.g. 2026Q3`);
  return quarterOf(Number(match[1]), Number(match[2]));
}

function quarterOf(year: number, number: number): ReportingQuarter {
  const startMonth = (number - 1) * 3;
  const instant = (y: number, m: number): string => new Date(Date.UTC(y, m, 1) - OFFSET_MS).toISOString();
  const months = [0, 1, 2].map((i) => `${year}-${String(startMonth + i + 1).padStart(2, '0')}`);
  return {
    id: `${year}Q${number}`, year, number, months,
    from: instant(year, startMonth), to: instant(year, startMonth + 3),
  };
}

/** The quarter before `quarter` (trends compare against it). */
export function previousQuarter(quarter: ReportingQuarter): ReportingQuarter {
  return quarter.number === 1 ? quarterOf(quarter.year - 1, 4) : quarterOf(quarter.year, quarter.number - 1);
}

/** The quarter an instant falls in, in the reporting time zone. */
export function quarterOfInstant(iso: string): ReportingQuarter {
  const local = new Date(Date.parse(iso) + OFFSET_MS);
  return quarterOf(local.getUTCFullYear(), Math.floor(local.getUTCMonth() / 3) + 1);
}

/** The month (`2026-07`) an instant falls in, in the reporting time zone. */
export function monthOfInstant(iso: string): string {
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 7);
}

/** The calendar date (`2026-07-14`) of an instant in the reporting time zone. */
export function dateOfInstant(iso: string): string {
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 10);
}
