/**
 * The backtest report as text for a terminal: identities, differing settings, a table per
 * typology, then each new, gone and changed incident with its evidence.
 */
import type { BacktestReport } from './backtest-run.js';
import type { ComparedAlert } from './alert-comparison.js';

const MAX_EVIDENCE = 6;

function value(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

function evidenceList(keys: readonly string[]): string {
  const shown = keys.slice(0, MAX_EVIDENCE).join(', ');
  return keys.length > MAX_EVIDENCE ? `${shown}, … (${keys.length} records)` : shown;
}

function alertLine(label: string, typology: string, alert: Readonly<ComparedAlert>): string {
  return `  ${label} ${typology.padEnd(22)} ${alert.id}  ${alert.amount.padStart(14)}  ${alert.firstTs} … ${alert.lastTs}\n`
    + `      evidence: ${evidenceList(alert.evidence)}`;
}

/** Render the report for a terminal. */
export function formatBacktestReport(report: Readonly<BacktestReport>): string {
  const lines: string[] = [
    `candidate rule set ${report.candidate.version}  sha256 ${report.candidate.hash}`,
    `active rule set    ${report.active.version}  sha256 ${report.active.hash}`,
    `history: stored records up to seq ${report.history.uptoSeq}; stored alerts raised by ${report.currentRuleVersions.length > 0 ? report.currentRuleVersions.join(', ') : '(none)'}`,
    '',
  ];
  if (report.parameterChanges.length === 0) lines.push('parameters: the same as the active rule set');
  else {
    lines.push('parameters that differ from the active rule set:');
    for (const change of report.parameterChanges) lines.push(`  ${change.path}: ${value(change.active)} → ${value(change.candidate)}`);
  }
  lines.push('', `${'typology'.padEnd(22)} ${'current'.padStart(8)} ${'candidate'.padStart(9)} ${'new'.padStart(5)} ${'gone'.padStart(5)} ${'changed'.padStart(8)}`);
  for (const t of report.typologies) {
    const note = t.error !== undefined ? `  ERROR: ${t.error}` : t.enabled ? '' : '  (disabled in candidate)';
    lines.push(`${t.typology.padEnd(22)} ${String(t.current).padStart(8)} ${String(t.candidate).padStart(9)} ${String(t.new.length).padStart(5)} ${String(t.gone.length).padStart(5)} ${String(t.changed.length).padStart(8)}${note}`);
  }
  const { totals } = report;
  lines.push(`${'total'.padEnd(22)} ${String(totals.current).padStart(8)} ${String(totals.candidate).padStart(9)} ${String(totals.new).padStart(5)} ${String(totals.gone).padStart(5)} ${String(totals.changed).padStart(8)}`);
  const details: string[] = [];
  for (const t of report.typologies) {
    for (const alert of t.new) details.push(alertLine('new    ', t.typology, alert));
    for (const alert of t.gone) details.push(alertLine('gone   ', t.typology, alert));
    for (const c of t.changed) {
      details.push(`  changed ${t.typology.padEnd(22)} ${c.currentIds.join(', ')} → ${c.candidateIds.join(', ')}`
        + (c.added.length > 0 ? `\n      would add: ${evidenceList(c.added)}` : '')
        + (c.removed.length > 0 ? `\n      would drop: ${evidenceList(c.removed)}` : ''));
    }
  }
  if (details.length > 0) lines.push('', ...details);
  return `${lines.join('\n')}\n`;
}
