/**
 * `suptech backtest`: a candidate rule set over the stored history, compared with the stored
 * alerts. It opens only the analytics store, and only reads it: opening the whole platform
 * core would anchor the active rule set (a ledger transaction on every open), and a backtest
 * must leave the ledger and the alert store exactly as they were.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { AlertStore } from '../../../alerts/src/alert-store.js';
import {
  CandidateRuleSetError, formatBacktestReport, readCandidateRuleSet, runBacktest, type BacktestReport,
} from '../../../alerts/src/backtest/index.js';
import { defaultRuleSet, type RuleSet } from '../../../alerts/src/rules/index.js';
import { loadConfig } from '../config.js';
import { createAnalyticsClient } from '../../../core/src/storage/analytics-client.js';
import { TransactionStore } from '../../../core/src/storage/transaction-store.js';

/** Options of one backtest from the command line. */
export interface BacktestCommandOptions {
  dataDir: string;
  rulesFile: string;
  /** Progress bar on stderr. */
  progress: boolean;
}

/** The data directory holds no stored history to backtest over. */
export class NoStoredHistoryError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(dataDir: string) {
    super(`${dataDir}: no stored history (no chdb directory); replay records into it first`);
    this.name = 'NoStoredHistoryError';
  }
}

/**
 * The rule set the stored alerts were raised by. The platform core runs the engine with the
 * catalogue defaults (platform-core.ts creates it without a rule set); when the active rule
 * set becomes configurable, take it from the same place the core does.
 */
export function activeRuleSet(): RuleSet {
  return defaultRuleSet();
}

/** Validates the candidate (throws CandidateRuleSetError before touching the store), then runs it. */
export async function backtestCommand(options: Readonly<BacktestCommandOptions>): Promise<BacktestReport> {
  const candidate = await readCandidateRuleSet(options.rulesFile);
  const config = loadConfig({ ...process.env, SUPTECH_DEMO_FEED: '0' });
  const dataDir = path.resolve(options.dataDir);
  const chdbPath = path.join(dataDir, 'chdb');
  if (config.clickhouse.url === undefined && !existsSync(chdbPath)) throw new NoStoredHistoryError(dataDir);
  const client = createAnalyticsClient({ ...config.clickhouse, path: chdbPath });
  const bar = options.progress
    ? new cliProgress.SingleBar({ format: 'backtest |{bar}| {value}/{total} typologies | {typology}', stream: process.stderr }, cliProgress.Presets.shades_classic)
    : undefined;
  try {
    const alerts = new AlertStore({ client });
    await alerts.load();
    const uptoSeq = await new TransactionStore({ client }).maxSeq();
    return await runBacktest({
      client, active: activeRuleSet(), candidate, currentAlerts: alerts.all(), uptoSeq,
      onProgress: ({ done, total, typology }) => {
        if (done === 0 && typology !== undefined) bar?.start(total, 0, { typology });
        else bar?.update(done, { typology: typology ?? 'done' });
      },
    });
  } finally {
    bar?.stop();
    await client.close();
  }
}

/**
 * The command's action: the report on stdout (text, or JSON with `json`); exit 2 for a
 * candidate that cannot be used (each offending field on stderr), 1 when a typology failed
 * (its row says so: its comparison is incomplete).
 */
export async function backtestAction(opts: Readonly<{ dataDir: string; rules: string; json?: boolean; quiet?: boolean }>): Promise<void> {
  let report: BacktestReport;
  try {
    report = await backtestCommand({ dataDir: opts.dataDir, rulesFile: opts.rules, progress: opts.quiet !== true && process.stderr.isTTY === true });
  } catch (error) {
    if (!(error instanceof CandidateRuleSetError)) throw error;
    process.stderr.write(`suptech backtest: the candidate rule set cannot be used\n${error.details.map((d) => `  ${d}\n`).join('')}`);
    process.exitCode = 2;
    return;
  }
  // writeFileSync on fd 1: a large JSON report is written whole before the process exits.
  if (opts.json === true) writeFileSync(1, `${JSON.stringify(report, null, 2)}\n`);
  else writeFileSync(1, formatBacktestReport(report));
  if (report.typologies.some((t) => t.error !== undefined)) process.exitCode = 1;
}
