import type { ClickHouseClient } from '@clickhouse/client';
import type { TSchema } from '@sinclair/typebox';
import type { TypologyId } from '../../core/src/domain/alert.js';

/** The role a record plays in an incident; drives highlighting in the fund-flow graph. */
export type EvidenceRole = 'loan' | 'hop' | 'sensitive_payment' | 'cash' | 'transfer' | 'remittance';

/** One record an incident rests on (pseudonymized, as stored). */
export interface EvidenceRecord {
  institution: string;
  txId: string;
  type: string;
  from: string;
  to: string;
  amount: string;
  ts: string;
  role: EvidenceRole;
  toSector?: string;
  toMcc?: string;
  toCountry?: string;
}

/**
 * One occurrence of a pattern found by a detector. Incidents with the same
 * (typology, incidentKey) are the same incident: the runner merges them into one alert
 * whose evidence grows, instead of raising one alert per overlapping window.
 */
export interface Incident {
  typology: TypologyId;
  /** Stable identity of the incident (e.g. the loan's record for credit typologies). */
  incidentKey: string;
  evidence: EvidenceRecord[];
  /** Pseudonyms of the accounts involved. */
  accounts: string[];
  /** The amount at risk (e.g. the sensitive-sector payment, or the structured total), 2 decimals. */
  amount: string;
  firstTs: string;
  lastTs: string;
  /**
   * How many records the incident rests on, when more than `evidence` lists (the evidence is
   * capped: typologies/evidence-cap.ts). For folded windows it is the largest count of one of
   * them, a lower bound of their union. Absent when `evidence` is complete.
   */
  evidenceCount?: number;
}

/** Records the detector must consider as new: ingestion sequence numbers in (afterSeq, uptoSeq]. */
export interface SeqRange {
  afterSeq: number;
  uptoSeq: number;
}

export interface DetectionContext<P> {
  client: ClickHouseClient;
  params: Readonly<P>;
  /**
   * Only incidents that include at least one record of this range need be returned
   * (incremental streaming); a batch run passes the whole history.
   */
  range: SeqRange;
  /**
   * Event-time span (epoch ms) of the range's records, computed once per run by the engine:
   * detectors read only records within one typology window of it.
   */
  eventTime: { minMs: number; maxMs: number };
}

/**
 * A typology: validated parameters plus SQL run in ClickHouse on event time (`ts`).
 * Detectors are pure with respect to the store: the same records give the same incidents
 * whatever order they arrived in.
 */
export interface TypologyDetector<P = Record<string, unknown>> {
  readonly id: TypologyId;
  /** Version of the detection logic (SQL); the rule set version covers parameters. */
  readonly logicVersion: string;
  readonly defaultParams: Readonly<P>;
  /** TypeBox schema of the parameters; rule sets are validated against it. */
  readonly paramsSchema: TSchema;
  /**
   * Record types that can take part in the pattern. A range without any of them cannot
   * complete an incident, so the engine skips the typology for it (cheap, exact).
   */
  recordTypes(params: Readonly<P>): readonly string[];
  /** Cross-field checks the schema cannot express; returns `path: reason` messages. */
  checkParams?(params: Readonly<P>): string[];
  detect(ctx: DetectionContext<P>): Promise<Incident[]>;
}
