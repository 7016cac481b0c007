/**
 * How much evidence one incident (and so one alert) carries. A hot account can put hundreds
 * of thousands of records into one window; carrying all of them would cost memory in the
 * query, in the pipeline, on the ledger's alert hash and on every dashboard. An alert
 * therefore lists the first records (how the pattern started) and the largest ones (where
 * the money is), and says how many records it rests on in all (INTERFACES.md: `txIds`
 * "possibly capped, then said so").
 */
import type { EvidenceRecord } from '../typology.js';

/** The earliest records kept. A code constant: it is written into SQL as an aggregate's parameter, which cannot be bound. */
export const EVIDENCE_FIRST = 50;
/** The largest records kept besides the earliest ones. */
export const EVIDENCE_LARGEST = 50;
/** At most this many records of evidence per incident. */
export const EVIDENCE_CAP = EVIDENCE_FIRST + EVIDENCE_LARGEST;

function cents(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
}

/**
 * The evidence kept of `evidence` (already deduplicated and in event-time order): all of it
 * up to the cap, else the first EVIDENCE_FIRST and the EVIDENCE_LARGEST largest of the rest,
 * still in event-time order. Deterministic: ties in amount go to the earlier record.
 */
export function capEvidence(evidence: readonly EvidenceRecord[]): EvidenceRecord[] {
  if (evidence.length <= EVIDENCE_CAP) return [...evidence];
  const rest = evidence.slice(EVIDENCE_FIRST).map((record, index) => ({ record, index, cents: cents(record.amount) }));
  rest.sort((a, b) => (a.cents === b.cents ? a.index - b.index : a.cents > b.cents ? -1 : 1));
  const largest = rest.slice(0, EVIDENCE_LARGEST).sort((a, b) => a.index - b.index).map((r) => r.record);
  return [...evidence.slice(0, EVIDENCE_FIRST), ...largest];
}
