/**
 * A remittance the cross-border model finds anomalous becomes a `cross_border_anomaly` alert
 * with its joint-review case on the ledger, routed to SAFE and PBOC (and SAMR when a platform
 * reported it, as the routing table says for every alert), pushed live like any alert. The
 * alert carries the score, the cut-off and the features that drove it, and names the model
 * (its logic version and the first characters of its hash) in `ruleVersion`. Its id derives
 * from the remittance, so scoring it again never raises a second alert.
 */
import type { AlertCondition } from '../../../core/src/domain/alert.js';
import type { Department } from '../../../core/src/domain/departments.js';
import { institutionKind, type Institution } from '../../../core/src/domain/institution-registry.js';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import { alertHash, alertIdOf, newAlertDocument, toAlert, withCaseState } from '../alert-factory.js';
import type { AlertPublisher } from '../alert-publisher.js';
import type { AlertDocument, AlertStore } from '../alert-store.js';
import type { RoutingTable } from '../routing.js';
import type { Incident } from '../typology.js';
import type { CrossBorderModel, ScoredRemittance } from './cross-border-anomaly-model.js';

export const CROSS_BORDER_ANOMALY_DEPARTMENTS: readonly Department[] = ['SAFE', 'PBOC'];

export interface CrossBorderAnomalyAlertsOptions {
  store: AlertStore;
  ledger: SupervisionLedger;
  operator: Department;
  publisher: AlertPublisher;
  routing: RoutingTable;
  institutions: readonly Institution[];
  caseDeadlineDays: number;
  clock?: () => Date;
}

function explanation(r: ScoredRemittance, model: CrossBorderModel): AlertCondition[] {
  return [
    { condition: 'anomaly_score', value: r.score, threshold: model.cutoff, text: `the model scores this remittance ${r.score}, at or above its cut-off ${model.cutoff}` },
    ...r.drivers.map((d) => ({
      condition: d.feature, value: d.value, threshold: d.typical,
      text: `${d.feature} is ${d.value} where the training history's median is ${d.typical} (${d.deviation} median absolute deviations away)`,
    })),
  ];
}

export class CrossBorderAnomalyAlerts {
  readonly #o: Readonly<CrossBorderAnomalyAlertsOptions>;

  constructor(options: Readonly<CrossBorderAnomalyAlertsOptions>) {
    this.#o = options;
  }

  /** Raises the alert of an anomalous remittance, once; answers it, or undefined when it already exists. */
  async raise(r: ScoredRemittance, model: CrossBorderModel): Promise<AlertDocument | undefined> {
    // The incident shape of the detection engine, so the alert is built by the same factory.
    const incident = {
      typology: 'cross_border_anomaly', incidentKey: `${r.institution}/${r.txId}`, accounts: [r.from, r.to], amount: r.amount, firstTs: r.ts, lastTs: r.ts,
      evidence: [{ institution: r.institution, txId: r.txId, type: 'cross_border_out', from: r.from, to: r.to, amount: r.amount, ts: r.ts, role: 'remittance', toCountry: r.toCountry }],
    } as unknown as Incident;
    if (this.#o.store.get(alertIdOf(incident))) return undefined;
    const kind = institutionKind(this.#o.institutions, r.institution);
    const departments = [...new Set([...CROSS_BORDER_ANOMALY_DEPARTMENTS, ...((kind && this.#o.routing.byInstitutionKind[kind]) ?? [])])];
    const now = (this.#o.clock ?? (() => new Date()))();
    const doc: AlertDocument = {
      ...newAlertDocument(incident, `${model.logic}+${model.hash.slice(0, 12)}`, departments, r.score >= 0.9 ? 'high' : 'medium', now),
      explanation: explanation(r, model),
    };
    const hash = alertHash(toAlert(doc));
    const recorded = await this.#o.ledger.recordAlert(this.#o.operator, { alertId: doc.id, alertHash: hash, typology: doc.typology, ruleVersion: doc.ruleVersion, departments });
    const opened = await this.#o.ledger.openCase(this.#o.operator, { caseId: doc.caseId, alertId: doc.id, departments, deadlineDays: this.#o.caseDeadlineDays });
    const saved = withCaseState({ ...doc, ledger: { alertTxId: recorded.txId, alertHash: hash, caseTxId: opened.txId, blockNumber: opened.blockNumber } }, opened.result);
    await this.#o.store.save(saved);
    this.#o.publisher.alertRaised(toAlert(saved));
    return saved;
  }
}
