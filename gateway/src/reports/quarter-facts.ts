import type { ClickHouseClient } from '@clickhouse/client';
import type { CaseStatus, Decision, Severity } from '../../../core/src/domain/alert.js';
import type { Department } from '../../../core/src/domain/departments.js';
import type { CaseHistoryEntry } from '../../../core/src/ledger/contract-model.js';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import type { ReportingQuarter } from './reporting-quarter.js';

/** One alert of the quarter, as the report counts it (from the analytics store). */
export interface AlertFact {
  alertId: string;
  caseId: string;
  typology: string;
  severity: Severity;
  /** Event time of the earliest evidence record: the report's time axis. */
  firstTs: string;
  /** Two-decimal CNY amount at risk. */
  amount: string;
  departments: Department[];
  institutions: string[];
  /** Pseudonyms of the accounts the alert rests on. */
  accounts: string[];
}

/** The joint-review case of an alert, as the ledger holds it. */
export interface CaseFact {
  caseId: string;
  status: CaseStatus;
  departments: Department[];
  openedAt: string;
  deadline: string;
  /** Why the contract escalated the case, when it says (`disagreement` or `deadline`). */
  escalationReason?: string;
  /** Each department's current opinion. */
  opinions: { department: Department; decision: Decision; at: string }[];
  /** When each department first reached a decision (confirm or dismiss), revisions aside. */
  firstDecisions: { department: Department; at: string }[];
}

/** Everything a quarterly report is computed from. */
export interface QuarterFacts {
  /** Records reported with an event time in the quarter, and the distinct accounts they involve. */
  records: number;
  recordAccounts: number;
  alerts: AlertFact[];
  cases: Map<string, CaseFact>;
}

interface AlertRow {
  id: string; case_id: string; typology: string; severity: string; first_ts: string; amount: string;
  departments: string[]; institutions: string[]; accounts: string[];
}

// Alert documents are JSON text in alerts_state; FINAL keeps the newest version of each.
const ALERTS_OF_PERIOD = `
  SELECT id, JSONExtractString(doc, 'caseId') AS case_id, JSONExtractString(doc, 'typology') AS typology,
         JSONExtractString(doc, 'severity') AS severity, JSONExtractString(doc, 'firstTs') AS first_ts,
         JSONExtractString(doc, 'amount') AS amount,
         JSONExtract(doc, 'departments', 'Array(String)') AS departments,
         JSONExtract(doc, 'institutions', 'Array(String)') AS institutions,
         JSONExtract(doc, 'accounts', 'Array(String)') AS accounts
  FROM alerts_state FINAL
  WHERE parseDateTime64BestEffort(JSONExtractString(doc, 'firstTs'), 3, 'UTC') >= parseDateTime64BestEffort({from:String}, 3, 'UTC')
    AND parseDateTime64BestEffort(JSONExtractString(doc, 'firstTs'), 3, 'UTC') < parseDateTime64BestEffort({to:String}, 3, 'UTC')
  ORDER BY id`;

const RECORDS_OF_PERIOD = `
  SELECT count() AS n, uniqExactArray([from_account, to_account]) AS accounts FROM transactions FINAL
  WHERE ts >= parseDateTime64BestEffort({from:String}, 3, 'UTC') AND ts < parseDateTime64BestEffort({to:String}, 3, 'UTC')`;

const DECISIVE: readonly Decision[] = ['confirm', 'dismiss'];

/**
 * Reads a quarter's facts: alerts and record counts from ClickHouse, cases and their
 * opinions from the ledger (the authority on where a case stands and when each
 * department decided). Reads only; nothing here writes.
 */
export class QuarterFactsSource {
  readonly #o: Readonly<{ client: ClickHouseClient; ledger: SupervisionLedger; reader: Department }>;

  constructor(options: Readonly<{ client: ClickHouseClient; ledger: SupervisionLedger; reader: Department }>) {
    this.#o = options;
  }

  /** The quarter's facts; `cases: false` skips the ledger (trends need only the alerts). */
  async load(quarter: ReportingQuarter, options: { cases?: boolean } = {}): Promise<QuarterFacts> {
    const params = { from: quarter.from, to: quarter.to };
    const [alerts, records] = await Promise.all([this.#alerts(params), this.#records(params)]);
    const cases = new Map<string, CaseFact>();
    for (const alert of options.cases === false ? [] : alerts) {
      const fact = await this.#caseFact(alert.caseId);
      if (fact) cases.set(alert.caseId, fact);
    }
    return { records: records.n, recordAccounts: records.accounts, alerts, cases };
  }

  /** A case without opinions needs no history (a third of the cost on the embedded ledger). */
  async #caseFact(caseId: string): Promise<CaseFact | undefined> {
    const latest = await this.#o.ledger.getCase(this.#o.reader, caseId);
    if (!latest) return undefined;
    if (Object.keys(latest.opinions).length === 0) return caseFactOf([{ txId: '', timestamp: latest.updatedAt, value: latest }]);
    return caseFactOf(await this.#o.ledger.getCaseHistory(this.#o.reader, caseId));
  }

  async #alerts(params: { from: string; to: string }): Promise<AlertFact[]> {
    const rs = await this.#o.client.query({ query: ALERTS_OF_PERIOD, query_params: params, format: 'JSONEachRow' });
    return (await rs.json<AlertRow>()).map((r) => ({
      alertId: r.id, caseId: r.case_id, typology: r.typology, severity: r.severity as Severity, firstTs: r.first_ts,
      amount: r.amount, departments: [...r.departments].sort() as Department[], institutions: [...r.institutions].sort(),
      accounts: [...r.accounts].sort(),
    }));
  }

  async #records(params: { from: string; to: string }): Promise<{ n: number; accounts: number }> {
    const rs = await this.#o.client.query({ query: RECORDS_OF_PERIOD, query_params: params, format: 'JSONEachRow' });
    const [row] = await rs.json<{ n: string | number; accounts: string | number }>();
    return { n: Number(row?.n ?? 0), accounts: Number(row?.accounts ?? 0) };
  }
}

/** The case as its latest ledger version states it, with each department's first decision. */
export function caseFactOf(history: readonly CaseHistoryEntry[]): CaseFact | undefined {
  const latest = history.at(-1)?.value;
  if (!latest) return undefined;
  const firstDecisions = new Map<Department, string>();
  for (const { value } of history) {
    for (const opinion of Object.values(value.opinions)) {
      if (opinion && DECISIVE.includes(opinion.decision) && !firstDecisions.has(opinion.department)) {
        firstDecisions.set(opinion.department, opinion.at);
      }
    }
  }
  return {
    caseId: latest.caseId, status: latest.status, departments: [...latest.departments].sort(),
    openedAt: latest.openedAt, deadline: latest.deadline,
    ...(typeof (latest as { escalationReason?: unknown }).escalationReason === 'string' ? { escalationReason: (latest as { escalationReason: string }).escalationReason } : {}),
    opinions: Object.values(latest.opinions).flatMap((o) => (o ? [{ department: o.department, decision: o.decision, at: o.at }] : []))
      .sort((a, b) => (a.department < b.department ? -1 : 1)),
    firstDecisions: [...firstDecisions].map(([department, at]) => ({ department, at })).sort((a, b) => (a.department < b.department ? -1 : 1)),
  };
}
