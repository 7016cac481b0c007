import { writeFileSync } from 'node:fs';
import type { IndicatorValue } from '../../../alerts/src/indicators/index.js';
import { withPlatformCore } from './cli-context.js';

/** Options of `suptech indicators`. */
export interface IndicatorsCommandOptions {
  dataDir: string;
  quarter: string;
  json?: boolean;
  /** Only breached figures (and those whose case is still shown). */
  breached?: boolean;
}

/** How a figure reads in the table: shares and indices as percentages, amounts and growth as they are. */
function formatted(v: IndicatorValue): string {
  if (v.value === null) return 'n/a';
  return v.unit === 'share' ? `${(v.value * 100).toFixed(2)}%` : v.unit === 'growth' ? `${(v.value * 100).toFixed(1)}%` : v.unit === 'index' ? v.value.toFixed(3) : v.value.toFixed(2);
}

/**
 * `suptech indicators --quarter 2026Q3 [--json]`: evaluates every indicator of the quarter
 * on the data directory, opening the joint review of each new breach (once: a breach that
 * already has its case keeps it), and prints the figures — with `--json` the array of the
 * shared INTERFACES.md on stdout, `{ indicator, institution, period, value, threshold,
 * breached, caseId? }` and the rest of each figure.
 */
export async function indicatorsAction(opts: IndicatorsCommandOptions): Promise<void> {
  const values = await withPlatformCore(opts.dataDir, (core) => core.indicators.evaluate(opts.quarter), { start: false });
  const shown = opts.breached ? values.filter((v) => v.breached || v.caseId) : values;
  if (opts.json) {
    writeFileSync(1, `${JSON.stringify(shown, null, 2)}\n`);
    return;
  }
  for (const v of shown) {
    const subject = `${v.institution}${v.segment ? `/${v.segment}` : ''}`;
    const mark = v.breached ? `BREACHED (${v.breaches.join(', ')})` : v.caseId ? 'no longer breached' : '';
    process.stdout.write(`${v.indicator.padEnd(28)} ${subject.padEnd(22)} ${v.period.padEnd(9)} ${formatted(v).padStart(16)}  threshold ${String(v.threshold ?? '-').padEnd(10)} ${mark}${v.caseId ? ` case ${v.caseId}` : ''}\n`);
  }
  process.stdout.write(`${shown.length} figures, ${shown.filter((v) => v.breached).length} breached\n`);
}
