/** The quarterly joint report: public surface. */
export { QuarterlyReportService, ledgerStatus, type QuarterlyReportServiceOptions, type ReportListing } from './quarterly-report-service.js';
export { ReportPrinter, chromiumPathFromEnv, type ReportPrinterOptions } from './report-printer.js';
export {
  REPORT_FORMAT, reportHashOf, type QuarterlyReport, type ReportVersion, type QuarterlyReportContent, type ReportLedgerStatus, type SignOffView,
  type AgendaItem, type AlertFigures, type DecisionTimeFigures, type SummaryFigures, type TrendRow,
} from './quarterly-report.js';
export { MIN_ACCOUNTS, protectCells, type ProtectedCell, type SuppressionReason } from './disclosure-control.js';
export { isQuarterId, parseQuarter, previousQuarter, quarterOfInstant, REPORTING_TIME_ZONE, type ReportingQuarter } from './reporting-quarter.js';
export { buildReportContent } from './report-figures.js';
export { QuarterFactsSource, caseFactOf, type AlertFact, type CaseFact, type QuarterFacts } from './quarter-facts.js';
