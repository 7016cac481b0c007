import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromiumPathFromEnv, QuarterlyReportService, ReportPrinter, type QuarterlyReport } from '../reports/index.js';
import type { PlatformCore } from '../platform-core.js';

/** What `suptech report` wrote, and how long each step took (milliseconds). */
export interface ReportCommandResult {
  report: QuarterlyReport;
  files: string[];
  timings: { generateMs: number; htmlMs: number; pdfMs: number };
}

/** Generates the quarter's report and writes report.json, report.html and report.pdf into `outDir`. */
export async function writeQuarterlyReport(core: PlatformCore, quarter: string, outDir: string, options: { pdf?: boolean } = {}): Promise<ReportCommandResult> {
  const printer = options.pdf === false ? undefined : new ReportPrinter({ executablePath: chromiumPathFromEnv() });
  const reports = new QuarterlyReportService({ client: core.client, ledger: core.ledger, reader: core.config.operatorDepartment, printer });
  try {
    let t = performance.now();
    const report = await reports.current(quarter);
    const generateMs = performance.now() - t;
    t = performance.now();
    const html = reports.html(report);
    const htmlMs = performance.now() - t;
    await mkdir(outDir, { recursive: true });
    const files = [path.join(outDir, 'report.json'), path.join(outDir, 'report.html')];
    await writeFile(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(files[1]!, html);
    let pdfMs = 0;
    if (printer) {
      t = performance.now();
      const pdf = await reports.pdf(report);
      pdfMs = performance.now() - t;
      files.push(path.join(outDir, 'report.pdf'));
      await writeFile(files[2]!, pdf);
    }
    return { report, files, timings: { generateMs, htmlMs, pdfMs } };
  } finally {
    await reports.close();
  }
}
