/**
 * The risk indicator system on the real platform: records ingested over HTTP through the
 * real pipeline (chDB, detection, embedded ledger running the contract), figures read over
 * HTTP and from the CLI, checked against values computed by hand from the records below.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Department, Role } from '../../core/src/domain/departments.js';
import type { IndicatorValue } from '../../alerts/src/indicators/index.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const run = promisify(execFile);

interface Listing { quarter: string; definitions: { version: string; hash: string }; indicators: IndicatorValue[] }

describe('Risk indicators', function () {
  this.timeout(240_000);
  const p = `ind${process.pid.toString(36)}${Date.now().toString(36)}`;
  const acct = (n: number): string => `${p}-ACC-${n}`;
  let platform: TestPlatform;
  /** Set once the CLI test has closed the platform to open its data directory itself. */
  let closedFor: string | undefined;
  const tokens = new Map<string, string>();

  const get = async (department: Department | undefined, role: Role, path: string): Promise<{ status: number; body: unknown }> => {
    const headers: Record<string, string> = {};
    if (department) {
      const key = `${department}/${role}`;
      if (!tokens.has(key)) tokens.set(key, await platform.login(department, role));
      headers.authorization = `Bearer ${tokens.get(key)!}`;
    }
    const response = await fetch(`${platform.baseUrl}${path}`, { headers });
    return { status: response.status, body: await response.json() };
  };
  const listing = async (department: Department, role: Role = 'analyst', query = 'quarter=2026Q3'): Promise<IndicatorValue[]> => {
    const { status, body } = await get(department, role, `/api/v1/indicators?${query}`);
    assert.equal(status, 200, JSON.stringify(body));
    return (body as Listing).indicators;
  };
  const figure = (rows: readonly IndicatorValue[], indicator: string, institution: string, period: string, segment?: string): IndicatorValue => {
    const found = rows.find((r) => r.indicator === indicator && r.institution === institution && r.period === period && r.segment === segment);
    assert.ok(found, `${indicator} ${institution} ${period} ${segment ?? ''} is listed`);
    return found;
  };
  const breachAlerts = (indicator: string, institution: string): string[] => platform.platform.core.alerts.all()
    .filter((a) => a.typology === 'indicator_breach' && a.ruleVersion.startsWith(`${indicator}@`) && a.institutions.includes(institution))
    .map((a) => a.caseId).sort();
  const post = async (institution: string, records: Record<string, unknown>[]): Promise<void> => {
    const { status, body } = await platform.postTransactions(records.map((r) => ({ institution, ...r })), platform.apiKeyOf(institution));
    assert.equal(status, 200, JSON.stringify(body));
  };
  const loan = (txId: string, ts: string, to: string, amount: string, loanPurpose: string): Record<string, unknown> =>
    ({ txId: `${p}-${txId}`, ts, type: 'loan_disbursement', from: `${p}-LOAN-POOL`, to, amount, loanPurpose });

  before(async () => {
    platform = await startPlatform();
    // JADE_RIVER_BANK lends 1,000,000 of consumer and business credit in July; the 200,000
    // consumer loan reaches a developer (sector K), the mortgage is not counted:
    // share = 200,000 / 1,000,000 = 0.2 (level threshold 0.1). Q2: 1,200,000 untraced, share 0.
    await post('JADE_RIVER_BANK', [
      loan('jr-loan-0', '2026-06-15T10:00:00+08:00', acct(100), '1200000.00', 'consumer'),
      loan('jr-loan-1', '2026-07-06T10:00:00+08:00', acct(101), '200000.00', 'consumer'),
      loan('jr-loan-2', '2026-07-10T10:00:00+08:00', acct(102), '800000.00', 'business'),
      loan('jr-loan-3', '2026-07-12T10:00:00+08:00', acct(103), '1000000.00', 'mortgage'),
      // August cash deposits: 12 of 30 just under 50,000 (density 0.4, threshold 0.3).
      ...Array.from({ length: 30 }, (_, i) => ({
        txId: `${p}-jr-cash-${i}`, ts: `2026-08-${String(1 + (i % 20)).padStart(2, '0')}T09:${String(i).padStart(2, '0')}:00+08:00`,
        type: 'cash_deposit', from: acct(200 + i), to: acct(200 + i), amount: i < 12 ? '45000.00' : '1000.00',
      })),
    ]);
    await post('GOLDEN_GATE_BANK', [
      { txId: `${p}-home-1`, ts: '2026-07-08T10:00:00+08:00', type: 'payment', from: acct(101), to: `${p}-DEVELOPER`, amount: '150000.00', toSector: 'K' },
      // September outflows: HK 3,000,000 and SG 1,000,000; concentration 0.75² + 0.25² = 0.625.
      { txId: `${p}-xb-hk`, ts: '2026-09-10T10:00:00+08:00', type: 'cross_border_out', from: acct(301), to: `${p}-HK-1`, amount: '3000000.00', toCountry: 'HK' },
      { txId: `${p}-xb-sg`, ts: '2026-09-11T10:00:00+08:00', type: 'cross_border_out', from: acct(302), to: `${p}-SG-1`, amount: '1000000.00', toCountry: 'SG' },
    ]);
    // EAST_HARBOR_BANK: an untraced consumer loan; two transfers of 100,000 to personal
    // accounts, one passed on in full within hours (110,000 onward, capped at 100,000), the
    // other 20,000 of it: pass-through = 120,000 / 200,000 = 0.6.
    await post('EAST_HARBOR_BANK', [
      loan('eh-loan-1', '2026-07-20T10:00:00+08:00', acct(104), '1000000.00', 'consumer'),
      { txId: `${p}-eh-in-1`, ts: '2026-08-05T10:00:00+08:00', type: 'transfer', from: acct(401), to: acct(402), amount: '100000.00' },
      { txId: `${p}-eh-in-2`, ts: '2026-08-06T10:00:00+08:00', type: 'transfer', from: acct(401), to: acct(405), amount: '100000.00' },
    ]);
    await post('SWIFTPAY', [
      { txId: `${p}-sp-on-1`, ts: '2026-08-05T12:00:00+08:00', type: 'transfer', from: acct(402), to: acct(403), amount: '60000.00' },
      { txId: `${p}-sp-on-2`, ts: '2026-08-05T13:00:00+08:00', type: 'transfer', from: acct(402), to: acct(404), amount: '50000.00' },
      { txId: `${p}-sp-on-3`, ts: '2026-08-06T18:00:00+08:00', type: 'transfer', from: acct(405), to: acct(406), amount: '20000.00' },
    ]);
    // MALLCO (an e-commerce platform) doubles its lending: 1,000,000 in June, 2,000,000 in July.
    await post('MALLCO', [
      loan('mc-loan-0', '2026-06-20T10:00:00+08:00', acct(500), '1000000.00', 'consumer'),
      loan('mc-loan-1', '2026-07-15T10:00:00+08:00', acct(501), '1000000.00', 'consumer'),
      loan('mc-loan-2', '2026-07-16T10:00:00+08:00', acct(502), '1000000.00', 'consumer'),
    ]);
    await platform.settle();
  });
  after(async () => {
    if (closedFor === undefined) await platform?.close();
    else for (const dir of [closedFor, `${closedFor}-secrets`]) rmSync(dir, { recursive: true, force: true });
  });

  describe('credit_to_real_estate_share', () => {
    it('is the share of consumer and business credit that detection traced to real estate, by lender and period', async () => {
      const rows = await listing('NFRA');
      const quarter = figure(rows, 'credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026Q3');
      assert.equal(quarter.value, 0.2);
      assert.equal(quarter.base, 1_000_000);
      assert.equal(quarter.threshold, 0.1);
      assert.deepEqual(quarter.breaches, ['level']);
      assert.equal(quarter.breached, true);
      assert.equal(quarter.previous, 0);
      assert.deepEqual(quarter.history, [{ period: '2026Q2', value: 0 }, { period: '2026Q3', value: 0.2 }]);
      assert.deepEqual(quarter.contributors.map((c) => c.txId), [`${p}-jr-loan-1`]);
      const traced = platform.platform.core.alerts.all().find((a) => a.typology === 'credit_to_real_estate' && a.txIds.includes(`${p}-jr-loan-1`));
      assert.ok(traced, 'the loan-to-property alert was raised');
      assert.deepEqual(quarter.alertIds, [traced.id]);
      assert.equal(figure(rows, 'credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026-07').value, 0.2);
      // The week of 6 July holds both loans; weeks are shown and breach, but open no case.
      const week = figure(rows, 'credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026-W28');
      assert.equal(week.value, 0.2);
      assert.equal(week.breached, true);
      assert.equal(week.caseId, undefined);
      const untraced = figure(rows, 'credit_to_real_estate_share', 'EAST_HARBOR_BANK', '2026Q3');
      assert.equal(untraced.value, 0);
      assert.equal(untraced.breached, false);
    });

    it('opens one joint review per breached period, for PBOC and NFRA, however often it is read', async () => {
      const first = figure(await listing('NFRA'), 'credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026Q3');
      const again = figure(await listing('PBOC', 'reviewer'), 'credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026Q3');
      assert.ok(first.caseId);
      assert.equal(again.caseId, first.caseId);
      const month = figure(await listing('NFRA'), 'credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026-07');
      assert.deepEqual(breachAlerts('credit_to_real_estate_share', 'JADE_RIVER_BANK'), [first.caseId, month.caseId].sort());
      const onLedger = await platform.platform.core.ledger.getCase('PBOC', first.caseId);
      assert.deepEqual([...(onLedger?.departments ?? [])].sort(), ['NFRA', 'PBOC']);
      assert.equal(onLedger?.status, 'open');
    });

    it('shows the case with its figures and contributing loan to the departments concerned, and to no other', async () => {
      const { caseId } = figure(await listing('NFRA'), 'credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026Q3');
      const nfra = await get('NFRA', 'analyst', `/api/v1/cases/${caseId!}`);
      assert.equal(nfra.status, 200);
      const details = nfra.body as { alert: { typology: string; ruleVersion: string; explanation: { condition: string; value: number; threshold: number }[] }; evidence: { txId: string }[] };
      assert.equal(details.alert.typology, 'indicator_breach');
      assert.equal(details.alert.ruleVersion, 'credit_to_real_estate_share@1.0.0');
      assert.deepEqual(details.alert.explanation.find((c) => c.condition === 'level'), { condition: 'level', value: 0.2, threshold: 0.1, text: 'credit_to_real_estate_share of JADE_RIVER_BANK for 2026Q3 is 0.2, above the threshold 0.1' });
      assert.deepEqual(details.evidence.map((e) => e.txId), [`${p}-jr-loan-1`]);
      assert.equal((await get('SAFE', 'reviewer', `/api/v1/cases/${caseId!}`)).status, 404);
    });
  });

  describe('the other indicators', () => {
    it('give the densities, velocities, outflows, concentrations and growth computed by hand', async () => {
      const rows = await listing('PBOC', 'auditor');
      const density = figure(rows, 'structuring_density', 'JADE_RIVER_BANK', '2026-08');
      assert.deepEqual([density.value, density.base, density.breached], [0.4, 30, true]);
      assert.deepEqual(density.contributors.map((c) => c.amount), Array(5).fill('45000.00'));
      const velocity = figure(rows, 'pass_through_velocity', 'EAST_HARBOR_BANK', '2026Q3');
      assert.deepEqual([velocity.value, velocity.base, velocity.sufficientBase, velocity.breached], [0.6, 200_000, false, false]);
      assert.equal(figure(rows, 'pass_through_velocity', 'SWIFTPAY', '2026Q3').value, 0);
      assert.equal(figure(rows, 'cross_border_outflow', 'GOLDEN_GATE_BANK', '2026-09', 'HK').value, 3_000_000);
      assert.equal(figure(rows, 'cross_border_outflow', 'GOLDEN_GATE_BANK', '2026-09', 'SG').value, 1_000_000);
      const concentration = figure(rows, 'cross_border_concentration', 'GOLDEN_GATE_BANK', '2026Q3');
      assert.deepEqual([concentration.value, concentration.base, concentration.sufficientBase], [0.625, 4_000_000, false]);
      const growth = figure(rows, 'platform_credit_growth', 'MALLCO', '2026-07');
      // June has no May before it, so no growth of its own: the trend has nothing to compare with.
      assert.deepEqual([growth.value, growth.base, growth.previous, growth.breached, growth.breaches], [1, 2_000_000, null, true, ['level']]);
      assert.deepEqual(growth.departments, ['NFRA', 'PBOC', 'SAMR']);
      assert.equal(figure(rows, 'platform_credit_growth', 'MALLCO', '2026Q3').value, 1);
      assert.equal(rows.some((r) => r.indicator === 'platform_credit_growth' && r.institution === 'JADE_RIVER_BANK'), false, 'banks are not platforms');
    });
  });

  describe('GET /api/v1/indicators', () => {
    it("lists only the indicators routed to the caller's department; auditors read all", async () => {
      const kinds = (rows: IndicatorValue[]): string[] => [...new Set(rows.map((r) => r.indicator))].sort();
      assert.deepEqual(kinds(await listing('SAFE')), ['cross_border_concentration', 'cross_border_outflow']);
      const samr = await listing('SAMR');
      assert.ok(samr.length > 0);
      assert.ok(samr.every((r) => r.institution === 'MALLCO' || r.institution === 'SWIFTPAY'), 'SAMR sees the platforms only');
      assert.equal(kinds(await listing('NFRA')).includes('cross_border_outflow'), false);
      assert.equal((await listing('CAC', 'auditor')).length, (await listing('PBOC', 'auditor')).length);
    });

    it('refuses a malformed quarter naming the field, and a caller without a session', async () => {
      const bad = await get('NFRA', 'analyst', '/api/v1/indicators?quarter=2026Q5');
      assert.equal(bad.status, 400);
      assert.equal((bad.body as { field?: string }).field, 'quarter');
      assert.equal((await get(undefined, 'analyst', '/api/v1/indicators?quarter=2026Q3')).status, 401);
      const unknown = await get('NFRA', 'analyst', '/api/v1/indicators?quarter=2026Q3&indicator=credit_to_mars_share');
      assert.deepEqual([unknown.status, (unknown.body as { field?: string }).field], [400, 'indicator']);
      const granularity = await get('NFRA', 'analyst', '/api/v1/indicators?quarter=2026Q3&granularity=decade');
      assert.equal(granularity.status, 400);
      assert.match((granularity.body as { message: string }).message, /granularity/);
    });

    it('filters by indicator, institution and period, and is documented in the OpenAPI document', async () => {
      const rows = await listing('NFRA', 'analyst', 'quarter=2026Q3&indicator=credit_to_real_estate_share&institution=JADE_RIVER_BANK&granularity=month');
      assert.deepEqual(rows.map((r) => [r.indicator, r.institution, r.period]), [['credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026-07']]);
      const spec = await (await fetch(`${platform.baseUrl}/docs/json`)).json() as { paths: Record<string, { get?: { tags?: string[]; parameters?: { name: string }[] } }> };
      const operation = spec.paths['/api/v1/indicators']?.get;
      assert.deepEqual(operation?.tags, ['indicators']);
      assert.deepEqual(operation?.parameters?.map((x) => x.name).sort(), ['granularity', 'indicator', 'institution', 'quarter']);
    });
  });

  describe('a breach no longer breached', () => {
    it('keeps its case and shows it is no longer breached, opening nothing new', async () => {
      const before = breachAlerts('credit_to_real_estate_share', 'JADE_RIVER_BANK');
      // 2,000,000 more untraced July credit: share = 200,000 / 3,000,000.
      await post('JADE_RIVER_BANK', [loan('jr-loan-4', '2026-07-25T10:00:00+08:00', acct(105), '2000000.00', 'business')]);
      await platform.settle();
      const quarter = figure(await listing('NFRA'), 'credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026Q3');
      assert.equal(quarter.value, Math.round((200_000 / 3_000_000) * 1e9) / 1e9);
      assert.equal(quarter.breached, false);
      assert.ok(before.includes(quarter.caseId!));
      assert.equal(quarter.caseStatus, 'open');
      assert.deepEqual(breachAlerts('credit_to_real_estate_share', 'JADE_RIVER_BANK'), before);
    });
  });

  describe('a loan whose alert the joint review dismissed', () => {
    it('no longer counts as traced', async () => {
      const traced = platform.platform.core.alerts.all().find((a) => a.typology === 'credit_to_real_estate' && a.txIds.includes(`${p}-jr-loan-1`));
      assert.ok(traced);
      for (const department of traced.departments) {
        const token = await platform.login(department, 'reviewer');
        const response: Response = await fetch(`${platform.baseUrl}/api/v1/cases/${traced.caseId}/opinions`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ decision: 'dismiss', comment: 'the payment was the developer refunding a deposit' }),
        });
        assert.equal(response.status, 200, await response.text());
      }
      assert.equal(platform.platform.core.alerts.get(traced.id)?.status, 'dismissed');
      const quarter = figure(await listing('NFRA'), 'credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026Q3');
      assert.deepEqual([quarter.value, quarter.alertIds, quarter.contributors], [0, [], []]);
    });
  });

  describe('npx suptech indicators', () => {
    it('prints the same figures as a JSON array with the cases already opened, and opens none twice', async () => {
      const caseIds = platform.platform.core.alerts.all().filter((a) => a.typology === 'indicator_breach').map((a) => a.caseId).sort();
      const { dataDir } = platform;
      await platform.close({ keepData: true });
      closedFor = dataDir;
      {
        const { stdout } = await run(process.execPath, ['bin/suptech.js', 'indicators', '--data-dir', dataDir, '--quarter', '2026Q3', '--json'], { maxBuffer: 64 * 1024 * 1024 });
        const rows = JSON.parse(stdout) as IndicatorValue[];
        const quarter = figure(rows, 'credit_to_real_estate_share', 'JADE_RIVER_BANK', '2026Q3');
        assert.equal(quarter.breached, false);
        assert.ok(caseIds.includes(quarter.caseId!));
        assert.deepEqual([...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])))].sort(), caseIds);
        const { stdout: alertsJson } = await run(process.execPath, ['bin/suptech.js', 'alerts', '--data-dir', dataDir, '--json'], { maxBuffer: 64 * 1024 * 1024 });
        const after = (JSON.parse(alertsJson) as { typology: string; caseId: string }[]).filter((a) => a.typology === 'indicator_breach').map((a) => a.caseId).sort();
        assert.deepEqual(after, caseIds);
      }
    });
  });
});
