import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { toAlert } from '../../../alerts/src/alert-factory.js';
import { withPlatformCore } from './cli-context.js';
import { replayFile } from './replay-command.js';
import { writeQuarterlyReport } from './report-command.js';
import { backtestAction } from './backtest-command.js';
import { indicatorsAction } from './indicators-command.js';
import { isQuarterId } from '../reports/index.js';
import { isReportLocale, type ReportLocale } from '../reports/report-words.js';
import { resetCredentials } from '../auth/credentials-handover.js';
import { changeApiKeyOffline } from '../auth/api-key-administration.js';

const program = new Command('suptech')
  .description('SupTech joint supervision platform: replay records, list alerts, verify records against the ledger')
  .showHelpAfterError();

const dataDirOption = ['--data-dir <dir>', 'data directory (as SUPTECH_DATA_DIR)', process.env.SUPTECH_DATA_DIR ?? 'data'] as const;

program.command('replay')
  .description('run the pipeline (validate, pseudonymize, hash, store, anchor, detect) over an NDJSON file, in file order')
  .argument('<file>', 'NDJSON file of transaction records')
  .option(...dataDirOption)
  .option('--quiet', 'no progress bar')
  .action(async (file: string, opts: { dataDir: string; quiet?: boolean }) => {
    const summary = await withPlatformCore(opts.dataDir, (core) => replayFile(core, file, {
      progress: !opts.quiet && process.stderr.isTTY === true,
      onRejected: (line, reason) => process.stderr.write(`line ${line}: rejected: ${reason}\n`),
    }));
    process.stdout.write(`${summary.lines} records: ${summary.accepted} accepted, ${summary.duplicates} duplicates, ${summary.rejected} rejected; ${summary.alerts} alerts\n`);
  });

program.command('alerts')
  .description('every alert')
  .option(...dataDirOption)
  .option('--json', 'a JSON array on stdout')
  .action(async (opts: { dataDir: string; json?: boolean }) => {
    const alerts = await withPlatformCore(opts.dataDir, async (core) => core.alerts.all().map(toAlert), { start: false });
    alerts.sort((a, b) => (a.firstTs < b.firstTs ? -1 : a.firstTs > b.firstTs ? 1 : a.id < b.id ? -1 : 1));
    if (opts.json) {
      writeFileSync(1, `${JSON.stringify(alerts, null, 2)}\n`);
      return;
    }
    for (const a of alerts) {
      process.stdout.write(`${a.id}  ${a.typology.padEnd(22)} ${a.severity.padEnd(8)} ${a.amount.padStart(14)}  ${a.status.padEnd(9)} ${a.departments.join(',')}  ${a.txIds.length} records\n`);
    }
    process.stdout.write(`${alerts.length} alerts\n`);
  });

program.command('verify')
  .description('check a stored record against its Merkle proof and the ledger; exit 0 only if it holds')
  .argument('<institution>', 'reporting institution code')
  .argument('<txId>', "the institution's txId")
  .option(...dataDirOption)
  .action(async (institution: string, txId: string, opts: { dataDir: string }) => {
    const proof = await withPlatformCore(opts.dataDir, (core) => core.proofs.prove(institution, txId), { start: false });
    const mark = (ok: boolean): string => (ok ? 'ok  ' : 'FAIL');
    process.stdout.write([
      `record ${institution}/${txId}: sha256 ${proof.recordHash}`,
      proof.anchored ? `batch ${proof.batchId} leaf ${proof.leafIndex}, ledger tx ${proof.ledger?.txId ?? '?'} block ${proof.ledger?.blockNumber ?? '?'}` : 'not anchored yet',
      `  ${mark(proof.checks.recordUnchanged)} stored record matches the hash that was anchored`,
      `  ${mark(proof.checks.proofLeadsToRoot)} Merkle proof leads to the batch root`,
      `  ${mark(proof.checks.rootOnLedger)} root equals the one on the ledger`,
      proof.verified ? 'VERIFIED' : 'NOT VERIFIED',
      '',
    ].join('\n'));
    process.exitCode = proof.verified ? 0 : 1;
  });

program.command('integrity')
  .description('recompute every anchored batch from storage against the ledger; raises a data_integrity alert per batch found wrong; exit 0 only if all hold')
  .option(...dataDirOption)
  .action(async (opts: { dataDir: string }) => {
    const { report, status } = await withPlatformCore(opts.dataDir, async (core) => ({ report: await core.integrity.sweep(), status: core.integrity.status }), { start: false });
    process.stdout.write(`${report.batchesChecked} anchored batches, ${report.recordsChecked} records checked\n`);
    for (const v of status.violations) {
      process.stdout.write(`  FAIL batch ${v.batchId}: ${v.altered} altered, ${v.deleted} deleted, ${v.inserted} inserted${v.anchor ? `, anchor ${v.anchor}` : ''} (alert ${v.alertId})\n`);
    }
    process.stdout.write(status.state === 'ok' ? 'INTACT\n' : 'NOT INTACT\n');
    process.exitCode = status.state === 'ok' ? 0 : 1;
  });

