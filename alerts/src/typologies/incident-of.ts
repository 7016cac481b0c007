/**
 * Turning the evidence a typology query found into an Incident: evidence deduplicated by
 * record identity and ordered by event time, so that the same records always give the
 * same incident whatever order they were ingested in.
 */
import type { TypologyId } from '../../../core/src/domain/alert.js';
import type { EvidenceRecord, Incident } from '../typology.js';
import { capEvidence } from './evidence-cap.js';

/** Identity of a record across institutions: the evidence key the alert merge relies on. */
export function evidenceKey(record: Readonly<Pick<EvidenceRecord, 'institution' | 'txId'>>): string {
  return `${record.institution}/${record.txId}`;
}

function byTimeThenKey(a: EvidenceRecord, b: EvidenceRecord): number {
  if (a.ts !== b.ts) return a.ts < b.ts ? -1 : 1;
  const ka = evidenceKey(a);
  const kb = evidenceKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Evidence with duplicates removed (first role wins) in event-time order. */
export function normalizeEvidence(evidence: readonly EvidenceRecord[]): EvidenceRecord[] {
  const seen = new Map<string, EvidenceRecord>();
  for (const record of evidence) {
    const key = evidenceKey(record);
    if (!seen.has(key)) seen.set(key, record);
  }
  return [...seen.values()].sort(byTimeThenKey);
}

export interface IncidentParts {
  typology: TypologyId;
  incidentKey: string;
  evidence: readonly EvidenceRecord[];
  /** The amount at risk, already in two-decimal form. */
  amount: string;
  /** Accounts to report; defaults to every party of the evidence. */
  accounts?: readonly string[];
  /** Records the incident rests on when the query already capped `evidence` (e.g. a window's count). */
  evidenceCount?: number;
}

/**
 * Build an incident; times span the evidence, which is capped (first and largest records)
 * with the full count kept in `evidenceCount`.
 */
export function incidentOf(parts: Readonly<IncidentParts>): Incident {
  const all = normalizeEvidence(parts.evidence);
  const evidence = capEvidence(all);
  const accounts = parts.accounts ?? evidence.flatMap((record) => [record.from, record.to]);
  const count = Math.max(all.length, parts.evidenceCount ?? 0);
  const incident: Incident = {
    typology: parts.typology,
    incidentKey: parts.incidentKey,
    evidence,
    accounts: [...new Set(accounts)].sort(),
    amount: parts.amount,
    firstTs: all[0]?.ts ?? '',
    lastTs: all[all.length - 1]?.ts ?? '',
  };
  if (count > evidence.length) incident.evidenceCount = count;
  return incident;
}

/** Sum of two-decimal amounts, exact (in cents), back in two-decimal form. */
export function sumAmounts(amounts: readonly string[]): string {
  let cents = 0n;
  for (const amount of amounts) {
    const [whole = '0', fraction = ''] = amount.split('.');
    cents += BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  }
  const whole = cents / 100n;
  const rest = (cents % 100n).toString().padStart(2, '0');
  return `${whole}.${rest}`;
}
