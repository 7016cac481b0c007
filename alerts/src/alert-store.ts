import type { ClickHouseClient } from '@clickhouse/client';
import { DURABLE_SETTINGS } from '../../core/src/storage/schema.js';
import type { Alert } from '../../core/src/domain/alert.js';
import type { EvidenceRecord } from './typology.js';
import type { Opinion } from '../../core/src/ledger/contract-model.js';

/** An alert with everything the platform keeps about it. */
export interface AlertDocument extends Alert {
  incidentKeys: string[];
  evidence: EvidenceRecord[];
  /** Monotonic version of this document (each change writes a new row). */
  version: number;
  /** The case's opinions as on the ledger (comment texts stay in case_comments). */
  caseOpinions?: Opinion[];
  openedAt?: string;
  /** Set when a late record showed this alert to be part of another one's incident. */
  mergedInto?: string;
}

export const ALERT_STORE_SCHEMA: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS alerts_state (
    id String, version UInt64, typology LowCardinality(String), doc String
  ) ENGINE = ReplacingMergeTree(version) ORDER BY id
  SETTINGS ${DURABLE_SETTINGS}`,
];

const evidenceKey = (e: { institution: string; txId: string }): string => `${e.institution}\u0000${e.txId}`;

/**
 * Alerts, persisted as versioned JSON documents in ClickHouse and indexed in memory by
 * incident key and by evidence record, so that an incident found again (an overlapping
 * window, a late record) merges into the alert that already covers it.
 */
export class AlertStore {
  readonly #client: ClickHouseClient;
  readonly #alerts = new Map<string, AlertDocument>();
  readonly #byIncident = new Map<string, string>();
  readonly #byEvidence = new Map<string, string>();

  constructor(options: Readonly<{ client: ClickHouseClient }>) {
    this.#client = options.client;
  }

  async load(): Promise<void> {
    const rs = await this.#client.query({ query: 'SELECT doc FROM alerts_state FINAL', format: 'JSONEachRow' });
    for (const { doc } of await rs.json<{ doc: string }>()) this.#index(JSON.parse(doc) as AlertDocument);
  }

  get(id: string): AlertDocument | undefined {
    return this.#alerts.get(id);
  }

  byCase(caseId: string): AlertDocument | undefined {
    for (const a of this.#alerts.values()) if (a.caseId === caseId) return a;
    return undefined;
  }

  /** Every alert in force (those merged into another are left out). */
  all(): AlertDocument[] {
    return [...this.#alerts.values()].filter((a) => a.mergedInto === undefined);
  }

  /**
   * The alerts an incident belongs to: same typology and the same incident key or shared
   * evidence, oldest first. More than one means a late record joined incidents that had
   * looked separate; the caller folds them into the oldest.
   */
  findAllFor(typology: string, incidentKey: string, evidence: readonly EvidenceRecord[]): AlertDocument[] {
    const ids = new Set<string>();
    const byKey = this.#byIncident.get(`${typology}\u0000${incidentKey}`);
    if (byKey) ids.add(byKey);
    for (const e of evidence) {
      const id = this.#byEvidence.get(`${typology}\u0000${evidenceKey(e)}`);
      if (id) ids.add(id);
    }
    return [...ids].map((id) => this.#alerts.get(id)).filter((a): a is AlertDocument => a !== undefined && a.mergedInto === undefined)
      .sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : a.id < b.id ? -1 : 1));
  }

  /** Persists a new version of the document (durably) and indexes it. */
  async save(doc: AlertDocument): Promise<void> {
    await this.#client.insert({
      table: 'alerts_state',
      format: 'JSONEachRow',
      values: [{ id: doc.id, version: doc.version, typology: doc.typology, doc: JSON.stringify(doc) }],
    });
    this.#index(doc);
  }

  #index(doc: AlertDocument): void {
    const current = this.#alerts.get(doc.id);
    if (current && current.version > doc.version) return;
    this.#alerts.set(doc.id, doc);
    if (doc.mergedInto !== undefined) return; // its keys now belong to the alert it joined
    for (const k of doc.incidentKeys) this.#byIncident.set(`${doc.typology}\u0000${k}`, doc.id);
    for (const e of doc.evidence) this.#byEvidence.set(`${doc.typology}\u0000${evidenceKey(e)}`, doc.id);
  }
}
