import type { Context } from 'fabric-contract-api';
import { KEY_TYPES, ledgerKey } from './ledger-keys.js';
import { readCase, type ReviewCase } from './ledger-records.js';
import { parseStored } from './world-state.js';

/** One committed version of a case. */
export interface CaseHistoryEntry {
  txId: string;
  /** The transaction's timestamp, ISO-8601. */
  timestamp: string;
  value: ReviewCase;
}

/**
 * The full history of a case from the ledger's key history, oldest first. Fabric 2.x
 * returns key history newest first (by block and transaction height), so it is reversed
 * here rather than sorted by timestamp, which two transactions may share.
 */
export async function readCaseHistory(ctx: Context, caseId: string): Promise<CaseHistoryEntry[]> {
  const entries: CaseHistoryEntry[] = [];
  for await (const modification of ctx.stub.getHistoryForKey(ledgerKey(ctx.stub, KEY_TYPES.case, caseId))) {
    if (modification.isDelete) continue;
    entries.push({
      txId: modification.txId,
      timestamp: timestampToIso(modification.timestamp),
      value: parseStored(modification.value, `case ${caseId} at ${modification.txId}`, readCase),
    });
  }
  return entries.reverse();
}

/** Protobuf timestamps carry `seconds` as a Long, a number or a string depending on the shim build. */
function timestampToIso(ts: { seconds: unknown; nanos: number }): string {
  const seconds = Number(String(ts.seconds));
  return new Date(seconds * 1000 + Math.floor(ts.nanos / 1_000_000)).toISOString();
}
