import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BacktestReport } from '../../alerts/src/backtest/index.js';
import { ruleSetHash, validateRuleSet } from '../../alerts/src/rules/index.js';
import type { Alert } from '../../core/src/domain/alert.js';

const run = promisify(execFile);

/** The CLI as a user runs it; never rejects, so exit codes can be asserted. */
async function suptech(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/suptech.js', ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const record = (txId: string, institution: string, ts: string, fields: Record<string, unknown>): Record<string, unknown> =>
  ({ txId, institution, ts, ...fields });

/**
 * A history with one credit_to_real_estate incident, a loan-funded payment just below the
 * default 10,000 minimum final payment (no alert today), and two structuring incidents.
 */
function history(prefix: string): Record<string, unknown>[] {
  const cash = (n: number, account: string, ts: string, amount: string): Record<string, unknown> =>
    record(`${prefix}-cash-${n}`, n % 2 === 0 ? 'GOLDEN_GATE_BANK' : 'JADE_RIVER_BANK', ts, { type: 'cash_deposit', from: account, to: account, amount });
  return [
    record(`${prefix}-loan-1`, 'JADE_RIVER_BANK', '2026-07-01T09:00:00+08:00', { type: 'loan_disbursement', from: 'LOAN-POOL-7', to: '6222020000000001', amount: '300000.00', loanPurpose: 'consumer' }),
    record(`${prefix}-hop-1`, 'SWIFTPAY', '2026-07-02T10:00:00+08:00', { type: 'transfer', from: '6222020000000001', to: '6222020000000002', amount: '290000.00' }),
    record(`${prefix}-home-1`, 'GOLDEN_GATE_BANK', '2026-07-05T15:30:00+08:00', { type: 'payment', from: '6222020000000002', to: 'DEVELOPER-88', amount: '280000.00', toSector: 'K', toMcc: '6513' }),
    record(`${prefix}-loan-2`, 'JADE_RIVER_BANK', '2026-07-10T09:00:00+08:00', { type: 'loan_disbursement', from: 'LOAN-POOL-7', to: '6222020000000003', amount: '15000.00', loanPurpose: 'business' }),
    record(`${prefix}-home-2`, 'GOLDEN_GATE_BANK', '2026-07-12T11:00:00+08:00', { type: 'payment', from: '6222020000000003', to: 'DEVELOPER-88', amount: '9999.99', toSector: 'K' }),
    cash(1, '6222020000000009', '2026-08-01T09:00:00+08:00', '45000.00'),
    cash(2, '6222020000000009', '2026-08-01T13:00:00+08:00', '46000.00'),
    cash(3, '6222020000000009', '2026-08-01T18:00:00+08:00', '47000.00'),
    cash(4, '6222020000000010', '2026-09-03T09:00:00+08:00', '41000.00'),
    cash(5, '6222020000000010', '2026-09-03T10:00:00+08:00', '42000.00'),
    cash(6, '6222020000000010', '2026-09-03T11:00:00+08:00', '43000.00'),
  ];
}

describe('suptech backtest', function () {
  this.timeout(180_000);
  const prefix = `bt${process.pid}`;
  let dir: string;
  let dataDir: string;
  let blocksBefore: string;

  /** Writes a candidate rule set file and runs the backtest with it. */
  async function backtest(name: string, candidate: unknown, ...flags: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, typeof candidate === 'string' ? candidate : JSON.stringify(candidate));
    return suptech('backtest', '--data-dir', dataDir, '--rules', file, ...flags);
  }
  async function backtestJson(name: string, candidate: unknown): Promise<BacktestReport> {
    const { code, stdout, stderr } = await backtest(name, candidate, '--json');
    assert.equal(code, 0, stderr);
    return JSON.parse(stdout) as BacktestReport;
  }
  const row = (report: BacktestReport, typology: string): BacktestReport['typologies'][number] => {
    const found = report.typologies.find((t) => t.typology === typology);
    assert.ok(found, `no row for ${typology}`);
    return found;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'suptech-backtest-'));
    dataDir = join(dir, 'data');
    const file = join(dir, 'history.ndjson');
    writeFileSync(file, `${history(prefix).map((r) => JSON.stringify(r)).join('\n')}\n`);
    const replay = await suptech('replay', file, '--data-dir', dataDir, '--quiet');
    assert.equal(replay.code, 0, replay.stderr);
    assert.match(replay.stdout, /11 accepted.*; 3 alerts/);
    blocksBefore = readFileSync(join(dataDir, 'ledger', 'blocks.ndjson'), 'utf8');
  });
  after(() => { rmSync(dir, { recursive: true, force: true }); });

  it('shows a new credit_to_real_estate alert for a payment just below the current minimum, and none gone', async () => {
    const candidate = { version: '1.1.0', typologies: { credit_to_real_estate: { params: { minFinalAmount: 9999 } } } };
    const report = await backtestJson('lower-minimum', candidate);
    assert.equal(report.candidate.hash, ruleSetHash(validateRuleSet(candidate)));
    assert.deepEqual(report.parameterChanges, [{ path: 'typologies.credit_to_real_estate.params.minFinalAmount', active: 10_000, candidate: 9999 }]);
    const credit = row(report, 'credit_to_real_estate');
    assert.equal(credit.current, 1);
    assert.equal(credit.candidate, 2);
    assert.deepEqual(credit.new.map((a) => a.evidence), [[`GOLDEN_GATE_BANK/${prefix}-home-2`, `JADE_RIVER_BANK/${prefix}-loan-2`]]);
    assert.equal(credit.new[0]?.amount, '9999.99');
    assert.deepEqual(report.typologies.flatMap((t) => [...t.gone, ...t.changed]), [], 'nothing gone or changed anywhere');
    assert.deepEqual(report.totals, { current: 3, candidate: 4, new: 1, gone: 0, changed: 0 });
  });

  it('shows every alert of a typology the candidate disables as gone', async () => {
    const report = await backtestJson('no-structuring', { version: '1.2.0', typologies: { structuring: { enabled: false } } });
    const structuring = row(report, 'structuring');
    assert.equal(structuring.enabled, false);
    assert.equal(structuring.current, 2);
    assert.equal(structuring.candidate, 0);
    assert.deepEqual(structuring.gone.map((a) => a.evidence.length), [3, 3]);
    assert.deepEqual(report.parameterChanges.map((c) => c.path), ['typologies.structuring.enabled']);
    const others = report.typologies.filter((t) => t.typology !== 'structuring');
    assert.deepEqual(others.flatMap((t) => [...t.new, ...t.gone, ...t.changed]), [], 'the other typologies do not move');
  });

  it('prints the same comparison as a table without --json', async () => {
    const { code, stdout } = await backtest('text', { version: '1.2.0', typologies: { structuring: { enabled: false } } });
    assert.equal(code, 0);
    assert.match(stdout, /candidate rule set 1\.2\.0 {2}sha256 [0-9a-f]{64}/);
    assert.match(stdout, /typologies\.structuring\.enabled: true → false/);
    assert.match(stdout, /^structuring +2 +0 +0 +2 +0 {2}\(disabled in candidate\)$/m);
    assert.match(stdout, /^total +3 +1 +0 +2 +0$/m);
  });

  it('exits 2 naming the field when the candidate is not a valid rule set, before opening the store', async () => {
    const bad = await backtest('bad-param', { version: '1.3.0', typologies: { credit_to_real_estate: { params: { minFinalAmount: 'ten thousand' } } } });
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /typologies\.credit_to_real_estate\.params\.minFinalAmount/);
    const unknown = await backtest('bad-typology', { version: '1.3.0', typologies: { credit_to_moon: {} } });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /typologies\.credit_to_moon: unknown typology/);
    const notJson = await backtest('not-json', '{ "version": ');
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /not-json\.json: not valid JSON/);
  });

  it('writes nothing: the ledger and the stored alerts are as before', async () => {
    assert.equal(readFileSync(join(dataDir, 'ledger', 'blocks.ndjson'), 'utf8'), blocksBefore, 'no block was added');
    const listed = await suptech('alerts', '--data-dir', dataDir, '--json');
    assert.equal(listed.code, 0, listed.stderr);
    const alerts = JSON.parse(listed.stdout) as Alert[];
    assert.deepEqual(alerts.map((a) => a.typology).sort(), ['credit_to_real_estate', 'structuring', 'structuring']);
  });
});
