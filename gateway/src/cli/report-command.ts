import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EngineUnavailableError } from '../../../core/src/errors.js';
import { chromiumPathFromEnv, QuarterlyReportService, ReportPrinter, type QuarterlyReport } from '../reports/index.js';
import type { PlatformCore } from '../platform-core.js';
import type { ReportLocale } from '../reports/report-words.js';

/** What `suptech report` wrote, and how long each step took (milliseconds). */
export interface ReportCommandResult {
  report: QuarterlyReport;
  files: string[];
  timings: { generateMs: number; htmlMs: number; pdfMs: number };
  /** Why the PDF was not written, and how to get it, when Chromium could not be started. */
  pdfSkipped?: string;
}

/**
 * Generates the quarter's report and writes report.json, report.html and report.pdf into `outDir`.
 * Without a usable Chromium the JSON and HTML are still written (they are the report; the PDF is
 * a print of the HTML) and `pdfSkipped` says why and how to get the PDF.
 */
export async function writeQuarterlyReport(core: PlatformCore, quarter: string, outDir: string, options: { pdf?: boolean; lang?: ReportLocale } = {}): Promise<ReportCommandResult> {
  const printer = options.pdf === false ? undefined : new ReportPrinter({ executablePath: chromiumPathFromEnv() });
  const reports = new QuarterlyReportService({ client: core.client, ledger: core.ledger, reader: core.config.operatorDepartment, printer });
  try {
    let t = performance.now();
    const report = await reports.current(quarter);
    const generateMs = performance.now() - t;
    t = performance.now();
    const html = reports.html(report, options.lang);
    const htmlMs = performance.now() - t;
    await mkdir(outDir, { recursive: true });
    const files = [path.join(outDir, 'report.json'), path.join(outDir, 'report.html')];
    await writeFile(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(files[1]!, html);
    let pdfMs = 0;
    let pdfSkipped: string | undefined;
    if (printer) {
      t = performance.now();
      try {
        const pdf = await reports.pdf(report, options.lang);
        files.push(path.join(outDir, 'report.pdf'));
        await writeFile(files[2]!, pdf);
      } catch (error) {
        if (!(error instanceof EngineUnavailableError)) throw error;
        pdfSkipped = `${error.message}: report.pdf not written. Install Debian's chromium (apt-get install chromium) or point SUPTECH_CHROMIUM at a Chromium binary, then run the command again.`;
      }
      pdfMs = performance.now() - t;
    }
    return { report, files, timings: { generateMs, htmlMs, pdfMs }, ...(pdfSkipped === undefined ? {} : { pdfSkipped }) };
  } finally {
    await reports.close();
  }
}
