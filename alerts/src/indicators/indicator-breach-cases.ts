/**
 * A breached indicator opens a joint review: an `indicator_breach` alert recorded on the
 * ledger with its case, routed to the indicator's departments, pushed live like any alert,
 * and reviewed with the same opinions, deadlines and escalation. Its id is derived from
 * (indicator, institution, segment, period), so evaluating the same figure again — another
 * read, the CLI, a restart — lands on the same alert and never opens a second case.
 */
import { createHash } from 'node:crypto';
import type { AlertCondition } from '../../../core/src/domain/alert.js';
import type { Department } from '../../../core/src/domain/departments.js';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import { alertHash, toAlert, withCaseState } from '../alert-factory.js';
import type { AlertPublisher } from '../alert-publisher.js';
import type { AlertDocument, AlertStore } from '../alert-store.js';
import type { EvidenceRecord, EvidenceRole } from '../typology.js';
import type { IndicatorValue } from './indicator-value.js';

export interface IndicatorBreachCasesOptions {
  store: AlertStore;
  ledger: SupervisionLedger;
  /** The department that records platform alerts on the ledger. */
  operator: Department;
  publisher: AlertPublisher;
  caseDeadlineDays: number;
  clock?: () => Date;
}

/** The figure's subject: what one case is about. */
type Subject = Pick<IndicatorValue, 'indicator' | 'institution' | 'segment' | 'period'>;

/** Alerts named in the case's explanation (the figure's row lists them all). */
const ALERTS_LISTED = 20;

/** How a figure reads in a sentence (shares and indices as decimals, amounts in CNY). */
const shown = (x: number | null): string => (x === null ? 'n/a' : String(x));

function explanation(v: Readonly<IndicatorValue>): AlertCondition[] {
  const conditions: AlertCondition[] = [];
  const subject = `${v.indicator} of ${v.institution}${v.segment ? ` (${v.segment})` : ''} for ${v.period}`;
  if (v.breaches.includes('level')) {
    conditions.push({ condition: 'level', value: v.value ?? 0, threshold: v.threshold ?? 0, text: `${subject} is ${shown(v.value)}, above the threshold ${shown(v.threshold)}` });
  }
  if (v.breaches.includes('trend')) {
    conditions.push({
      condition: 'trend', value: v.changePct ?? 0, threshold: v.trendThreshold ?? 0,
      text: `${subject} rose ${shown(v.changePct)}% on the previous period (${shown(v.previous)}), more than ${shown(v.trendThreshold)}%`,
    });
  }
  conditions.push({ condition: 'base', value: v.base, threshold: 0, text: `computed on a base of ${String(v.base)}` });
  if (v.alertIds.length > 0) {
    const listed = v.alertIds.slice(0, ALERTS_LISTED);
    const more = v.alertIds.length - listed.length;
    conditions.push({
      condition: 'alerts', value: v.alertIds.length, threshold: 0,
      text: `rests on ${v.alertIds.length} alert(s): ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    });
  }
  return conditions;
}

/** The amount at stake, in CNY: the traced amount for shares, the amount for amounts. */
function amountOf(v: Readonly<IndicatorValue>): string {
  const value = v.value ?? 0;
  const amount = v.unit === 'share' ? value * v.base : v.unit === 'amount' ? value : v.base;
  return amount.toFixed(2);
}

const ROLE: Record<IndicatorValue['unit'], EvidenceRole> = { share: 'loan', amount: 'remittance', index: 'remittance', growth: 'loan' };

export class IndicatorBreachCases {
  readonly #o: Readonly<IndicatorBreachCasesOptions>;

  constructor(options: Readonly<IndicatorBreachCasesOptions>) {
    this.#o = options;
  }

  /** The alert id of a figure's breach. */
  static alertIdOf(s: Subject): string {
    const key = [s.indicator, s.institution, s.segment ?? '', s.period].join('\u0000');
    return `A-${createHash('sha256').update(`indicator_breach\u0000${key}`).digest('hex').slice(0, 20)}`;
  }

  /** The breach alert a figure already has, breached or not any more. */
  existing(s: Subject): AlertDocument | undefined {
    return this.#o.store.get(IndicatorBreachCases.alertIdOf(s));
  }

  /** Opens the joint review of a breached figure, once; answers its alert document. */
  async open(v: Readonly<IndicatorValue>, role: EvidenceRole = ROLE[v.unit]): Promise<AlertDocument> {
    const found = this.existing(v);
    if (found?.caseId && found.ledger.caseTxId) return found;
    const now = (this.#o.clock ?? (() => new Date()))();
    const id = IndicatorBreachCases.alertIdOf(v);
    const evidence: EvidenceRecord[] = v.contributors.map((c) => ({ ...c, role }));
    const doc: AlertDocument = {
      id, typology: 'indicator_breach', ruleVersion: v.version, severity: 'high', departments: [...v.departments],
      txIds: evidence.map((e) => e.txId), accounts: [...new Set(evidence.flatMap((e) => [e.from, e.to]))].sort(),
      institutions: [v.institution], amount: amountOf(v), firstTs: v.periodStart, lastTs: v.periodEnd,
      caseId: `C-${id.slice(2)}`, status: 'open', ledger: {}, explanation: explanation(v),
      raisedAt: now.toISOString(), updatedAt: now.toISOString(),
      incidentKeys: [`${v.indicator}:${v.institution}:${v.segment ?? ''}:${v.period}`], evidence, version: (found?.version ?? 0) + 1,
    };
    const hash = alertHash(toAlert(doc));
    const recorded = await this.#o.ledger.recordAlert(this.#o.operator, {
      alertId: id, alertHash: hash, typology: doc.typology, ruleVersion: doc.ruleVersion, departments: doc.departments,
    });
    const opened = await this.#o.ledger.openCase(this.#o.operator, {
      caseId: doc.caseId, alertId: id, departments: doc.departments, deadlineDays: this.#o.caseDeadlineDays,
    });
    const saved = withCaseState({
      ...doc, ledger: { alertTxId: recorded.txId, alertHash: hash, caseTxId: opened.txId, blockNumber: opened.blockNumber },
    }, opened.result);
    await this.#o.store.save(saved);
    this.#o.publisher.alertRaised(toAlert(saved));
    return saved;
  }
}
