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
export function signOffQuarterlyReport(
  report: ReportAnchor, reportHash: string, caller: Caller, now: Date, txId: string,
): ReportAnchor | undefined {
  if (report.reportHash !== reportHash) {
    throw new ContractError('CONFLICT', `report ${report.quarter} is anchored with hash ${report.reportHash}, not ${reportHash}`);
  }
  if (report.signOffs[caller.department] !== undefined) return undefined;
  const signOff = { at: now.toISOString(), txId, reportHash, by: caller.user };
  return { ...report, signOffs: { ...report.signOffs, [caller.department]: signOff } };
}
