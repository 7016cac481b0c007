import { ContractError } from './contract-error.js';
import type { Caller, Department } from './access-policy.js';
import type { ReportAnchor } from './ledger-records.js';

/**
 * The quarterly joint report on the ledger: its hash, then one sign-off per department.
 * Pure functions; `undefined` from a transition means "nothing changes".
 */

/**
 * Anchors `reportHash` for `quarter`. The same hash again changes nothing. A different
 * hash may replace the anchored one only while nobody has signed it off (a report
 * regenerated after late records); once signed, the quarter's hash is final.
 */
export function anchorQuarterlyReport(
  existing: ReportAnchor | undefined, quarter: string, reportHash: string, by: Department, now: Date,
): ReportAnchor | undefined {
  if (existing?.reportHash === reportHash) return undefined;
  if (existing !== undefined && Object.keys(existing.signOffs).length > 0) {
    throw new ContractError('CONFLICT', `report ${quarter} is already signed off under hash ${existing.reportHash}`);
  }
  return { quarter, reportHash, anchoredBy: by, anchoredAt: now.toISOString(), signOffs: {} };
}

/**
 * The caller's department signs off the anchored report. The hash must be the anchored
 * one (a department signs exactly what was anchored); a repeated sign-off changes nothing.
 */
/**
 * First instant after a quarter (`2026Q3`) in China Standard Time (UTC+08:00, no daylight
 * saving), the regulators' calendar: a quarter's report is final only from then on.
 */
export function quarterEndOf(quarter: string): Date {
  const match = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!match) throw new ContractError('INVALID_ARGUMENT', `quarter: "${quarter}" is not of the form 2026Q3`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) * 3, 1) - 8 * 3_600_000);
}

export function signOffQuarterlyReport(
  report: ReportAnchor, reportHash: string, caller: Caller, now: Date, txId: string,
): ReportAnchor | undefined {
  // A quarter still running (or one in the future) has no final report to sign.
  const end = quarterEndOf(report.quarter);
  if (now.getTime() < end.getTime()) {
    throw new ContractError('CONFLICT', `quarter ${report.quarter} has not ended: it can be signed off from ${end.toISOString()}`);
  }
  if (report.reportHash !== reportHash) {
    throw new ContractError('CONFLICT', `report ${report.quarter} is anchored with hash ${report.reportHash}, not ${reportHash}`);
  }
  if (report.signOffs[caller.department] !== undefined) return undefined;
  const signOff = { at: now.toISOString(), txId, reportHash, by: caller.user };
  return { ...report, signOffs: { ...report.signOffs, [caller.department]: signOff } };
}
