/**
 * The risk indicator system: computes every indicator of the active set for a quarter,
 * opens the joint review of each breach in a reviewed period (once), and answers each
 * figure with its case. Evaluations run one at a time, so two readers evaluating the same
 * quarter cannot both open a case for one breach.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Department } from '../../../core/src/domain/departments.js';
import type { UserSession } from '../../../core/src/domain/user-session.js';
import { institutionKind, type Institution } from '../../../core/src/domain/institution-registry.js';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import type { RoutingTable } from '../routing.js';
import { IndicatorBreachCases } from './indicator-breach-cases.js';
import { IndicatorCalculator } from './indicator-calculator.js';
import { indicatorSetHash, type IndicatorDefinition, type IndicatorSet } from './indicator-definition.js';
import { measureOf } from './indicator-measures.js';
import { parseIndicatorQuarter } from './indicator-period.js';
import type { IndicatorValue } from './indicator-value.js';

export interface IndicatorMonitorOptions {
  client: ClickHouseClient;
  set: IndicatorSet;
  cases: IndicatorBreachCases;
  routing: RoutingTable;
  institutions: readonly Institution[];
  /**
   * Changes whenever a figure could (records stored, alerts changed). While it stays the same a
   * quarter's figures are answered from the last evaluation: dashboards and the route read them
   * often, and each evaluation runs every indicator's SQL over five quarters.
   */
  freshness?: () => Promise<string>;
}

/** Quarters whose last evaluation is kept. */
const CACHED_QUARTERS = 8;

/** The ledger key under which the indicator set's hash is anchored (next to the rule sets). */
export const indicatorSetLedgerVersion = (set: Readonly<IndicatorSet>): string => `indicators@${set.version}`;

/** Who may see a figure: the departments it concerns, and auditors. */
export function mayReadIndicator(user: Pick<UserSession, 'department' | 'role'>, value: Pick<IndicatorValue, 'departments'>): boolean {
  return user.role === 'auditor' || value.departments.includes(user.department);
}

export class IndicatorMonitor {
  readonly #o: Readonly<IndicatorMonitorOptions>;
  readonly #calculator: IndicatorCalculator;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #cache = new Map<string, { key: string; values: IndicatorValue[] }>();

  constructor(options: Readonly<IndicatorMonitorOptions>) {
    this.#o = options;
    const platforms = options.institutions.filter((i) => i.kind !== 'bank').map((i) => i.code);
    this.#calculator = new IndicatorCalculator({ client: options.client, platforms, departmentsOf: (def, institution) => this.departmentsOf(def, institution) });
  }

  get set(): IndicatorSet {
    return this.#o.set;
  }

  /** The definition's departments, plus those the routing table adds for the institution's kind (SAMR for platforms). */
  departmentsOf(def: IndicatorDefinition, institution: string): Department[] {
    const kind = institutionKind(this.#o.institutions, institution);
    return [...new Set([...def.departments, ...((kind && this.#o.routing.byInstitutionKind[kind]) ?? [])])];
  }

  /** Anchors the set's hash on the ledger (once per version; a changed set under the same version is refused there). */
  async anchorDefinitions(ledger: SupervisionLedger, as: Department): Promise<{ version: string; hash: string }> {
    const version = indicatorSetLedgerVersion(this.#o.set);
    const hash = indicatorSetHash(this.#o.set);
    const anchored = await ledger.getRuleSet(as, version);
    if (anchored?.hash !== hash) await ledger.anchorRuleSet(as, { version, hash });
    return { version, hash };
  }

  /**
   * Every figure of the quarter (`2026Q3`; an invalid one is refused naming `quarter`), sorted
   * by indicator, institution, segment and period. Breaches in reviewed periods open their
   * joint review unless `openCases` is false; every figure that has one names it.
   */
  evaluate(quarterId: string, options: { openCases?: boolean } = {}): Promise<IndicatorValue[]> {
    const quarter = parseIndicatorQuarter(quarterId);
    const openCases = options.openCases !== false;
    const run = this.#queue.then(async () => {
      const key = openCases && this.#o.freshness ? await this.#o.freshness() : undefined;
      const cached = this.#cache.get(quarter.id);
      if (key !== undefined && cached?.key === key) return cached.values;
      const values: IndicatorValue[] = [];
      for (const def of this.#o.set.indicators) {
        for (const value of await this.#calculator.compute(def, quarter)) values.push(await this.#withCase(def, value, openCases));
      }
      values.sort(compareValues);
      // Opening cases saved alerts: the key after them is the one these figures answer to.
      if (key !== undefined && this.#o.freshness) this.#remember(quarter.id, await this.#o.freshness(), values);
      return values;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #remember(quarter: string, key: string, values: IndicatorValue[]): void {
    this.#cache.delete(quarter);
    this.#cache.set(quarter, { key, values });
    for (const old of this.#cache.keys()) if (this.#cache.size > CACHED_QUARTERS) this.#cache.delete(old);
  }

  async #withCase(def: IndicatorDefinition, value: IndicatorValue, openCases: boolean): Promise<IndicatorValue> {
    const reviewed = def.reviewGranularities.includes(value.granularity);
    const doc = value.breached && reviewed && openCases
      ? await this.#o.cases.open(value, measureOf(def.measure).contributorRole)
      : this.#o.cases.existing(value);
    return doc ? { ...value, caseId: doc.caseId, caseStatus: doc.status } : value;
  }
}

const GRANULARITY_ORDER = { quarter: 0, month: 1, week: 2 } as const;

function compareValues(a: IndicatorValue, b: IndicatorValue): number {
  const keys = (v: IndicatorValue): (string | number)[] => [v.indicator, v.institution, v.segment ?? '', GRANULARITY_ORDER[v.granularity], v.periodStart];
  const [x, y] = [keys(a), keys(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}
