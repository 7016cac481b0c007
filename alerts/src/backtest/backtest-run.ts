/**
 * A backtest: the detection engine with a candidate rule set over the whole stored history,
 * folded into alerts in memory the way the live pipeline folds them, and compared with the
 * alerts stored now. It only reads: nothing is stored, nothing goes to the ledger.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { TypologyId } from '../../../core/src/domain/alert.js';
import type { AlertDocument } from '../alert-store.js';
import { createDetectionEngine, groupIncidents, type Incident } from '../detection/index.js';
import { ruleSetHash, type RuleSet } from '../rules/index.js';
import { compareAlerts, comparedFromGroup, comparedFromStored, isDetectionAlert, type TypologyComparison } from './alert-comparison.js';
import { ruleSetChanges, type RuleSetChange } from './rule-set-changes.js';

/** Options of a backtest run. */
export interface BacktestOptions {
  client: ClickHouseClient;
  /** The rule set the stored alerts were raised by (the platform's active one). */
  active: RuleSet;
  /** The validated candidate (see readCandidateRuleSet). */
  candidate: RuleSet;
  /** The alerts stored now (AlertStore.all()). */
  currentAlerts: readonly AlertDocument[];
  /** Highest stored seq: the history examined is (0, uptoSeq]. */
  uptoSeq: number;
  /** Called before each typology runs and once at the end (done = total). */
  onProgress?: (progress: { done: number; total: number; typology?: TypologyId }) => void;
}

/** A rule set named by version and hash. */
export interface RuleSetIdentity {
  version: string;
  hash: string;
  description?: string;
}

/** Everything a backtest found (the `--json` output). */
export interface BacktestReport {
  candidate: RuleSetIdentity;
  active: RuleSetIdentity;
  /** Settings of the candidate that differ from the active rule set. */
  parameterChanges: RuleSetChange[];
  /** The stored history examined: records with seq in (0, uptoSeq]. */
  history: { uptoSeq: number };
  /** `ruleVersion`s found on the stored alerts (normally only the active rule set's). */
  currentRuleVersions: string[];
  typologies: (TypologyComparison & { enabled: boolean; error?: string; ms: number })[];
  totals: { current: number; candidate: number; new: number; gone: number; changed: number };
}

function identityOf(ruleSet: Readonly<RuleSet>): RuleSetIdentity {
  return { version: ruleSet.version, hash: ruleSetHash(ruleSet), ...(ruleSet.description === undefined ? {} : { description: ruleSet.description }) };
}

/** The rule set with only one typology enabled, so each typology's run is its own step. */
function onlyTypology(ruleSet: Readonly<RuleSet>, id: TypologyId): RuleSet {
  const typologies = Object.fromEntries(Object.entries(ruleSet.typologies)
    .map(([key, rule]) => [key, { ...rule, enabled: key === id && rule.enabled }]));
  return { ...ruleSet, typologies };
}

/** Run the candidate over the stored history and compare with the stored alerts. */
export async function runBacktest(options: Readonly<BacktestOptions>): Promise<BacktestReport> {
  const { client, candidate, uptoSeq } = options;
  const enabled = (Object.entries(candidate.typologies) as [TypologyId, { enabled: boolean }][])
    .filter(([, rule]) => rule.enabled).map(([id]) => id);
  const incidents: Incident[] = [];
  const errors = new Map<TypologyId, string>();
  const timings = new Map<TypologyId, number>();
  for (const [index, typology] of enabled.entries()) {
    options.onProgress?.({ done: index, total: enabled.length, typology });
    const started = performance.now();
    // One engine per typology: the engine runs its typologies in sequence anyway, and this
    // gives progress per typology on long histories.
    const engine = createDetectionEngine({ client, ruleSet: onlyTypology(candidate, typology) });
    const result = await engine.detect({ afterSeq: 0, uptoSeq });
    incidents.push(...result.incidents);
    for (const failure of result.errors) errors.set(failure.typology, failure.error.message);
    timings.set(typology, performance.now() - started);
  }
  options.onProgress?.({ done: enabled.length, total: enabled.length });

  const candidateAlerts = groupIncidents(incidents).map(comparedFromGroup);
  const comparison = compareAlerts(options.currentAlerts.filter(isDetectionAlert).map(comparedFromStored), candidateAlerts);
  const typologies = comparison.map((entry) => {
    const error = errors.get(entry.typology);
    return {
      ...entry, enabled: candidate.typologies[entry.typology]?.enabled === true,
      ...(error === undefined ? {} : { error }), ms: Math.round(timings.get(entry.typology) ?? 0),
    };
  });
  const sum = (pick: (entry: TypologyComparison) => number): number => comparison.reduce((total, entry) => total + pick(entry), 0);
  return {
    candidate: identityOf(candidate),
    active: identityOf(options.active),
    parameterChanges: ruleSetChanges(options.active, candidate),
    history: { uptoSeq },
    currentRuleVersions: [...new Set(options.currentAlerts.map((a) => a.ruleVersion))].sort(),
    typologies,
    totals: {
      current: sum((e) => e.current), candidate: sum((e) => e.candidate),
      new: sum((e) => e.new.length), gone: sum((e) => e.gone.length), changed: sum((e) => e.changed.length),
    },
  };
}
