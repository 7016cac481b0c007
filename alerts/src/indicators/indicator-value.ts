/** One computed indicator figure, in the shape the API and the CLI return it. */
import type { CaseStatus } from '../../../core/src/domain/alert.js';
import type { Department } from '../../../core/src/domain/departments.js';
import type { IndicatorContributor, IndicatorUnit } from './indicator-measure.js';
import type { Granularity } from './indicator-period.js';

export type IndicatorBreachKind = 'level' | 'trend';

/** A value of the indicator's series before (and including) the row's period. */
export interface IndicatorHistoryPoint {
  period: string;
  value: number | null;
}

/**
 * `{ indicator, institution, period, value, threshold, breached, caseId? }` of the shared
 * INTERFACES.md, with what a supervisor needs to read it: the trend, the base, the
 * contributors and the alerts behind the figure, and the series before it.
 */
export interface IndicatorValue {
  indicator: string;
  /** `id@version` of the definition that produced the figure. */
  version: string;
  unit: IndicatorUnit;
  institution: string;
  /** The corridor (country) for outflow by corridor; absent for whole-institution figures. */
  segment?: string;
  /** `2026Q3`, `2026-07` or `2026-W27`. */
  period: string;
  granularity: Granularity;
  /** The period's bounds (ISO UTC; China Standard Time calendar). */
  periodStart: string;
  periodEnd: string;
  /** Null when it cannot be computed (growth without a previous period). */
  value: number | null;
  /** What the value rests on: its denominator, count or amount. */
  base: number;
  /** The level threshold for this period (null: none). */
  threshold: number | null;
  /** Breach when the value rose more than this many percent on the previous period (null: none). */
  trendThreshold: number | null;
  previous: number | null;
  /** Relative change on the previous period, in percent (null without one). */
  changePct: number | null;
  /** False when the base is under the definition's minimum: shown, never breached. */
  sufficientBase: boolean;
  breached: boolean;
  breaches: IndicatorBreachKind[];
  departments: Department[];
  /** The joint review the breach opened (still shown once the figure is no longer breached). */
  caseId?: string;
  caseStatus?: CaseStatus;
  /** Alerts the figure rests on (the traced loans' alerts for the credit shares). */
  alertIds: string[];
  /** The largest records behind the figure. */
  contributors: IndicatorContributor[];
  history: IndicatorHistoryPoint[];
}
