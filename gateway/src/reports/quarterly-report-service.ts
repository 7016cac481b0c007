import type { ClickHouseClient } from '@clickhouse/client';
import type { UserSession } from '../../../core/src/domain/user-session.js';
import { DEPARTMENTS, type Department } from '../../../core/src/domain/departments.js';
import { AccessDeniedError, EngineUnavailableError, InvalidInputError, LedgerRefusalError } from '../../../core/src/errors.js';
import type { ReportAnchor } from '../../../core/src/ledger/contract-model.js';
import { supportsAttributes } from '../../../core/src/ledger/ledger.js';
import { LedgerError } from '../../../core/src/ledger/ledger-errors.js';
import { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import { QuarterFactsSource } from './quarter-facts.js';
import { ReportSnapshotStore } from './report-snapshots.js';
import { reportHashOf, type QuarterlyReport, type ReportLedgerStatus, type SignOffView } from './quarterly-report.js';
import { buildReportContent } from './report-figures.js';
import { renderReportHtml } from './report-html.js';
import { reportWords, type ReportLocale } from './report-words.js';
import type { ReportPrinter } from './report-printer.js';
import { parseQuarter, previousQuarter, REPORTING_TIME_ZONE } from './reporting-quarter.js';

/** Options of {@link QuarterlyReportService}. */
export interface QuarterlyReportServiceOptions {
  client: ClickHouseClient;
  ledger: SupervisionLedger;
  /** Department identity used for ledger reads. */
  reader: Department;
  /** PDF rendering; without it `pdf()` is unavailable. */
  printer?: ReportPrinter;
  clock?: () => Date;
}

/** A quarter in the list of reports, with where it stands on the ledger. */
export interface ReportListing {
  quarter: string;
  anchored: ReportLedgerStatus['anchored'];
  signOffs: SignOffView[];
  /** Departments that have not signed the anchored hash (all five when nothing is anchored). */
  pending: Department[];
  /** First instant after the quarter; sign-off opens then. */
  endsAt: string;
  ended: boolean;
}

type AnchorWithSigners = ReportAnchor & { signOffs: Partial<Record<Department, { at: string; txId: string; reportHash: string; by?: string }>> };

const QUARTERS_WITH_RECORDS = `
  SELECT DISTINCT concat(toString(toYear(t)), 'Q', toString(toQuarter(t))) AS quarter
  FROM (SELECT toTimeZone(ts, {tz:String}) AS t FROM transactions) ORDER BY quarter`;

/**
 * The quarterly joint report: generated on demand from the shared data (ClickHouse and
 * the ledger), rendered to HTML and PDF, anchored and signed off on the ledger.
 */
export class QuarterlyReportService {
  readonly #o: Readonly<QuarterlyReportServiceOptions>;
  readonly #facts: QuarterFactsSource;
  readonly #snapshots: ReportSnapshotStore;

  constructor(options: Readonly<QuarterlyReportServiceOptions>) {
    this.#o = options;
    this.#facts = new QuarterFactsSource({ client: options.client, ledger: options.ledger, reader: options.reader });
    this.#snapshots = new ReportSnapshotStore({ client: options.client });
  }

  /**
   * The quarter's report to read and sign: once a department has signed, the version whose
   * hash the ledger fixed; before that, the report of the current data.
   */
  async current(quarterId: string): Promise<QuarterlyReport> {
    const live = await this.generate(quarterId);
    const { anchored, signOffs } = live.ledger;
    if (!anchored || live.ledger.matchesAnchor || signOffs.length === 0) return live;
    const signed = await this.#snapshots.get(live.content.quarter, anchored.reportHash);
    if (!signed) return live;
    const anchor = await this.#o.ledger.getReport(this.#o.reader, live.content.quarter);
    return {
      reportHash: signed.reportHash, content: signed.content, generatedAt: signed.generatedAt,
      ledger: ledgerStatus(anchor, signed.reportHash), version: { kind: 'signed', currentHash: live.reportHash },
    };
  }

  /** The report of `quarterId` (e.g. `2026Q3`) generated from the data as they stand now, with its ledger status. */
  async generate(quarterId: string): Promise<QuarterlyReport> {
    const quarter = parseQuarter(quarterId);
    const previous = previousQuarter(quarter);
    const [facts, previousFacts] = await Promise.all([this.#facts.load(quarter), this.#facts.load(previous, { cases: false })]);
    // Overdue means past the deadline at the report's cut-off: the quarter's end, or now for a quarter still running.
    const cutOff = new Date(Math.min(Date.parse(quarter.to), this.#now().getTime())).toISOString();
    const content = buildReportContent(quarter, previous, facts, previousFacts, cutOff);
    const reportHash = reportHashOf(content);
    const anchor = await this.#o.ledger.getReport(this.#o.reader, quarter.id);
    return { reportHash, content, generatedAt: this.#now().toISOString(), ledger: ledgerStatus(anchor, reportHash), version: { kind: 'current' } };
  }

  /** The report as HTML in English (default) or Simplified Chinese: the same figures and hash. */
  html(report: QuarterlyReport, locale: ReportLocale = 'en'): string {
    return renderReportHtml(report, locale);
  }

  async pdf(report: QuarterlyReport, locale: ReportLocale = 'en'): Promise<Buffer> {
    if (!this.#o.printer) throw new EngineUnavailableError('PDF rendering (no printer configured)');
    return this.#o.printer.print(this.html(report, locale), { title: `${reportWords(locale).title} ${report.content.quarter}`, hash: report.reportHash });
  }

  /** Every quarter with reported records, and its report's anchor and sign-offs. */
  async list(): Promise<ReportListing[]> {
    const rs = await this.#o.client.query({ query: QUARTERS_WITH_RECORDS, query_params: { tz: REPORTING_TIME_ZONE }, format: 'JSONEachRow' });
    const quarters = (await rs.json<{ quarter: string }>()).map((r) => r.quarter);
    const listings: ReportListing[] = [];
    const now = this.#now().getTime();
    for (const quarter of quarters) {
      const anchor = await this.#o.ledger.getReport(this.#o.reader, quarter);
      const status = ledgerStatus(anchor, anchor?.reportHash ?? '');
      const endsAt = parseQuarter(quarter).to;
      listings.push({ quarter, anchored: status.anchored, signOffs: status.signOffs, pending: status.pending, endsAt, ended: Date.parse(endsAt) <= now });
    }
    return listings;
  }

  /**
   * The reviewer's department signs off the quarter's report as {@link current} gives it:
   * the version already signed by another department, or else the current data's report,
   * whose hash is anchored first (and its content kept) when the ledger does not hold it.
   * When `expectedHash` is given (the hash the reviewer read), a different report is refused
   * rather than signed unseen. The contract decides who may sign.
   */
  async signOff(user: Pick<UserSession, 'department' | 'role' | 'username'>, quarterId: string, expectedHash?: string): Promise<QuarterlyReport> {
    if (user.role !== 'reviewer') throw new AccessDeniedError(`role ${user.role} may not sign off a report; the department's reviewer does`);
    // Only a finished quarter has a final report; the contract refuses too, this says so before anything is anchored.
    const endsAt = parseQuarter(quarterId).to;
    if (Date.parse(endsAt) > this.#now().getTime()) {
      throw new InvalidInputError('quarter', `${quarterId} has not ended yet: its report can be signed off from ${endsAt}`);
    }
    const report = await this.current(quarterId);
    if (expectedHash !== undefined && expectedHash !== report.reportHash) {
      throw new InvalidInputError('reportHash', `the report has changed since it was read: its hash is now ${report.reportHash}; read it again before signing`);
    }
    const ledger = this.#asUser(user);
    const quarter = report.content.quarter;
    try {
      if (report.version.kind === 'current') {
        await this.#snapshots.save({ quarter, reportHash: report.reportHash, content: report.content, generatedAt: report.generatedAt });
        if (report.ledger.anchored?.reportHash !== report.reportHash) await ledger.anchorReport(user.department, quarter, report.reportHash);
      }
      const signed = await ledger.signOffReport(user.department, quarter, report.reportHash);
      return { ...report, ledger: ledgerStatus(signed.result, report.reportHash) };
    } catch (error) {
      if (error instanceof LedgerError && error.code === 'ACCESS_DENIED') throw new AccessDeniedError(error.message);
      if (error instanceof LedgerError) throw new LedgerRefusalError(error.message, error);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.#o.printer?.close();
  }

  /** The ledger under the user's identity attributes, so that the contract records who signed. */
  #asUser(user: Pick<UserSession, 'role' | 'username'>): SupervisionLedger {
    const backend = this.#o.ledger.backend;
    if (!supportsAttributes(backend)) return this.#o.ledger;
    return new SupervisionLedger(backend.withAttributes({ 'suptech.role': user.role, 'suptech.user': user.username }));
  }

  #now(): Date {
    return (this.#o.clock ?? (() => new Date()))();
  }
}

/** Where a report with `reportHash` stands, given the quarter's anchor on the ledger. */
export function ledgerStatus(anchor: ReportAnchor | undefined, reportHash: string): ReportLedgerStatus {
  if (!anchor) return { anchored: null, matchesAnchor: false, signOffs: [], pending: [...DEPARTMENTS] };
  const signers = (anchor as AnchorWithSigners).signOffs;
  const signOffs: SignOffView[] = DEPARTMENTS.flatMap((department) => {
    const s = signers[department];
    return s ? [{ department, at: s.at, txId: s.txId, reportHash: s.reportHash, ...(s.by ? { by: s.by } : {}) }] : [];
  });
  const matches = anchor.reportHash === reportHash;
  return {
    anchored: { reportHash: anchor.reportHash, anchoredBy: anchor.anchoredBy, anchoredAt: anchor.anchoredAt },
    matchesAnchor: matches,
    signOffs,
    pending: DEPARTMENTS.filter((d) => !matches || !signOffs.some((s) => s.department === d)),
  };
}
