/**
 * Records fetched as candidates for a typology whose pattern is a path (credit diversion,
 * cycles): SQL selects the few records that can take part, on event time, and a pure
 * function assembles the paths. Chaining four self-joins in SQL costs more to plan than
 * to run on the candidate sets these typologies have, so the assembly happens here.
 */
import type { EvidenceRecord, EvidenceRole, SeqRange } from '../typology.js';
import { isoOf, twoDecimals } from './evidence-sql.js';

/** Columns selected for a candidate, from a relation with the RECORD_COLUMNS names. */
export const CANDIDATE_COLUMNS = 'seq, inst, tx_id, kind, src, dst, toString(amount) AS amount, t, to_sector, to_mcc, to_country';

/** One candidate as a tuple (JSON array), for queries that return several per row. */
export function candidateTuple(alias: string): string {
  return `tuple(${alias}.seq, ${alias}.inst, ${alias}.tx_id, ${alias}.kind, ${alias}.src, ${alias}.dst, toString(${alias}.amount),
    ${alias}.t, ${alias}.to_sector, ${alias}.to_mcc, ${alias}.to_country)`;
}

/** The JSON form of `candidateTuple`. */
export type CandidateTuple = [number, string, string, string, string, string, string, number, string, string, string];

export function candidateOfTuple(tuple: CandidateTuple): Candidate {
  const [seq, inst, txId, kind, src, dst, amount, t, toSector, toMcc, toCountry] = tuple;
  return candidateOf({ seq, inst, tx_id: txId, kind, src, dst, amount, t, to_sector: toSector, to_mcc: toMcc, to_country: toCountry });
}

/** A candidate record as the SQL returns it. */
export interface CandidateRow {
  seq: number;
  inst: string;
  tx_id: string;
  kind: string;
  src: string;
  dst: string;
  amount: string;
  t: number;
  to_sector: string;
  to_mcc: string;
  to_country: string;
}

/** A candidate with its amount in exact integer cents. */
export interface Candidate extends CandidateRow {
  cents: bigint;
}

/** Exact cents of a decimal string. */
export function centsOf(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  const sign = whole.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole.replace('-', '')) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2)));
}

export function candidateOf(row: CandidateRow): Candidate {
  return { ...row, cents: centsOf(row.amount) };
}

/** Ratios are compared exactly, as parts per million. */
export const PPM = 1_000_000n;
export function ppmOf(ratio: number): bigint {
  return BigInt(Math.round(ratio * 1_000_000));
}

/** `amount >= base * ratio`, exactly. */
export function atLeastShare(amount: bigint, base: bigint, ratioPpm: bigint): boolean {
  return amount * PPM >= base * ratioPpm;
}

export function inSeqRange(candidate: Readonly<Candidate>, range: Readonly<SeqRange>): boolean {
  return candidate.seq > range.afterSeq && candidate.seq <= range.uptoSeq;
}

export function evidenceOfCandidate(candidate: Readonly<Candidate>, role: EvidenceRole): EvidenceRecord {
  const record: EvidenceRecord = {
    institution: candidate.inst, txId: candidate.tx_id, type: candidate.kind, from: candidate.src, to: candidate.dst,
    amount: twoDecimals(candidate.amount), ts: isoOf(candidate.t), role,
  };
  if (candidate.to_sector) record.toSector = candidate.to_sector;
  if (candidate.to_mcc) record.toMcc = candidate.to_mcc;
  if (candidate.to_country) record.toCountry = candidate.to_country;
  return record;
}

/** Candidates grouped by sending account, each list in event-time order. */
export function bySender(candidates: readonly Candidate[]): Map<string, Candidate[]> {
  const map = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = map.get(c.src);
    if (list) list.push(c);
    else map.set(c.src, [c]);
  }
  for (const list of map.values()) list.sort((a, b) => a.t - b.t);
  return map;
}
