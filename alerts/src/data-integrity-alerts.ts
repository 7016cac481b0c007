import { createHash } from 'node:crypto';
import type { Alert, AlertCondition } from '../../core/src/domain/alert.js';
import type { Department } from '../../core/src/domain/departments.js';
import type { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import { alertHash, toAlert, withCaseState } from './alert-factory.js';
import type { AlertPublisher } from './alert-publisher.js';
import type { AlertDocument, AlertStore } from './alert-store.js';

/**
 * Stored data that no longer match what was anchored go to the cyberspace administration
 * (data security) and the central bank (the platform's operator of record), whatever the
 * routing table says about fund-flow typologies.
 */
export const DATA_INTEGRITY_DEPARTMENTS: readonly Department[] = ['CAC', 'PBOC'];
export const DATA_INTEGRITY_RULE_VERSION = 'data_integrity@1.0.0';

/** What was found wrong with one anchored batch. */
export interface IntegrityViolation {
  batchId: string;
  /** Records whose stored form differs from their anchored hash, that are gone, or that were added to the batch's range. */
  records: { institution: string; txId: string; problem: 'altered' | 'deleted' | 'inserted' }[];
  /** The batch's own anchor: absent from the ledger, or its members no longer giving the anchored root and count. */
  anchor?: 'missing_on_ledger' | 'members_altered';
  anchoredRoot?: string;
  recomputedRoot?: string;
  anchoredCount?: number;
  storedCount: number;
  firstTs: string;
  lastTs: string;
}

/** At most this many txIds are listed on the alert; `evidenceCapped` says how many there are. */
const LISTED = 200;

function explanation(v: Readonly<IntegrityViolation>): AlertCondition[] {
  const count = (problem: string): number => v.records.filter((r) => r.problem === problem).length;
  const conditions: AlertCondition[] = [];
  for (const problem of ['altered', 'deleted', 'inserted'] as const) {
    const n = count(problem);
    if (n > 0) conditions.push({ condition: `records_${problem}`, value: n, threshold: 0, text: `${n} record(s) of batch ${v.batchId} ${problem} after anchoring` });
  }
  if (v.anchor === 'missing_on_ledger') conditions.push({ condition: 'anchor_on_ledger', value: 'absent', threshold: 'present', text: `the ledger holds no anchor for batch ${v.batchId}` });
  if (v.anchor === 'members_altered') {
    conditions.push({ condition: 'merkle_root', value: v.recomputedRoot ?? '', threshold: v.anchoredRoot ?? '', text: `the stored members of batch ${v.batchId} give another root than the one anchored` });
  }
  if (v.anchoredCount !== undefined && v.anchoredCount !== v.storedCount) {
    conditions.push({ condition: 'record_count', value: v.storedCount, threshold: v.anchoredCount, text: `${v.storedCount} records stored for batch ${v.batchId}, ${v.anchoredCount} anchored` });
  }
  return conditions;
}

/**
 * `data_integrity` alerts: one per anchored batch found altered, recorded on the ledger with
 * a joint-review case for CAC and PBOC, and pushed live like any alert. Its id is derived
 * from the batch id, so every later sweep that finds the same batch wrong lands on the same
 * alert (a new version when it finds more).
 */
export class DataIntegrityAlerts {
  readonly #o: Readonly<{ store: AlertStore; ledger: SupervisionLedger; operator: Department; publisher: AlertPublisher; caseDeadlineDays: number; clock?: () => Date }>;

  constructor(options: Readonly<{ store: AlertStore; ledger: SupervisionLedger; operator: Department; publisher: AlertPublisher; caseDeadlineDays: number; clock?: () => Date }>) {
    this.#o = options;
  }

  /** The alert id of a batch's integrity violation. */
  static alertIdOf(batchId: string): string {
    return `A-${createHash('sha256').update(`data_integrity\u0000${batchId}`).digest('hex').slice(0, 20)}`;
  }

  /** Raises (or grows) the alert of a violation; answers it, or undefined when nothing new was found. */
  async raise(violation: Readonly<IntegrityViolation>): Promise<Alert | undefined> {
    const now = (this.#o.clock ?? (() => new Date()))();
    const id = DataIntegrityAlerts.alertIdOf(violation.batchId);
    const txIds = [...new Set(violation.records.map((r) => r.txId))].sort();
    const listed = txIds.slice(0, LISTED);
    const existing = this.#o.store.get(id);
    const conditions = explanation(violation);
    if (existing && JSON.stringify(existing.explanation) === JSON.stringify(conditions) && existing.txIds.join('\n') === listed.join('\n')) return undefined;
    const doc: AlertDocument = {
      ...(existing ?? {
        id, typology: 'data_integrity', ruleVersion: DATA_INTEGRITY_RULE_VERSION, departments: [...DATA_INTEGRITY_DEPARTMENTS],
        caseId: `C-${id.slice(2)}`, status: 'open', ledger: {}, raisedAt: now.toISOString(), incidentKeys: [violation.batchId], evidence: [], accounts: [],
      }),
      severity: 'critical', txIds: listed, ...(txIds.length > LISTED ? { evidenceCapped: { records: txIds.length, shown: LISTED } } : {}),
      institutions: [...new Set(violation.records.map((r) => r.institution))].sort(),
      amount: '0.00', firstTs: violation.firstTs, lastTs: violation.lastTs, explanation: conditions,
      updatedAt: now.toISOString(), version: (existing?.version ?? 0) + 1,
    };
    const hash = alertHash(toAlert(doc));
    const recorded = await this.#o.ledger.recordAlert(this.#o.operator, {
      alertId: id, alertHash: hash, typology: doc.typology, ruleVersion: doc.ruleVersion, departments: doc.departments,
    });
    doc.ledger = { ...doc.ledger, alertTxId: recorded.txId, blockNumber: recorded.blockNumber, alertHash: hash };
    let saved = doc;
    if (!existing) {
      const opened = await this.#o.ledger.openCase(this.#o.operator, {
        caseId: doc.caseId, alertId: id, departments: doc.departments, deadlineDays: this.#o.caseDeadlineDays,
      });
      saved = withCaseState({ ...doc, ledger: { ...doc.ledger, caseTxId: opened.txId, blockNumber: opened.blockNumber } }, opened.result);
    }
    await this.#o.store.save(saved);
    const alert = toAlert(saved);
    if (existing) this.#o.publisher.alertUpdated(alert);
    else this.#o.publisher.alertRaised(alert);
    return alert;
  }
}
