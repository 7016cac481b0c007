import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Alert } from '../../core/src/domain/alert.js';
import type { HealthStatus } from '../../gateway/src/platform-components.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const run = promisify(execFile);

/** Runs the CLI on a data directory; answers its exit code and output. */
async function suptech(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/suptech.js', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const records = Array.from({ length: 6 }, (_, i) => ({
  txId: `int-${i}`, institution: 'JADE_RIVER_BANK', ts: `2026-07-0${i + 1}T09:00:00Z`, type: 'transfer',
  from: `INT-A-${i}`, to: `INT-B-${i}`, amount: 1000 + i,
}));

describe('Integrity sweep: stored records against their anchored batches', function () {
  this.timeout(180_000);
  let platform: TestPlatform;
  let dataDir: string;
  const tokens: Record<string, string> = {};

  before(async () => {
    platform = await startPlatform();
    dataDir = platform.dataDir;
    const { status } = await platform.postTransactions(records, platform.apiKeyOf('JADE_RIVER_BANK'));
    assert.equal(status, 200);
    await platform.settle();
    for (const d of ['CAC', 'PBOC', 'NFRA'] as const) tokens[d] = await platform.login(d, 'reviewer');
  });
  after(async () => {
    await platform.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-secrets`, { recursive: true, force: true });
  });

  const health = async (): Promise<HealthStatus> => (await (await fetch(`${platform.baseUrl}/api/v1/health`)).json()) as HealthStatus;
  const alertsOf = async (department: string): Promise<Alert[]> => ((await (await fetch(`${platform.baseUrl}/api/v1/alerts`, {
    headers: { authorization: `Bearer ${tokens[department] ?? ''}` },
  })).json()) as { alerts: Alert[] }).alerts;

  it('finds untouched data intact, and health says so', async () => {
    const report = await platform.platform.core.integrity.sweep();
    assert.ok(report.batchesChecked >= 1);
    assert.equal(report.recordsChecked, records.length);
    assert.deepEqual(report.violations, []);
    const h = await health();
    assert.equal(h.integrity?.state, 'ok');
    assert.equal(h.status, 'ok');
  });

  it('tells an alteration, a deletion and an insertion apart, raises data_integrity for CAC and PBOC and turns health degraded', async () => {
    const { client } = platform.platform.core;
    await client.command({ query: `ALTER TABLE transactions UPDATE amount = 999999 WHERE tx_id = 'int-1'`, clickhouse_settings: { mutations_sync: '2' } });
    await client.command({ query: `ALTER TABLE transactions DELETE WHERE tx_id = 'int-2'`, clickhouse_settings: { mutations_sync: '2' } });
    // A forged record slipped into the anchored range (sequence number 3 is int-2's, now gone).
    const [original] = await (await client.query({ query: `SELECT * FROM transactions WHERE tx_id = 'int-3'`, format: 'JSONEachRow' })).json<Record<string, unknown>>();
    assert.ok(original);
    await client.insert({ table: 'transactions', format: 'JSONEachRow', values: [{ ...original, tx_id: 'int-forged' }] });

    const report = await platform.platform.core.integrity.sweep();
    assert.equal(report.violations.length, 1);
    const [violation] = report.violations;
    assert.deepEqual(violation?.records.map((r) => [r.txId, r.problem]).sort(), [['int-1', 'altered'], ['int-2', 'deleted'], ['int-forged', 'inserted']]);
    assert.equal(violation?.anchor, undefined, 'the anchored membership itself is intact');

    const h = await health();
    assert.equal(h.status, 'degraded');
    assert.equal(h.integrity?.state, 'violated');
    assert.deepEqual(h.integrity?.violations.map((v) => [v.batchId, v.altered, v.deleted, v.inserted]), [[violation?.batchId, 1, 1, 1]]);

    const [cac] = (await alertsOf('CAC')).filter((a) => a.typology === 'data_integrity');
    assert.ok(cac, 'CAC sees the data_integrity alert');
    assert.deepEqual([...cac.departments].sort(), ['CAC', 'PBOC']);
    assert.equal(cac.severity, 'critical');
    assert.deepEqual([...cac.txIds].sort(), ['int-1', 'int-2', 'int-forged']);
    assert.ok(cac.ledger.alertTxId && cac.ledger.caseTxId, 'recorded on the ledger with its case');
    assert.ok((await alertsOf('PBOC')).some((a) => a.id === cac.id));
    assert.ok(!(await alertsOf('NFRA')).some((a) => a.typology === 'data_integrity'), 'not routed to NFRA');
  });

  it('a later sweep finding the same lands on the same alert, without a new ledger version', async () => {
    const before = platform.platform.core.alerts.all().filter((a) => a.typology === 'data_integrity');
    await platform.platform.core.integrity.sweep();
    const after = platform.platform.core.alerts.all().filter((a) => a.typology === 'data_integrity');
    assert.deepEqual(after.map((a) => [a.id, a.version]), before.map((a) => [a.id, a.version]));
  });

  it('finds a changed anchored membership by its root', async () => {
    const { client } = platform.platform.core;
    await client.command({ query: `ALTER TABLE batch_members DELETE WHERE tx_id = 'int-5'`, clickhouse_settings: { mutations_sync: '2' } });
    const report = await platform.platform.core.integrity.sweep();
    assert.equal(report.violations[0]?.anchor, 'members_altered');
    assert.notEqual(report.violations[0]?.recomputedRoot, report.violations[0]?.anchoredRoot);
  });

  it('the proof route answers 410 for a record deleted after anchoring and 404 for one never received', async () => {
    const get = (txId: string): Promise<Response> => fetch(`${platform.baseUrl}/api/v1/transactions/JADE_RIVER_BANK/${txId}/proof`, { headers: { authorization: `Bearer ${tokens.PBOC ?? ''}` } });
    const deleted = await get('int-2');
    assert.equal(deleted.status, 410);
    assert.equal(((await deleted.json()) as { error: string }).error, 'RECORD_DELETED');
    const never = await get('int-never');
    assert.equal(never.status, 404);
    assert.match(((await never.json()) as { message: string }).message, /never received/);
  });

  it('suptech verify exits 4 for a deleted record, 3 for one never received; suptech integrity exits 1 naming the batch', async () => {
    await platform.close({ keepData: true });
    const deleted = await suptech(['verify', '--data-dir', dataDir, 'JADE_RIVER_BANK', 'int-2']);
    assert.equal(deleted.code, 4, deleted.stderr);
    assert.match(deleted.stderr, /deleted after it was anchored in batch/);
    const never = await suptech(['verify', '--data-dir', dataDir, 'JADE_RIVER_BANK', 'int-never']);
    assert.equal(never.code, 3, never.stderr);
    assert.match(never.stderr, /never received/);
    const sweep = await suptech(['integrity', '--data-dir', dataDir]);
    assert.equal(sweep.code, 1, sweep.stderr);
    assert.match(sweep.stdout, /FAIL batch \S+: 1 altered, 1 deleted, 1 inserted, anchor members_altered/);
    assert.match(sweep.stdout, /NOT INTACT/);
  });
});