program.command('report')
  .description('the quarterly joint report: report.json, report.html and report.pdf in OUTDIR')
  .requiredOption('--quarter <quarter>', 'the quarter, e.g. 2026Q3 (China Standard Time, by alert first event time)', (value: string) => {
    if (!isQuarterId(value)) throw new InvalidArgumentError(`--quarter ${value}: write the year and quarter, e.g. 2026Q3`);
    return value;
  })
  .requiredOption('--out <dir>', 'directory to write the report files into')
  .option(...dataDirOption)
  .option('--no-pdf', 'skip the PDF (no Chromium needed)')
  .option('--lang <lang>', 'language of report.html and report.pdf: en or zh-CN (the figures and hash are the same)', (value: string) => {
    if (!isReportLocale(value)) throw new InvalidArgumentError(`--lang ${value}: en or zh-CN`);
    return value;
  }, 'en')
  .action(async (opts: { dataDir: string; quarter: string; out: string; pdf: boolean; lang: ReportLocale }) => {
    const { report, files, timings, pdfSkipped } = await withPlatformCore(opts.dataDir, (core) => writeQuarterlyReport(core, opts.quarter, opts.out, { pdf: opts.pdf, lang: opts.lang }), { start: false });
    const signed = report.ledger.signOffs.map((s) => s.department).join(', ') || 'nobody yet';
    process.stdout.write([
      `report ${report.content.quarter}: sha256 ${report.reportHash}`,
      `  ledger: ${report.ledger.anchored ? (report.ledger.matchesAnchor ? 'anchored' : 'a different hash is anchored') : 'not anchored'}; signed off by ${signed}`,
      report.version.kind === 'signed' && report.version.currentHash !== report.reportHash
        ? `  this is the signed version; the current data give sha256 ${report.version.currentHash}` : `  version: ${report.version.kind}`,
      ...files.map((f) => `  wrote ${f}`),
      ...(pdfSkipped === undefined ? [] : [`  PDF skipped: ${pdfSkipped}`]),
      `  generation ${timings.generateMs.toFixed(0)} ms, html ${timings.htmlMs.toFixed(0)} ms${opts.pdf && pdfSkipped === undefined ? `, pdf ${timings.pdfMs.toFixed(0)} ms` : ''}`,
      '',
    ].join('\n'));
  });

program.command('indicators')
  .description("risk indicators of a quarter by institution and period, with thresholds and history; a breach opens its joint review (once)")
  .requiredOption('--quarter <quarter>', 'the quarter, e.g. 2026Q3 (China Standard Time)', (value: string) => {
    if (!isQuarterId(value)) throw new InvalidArgumentError(`--quarter ${value}: write the year and quarter, e.g. 2026Q3`);
    return value;
  })
  .option(...dataDirOption)
  .option('--json', 'a JSON array on stdout')
  .option('--breached', 'only breached figures, and those whose case remains')
  .action(indicatorsAction);

program.command('backtest')
  .description('run a candidate rule set over the stored history and print what would change (stores nothing, writes nothing to the ledger)')
  .requiredOption('--rules <file>', 'candidate rule set, JSON (validated like the active one; exit 2 naming the field if not valid)')
  .option(...dataDirOption)
  .option('--json', 'the comparison as JSON on stdout')
  .option('--quiet', 'no progress bar')
  .action(backtestAction);

const apiKey = program.command('api-key').description("an institution's API key (stop the server first; while it runs, use POST/DELETE /api/v1/institutions/{code}/api-key)");
apiKey.command('rotate')
  .description('issue a new API key for the institution (printed once); the old one stops working')
  .argument('<institution>', 'institution code')
  .option(...dataDirOption)
  .action(async (code: string, opts: { dataDir: string }) => {
    const key = await changeApiKeyOffline(path.resolve(opts.dataDir), code, 'rotate');
    process.stdout.write(`${code}: new API key ${key ?? ''}\n`);
  });
apiKey.command('revoke')
  .description("revoke the institution's API key: it sends nothing until a new one is issued")
  .argument('<institution>', 'institution code')
  .option(...dataDirOption)
  .action(async (code: string, opts: { dataDir: string }) => {
    await changeApiKeyOffline(path.resolve(opts.dataDir), code, 'revoke');
    process.stdout.write(`${code}: API key revoked\n`);
  });

program.command('credentials')
  .description('credentials of users and institutions')
  .command('reset')
  .description('issue new passwords for every user and new API keys for every institution, and rewrite credentials.json (stop the server first)')
  .option(...dataDirOption)
  .action(async (opts: { dataDir: string }) => {
    const { credentialsPath, users, institutions } = await resetCredentials(path.resolve(opts.dataDir));
    process.stdout.write(`new credentials for ${users} users and ${institutions} institutions in ${credentialsPath} (mode 0600): hand them out, then delete the file\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof InvalidArgumentError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`suptech: ${error instanceof Error ? error.message : String(error)}\n`);
  // 3: never received; 4: received and anchored, then deleted from storage; 1: anything else.
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  process.exitCode = code === 'NOT_FOUND' ? 3 : code === 'RECORD_DELETED' ? 4 : 1;
});
