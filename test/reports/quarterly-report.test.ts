import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { quantileSorted } from 'd3';
import { DEPARTMENTS, type Department } from '../../core/src/domain/departments.js';
import { canonicalJson } from '../../core/src/domain/canonical-json.js';
import type { EmbeddedLedger } from '../../core/src/ledger/embedded/index.js';
import { TransactionRefusedError } from '../../core/src/ledger/ledger-errors.js';
import { QuarterlyReportService, type ProtectedCell, type QuarterlyReport, type ReportListing } from '../../gateway/src/reports/index.js';
import { countColour, inkedRowShare, inkShare, rasterise } from './support/pdf-pages.js';
import { startReportPlatform, type ReportPlatform } from './support/report-platform.js';
import { q3Flows, SCENARIO, type PlantedFlow } from './support/report-scenario.js';

const run = promisify(execFile);

/** The report's time axis in SQL: the alert's first event time in China Standard Time. */
const ALERTS_OF = (quarter: number) => `
  WITH toTimeZone(parseDateTime64BestEffort(JSONExtractString(doc, 'firstTs'), 3, 'UTC'), 'Asia/Shanghai') AS t
  SELECT KEY AS key, count() AS alerts, toDecimalString(sum(toDecimal128(JSONExtractString(doc, 'amount'), 2)), 2) AS amount,
         uniqExactArray(JSONExtract(doc, 'accounts', 'Array(String)')) AS accounts
  FROM alerts_state FINAL JOIN_CLAUSE
  WHERE toYear(t) = 2026 AND toQuarter(t) = ${quarter} GROUP BY key ORDER BY key`;

interface Row { key: string; alerts: string | number; amount: string; accounts: string | number }

const sumAmounts = (flows: readonly PlantedFlow[]): string => `${flows.reduce((s, f) => s + Number(f.amount), 0).toFixed(2)}`;
const accountsOf = (flows: readonly PlantedFlow[]): number => flows.reduce((s, f) => s + f.accounts.length, 0);

describe('QuarterlyReport', function () {
  this.timeout(300_000);
  let p: ReportPlatform;
  let analyst: string;
  let report: QuarterlyReport;
  let closed = false;
  const timings: string[] = [];

  const get = async (path: string, token = analyst): Promise<Response> => fetch(`${p.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const post = async (path: string, token: string, body?: unknown): Promise<Response> => fetch(`${p.baseUrl}${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const value = await work();
    timings.push(`${label} ${(performance.now() - t).toFixed(0)} ms`);
    return value;
  };

  before(async () => {
    p = await startReportPlatform();
    const { july, august, eastHarbor } = SCENARIO;
    for (const f of july.slice(0, 3)) for (const d of ['NFRA', 'PBOC'] as const) await p.decide(f, d, 'confirm');
    await p.decide(july[3]!, 'NFRA', 'confirm');
    await p.decide(july[3]!, 'PBOC', 'dismiss');
    for (const d of ['NFRA', 'PBOC', 'SAMR'] as const) await p.decide(august[0]!, d, 'confirm');
    for (const d of ['NFRA', 'PBOC', 'SAMR'] as const) await p.decide(august[1]!, d, 'dismiss');
    await p.decide(eastHarbor, 'NFRA', 'request_info');
    await p.decide(eastHarbor, 'PBOC', 'confirm');
    await p.decide(eastHarbor, 'NFRA', 'confirm');
    analyst = await p.login('PBOC', 'analyst');
    const response = await timed('GET 2026Q3.json', () => get('/api/v1/reports/2026Q3.json'));
    assert.equal(response.status, 200);
    report = await response.json() as QuarterlyReport;
  });

  after(async () => {
    if (timings.length) process.stdout.write(`      timings: ${timings.join(', ')}\n`);
    if (!closed) await p.close({ keepData: true });
    await rm(p.dataDir, { recursive: true, force: true });
  });

  const cell = <V extends object>(cells: readonly ProtectedCell<V>[], key: string): ProtectedCell<V> => {
    const found = cells.find((c) => c.key === key);
    assert.ok(found, `no cell ${key}`);
    return found;
  };

  /** Every published cell equals the query's row; every suppressed one has a reason the query bears out. */
  const assertEqualsQuery = (cells: readonly ProtectedCell<{ alerts: number; amount: string }>[], rows: readonly Row[], what: string) => {
    for (const row of rows) {
      const c = cell(cells, row.key);
      if (c.suppressed === undefined) {
        assert.deepEqual({ alerts: c.alerts, amount: c.amount, accounts: c.accounts }, { alerts: Number(row.alerts), amount: row.amount, accounts: Number(row.accounts) }, `${what} ${row.key}`);
      } else if (c.suppressed === 'fewer_than_min_accounts') {
        assert.ok(Number(row.accounts) < 5, `${what} ${row.key} suppressed with ${row.accounts} accounts`);
      }
    }
    const published = cells.filter((c) => c.suppressed === undefined && c.alerts > 0).map((c) => c.key).sort();
    assert.deepEqual(published, rows.filter((r) => cells.find((c) => c.key === r.key)?.suppressed === undefined).map((r) => r.key).sort(), what);
  };

  describe('figures', () => {
    it('counts the planted alerts by typology in China Standard Time, leaving the flow of 1 October (Beijing) to Q4', async () => {
      const flows = q3Flows();
      assert.deepEqual(cell(report.content.alertsByTypology, 'credit_to_real_estate'), {
        key: 'credit_to_real_estate', alerts: 11, amount: sumAmounts(flows), accounts: accountsOf(flows),
      });
      assert.equal(sumAmounts(flows), '2630000.00');
      assert.deepEqual(cell(report.content.alertsByTypology, 'cycle'), { key: 'cycle', alerts: 0, amount: '0.00', accounts: 0 });
      assert.deepEqual(report.content.alertsByMonth.map((m) => [m.key, m.suppressed ?? (m as { alerts: number }).alerts]), [['2026-07', 4], ['2026-08', 3], ['2026-09', 4]]);
      assert.deepEqual(cell(report.content.alertsByDepartment, 'SAMR'), { key: 'SAMR', alerts: 5, amount: '1240000.00', accounts: 18 });
      const october = p.alertOf(SCENARIO.october);
      assert.ok(october.firstTs.startsWith('2026-09-30T22:00'), 'still September in UTC');
      assert.equal(report.content.period.from, '2026-06-30T16:00:00.000Z');
      assert.equal(report.content.period.to, '2026-09-30T16:00:00.000Z');
      const previous = report.content.trends.byTypology.find((r) => r.key === 'credit_to_real_estate')!.previous;
      assert.deepEqual(previous, { key: 'credit_to_real_estate', alerts: 3, amount: '840000.00', accounts: 9 });
    });

    it('equals direct ClickHouse queries over the alerts by typology, department, institution and month', async () => {
      const dims: [string, string, readonly ProtectedCell<{ alerts: number; amount: string }>[]][] = [
        ["JSONExtractString(doc, 'typology')", '', report.content.alertsByTypology],
        ['department', "ARRAY JOIN JSONExtract(doc, 'departments', 'Array(String)') AS department", report.content.alertsByDepartment],
        ['institution', "ARRAY JOIN JSONExtract(doc, 'institutions', 'Array(String)') AS institution", report.content.alertsByInstitution],
        ["formatDateTime(t, '%Y-%m')", '', report.content.alertsByMonth],
      ];
      for (const [key, join, cells] of dims) {
        const rows = await p.rows<Row>(ALERTS_OF(3).replace('KEY', key).replace('JOIN_CLAUSE', join));
        assert.ok(rows.length > 0);
        assertEqualsQuery(cells, rows, key);
      }
      const [total] = await p.rows<Row>(ALERTS_OF(3).replace('KEY', "'all'").replace('JOIN_CLAUSE', ''));
      const summary = report.content.summary;
      assert.ok(summary.suppressed === undefined);
      assert.deepEqual({ alerts: summary.alerts, amount: summary.amount, accounts: summary.accounts },
        { alerts: Number(total!.alerts), amount: total!.amount, accounts: Number(total!.accounts) });
      const [records] = await p.rows<{ n: string; a: string }>(`SELECT count() AS n, uniqExactArray([from_account, to_account]) AS a FROM transactions
        WHERE toYear(toTimeZone(ts, 'Asia/Shanghai')) = 2026 AND toQuarter(toTimeZone(ts, 'Asia/Shanghai')) = 3`);
      assert.deepEqual(report.content.basis, { key: 'records', records: Number(records!.n), accounts: Number(records!.a) });
    });

    it('counts cases by the outcome the ledger holds, as ClickHouse mirrors it', async () => {
      const rows = await p.rows<{ key: string; cases: string; accounts: string }>(`
        WITH toTimeZone(parseDateTime64BestEffort(JSONExtractString(doc, 'firstTs'), 3, 'UTC'), 'Asia/Shanghai') AS t
        SELECT JSONExtractString(doc, 'status') AS key, count() AS cases, uniqExactArray(JSONExtract(doc, 'accounts', 'Array(String)')) AS accounts
        FROM alerts_state FINAL WHERE toYear(t) = 2026 AND toQuarter(t) = 3 GROUP BY key`);
      const outcomes = report.content.casesByOutcome;
      assert.deepEqual(cell(outcomes, 'confirmed'), { key: 'confirmed', cases: 5, accounts: 16 });
      assert.equal(cell(outcomes, 'dismissed').suppressed, 'fewer_than_min_accounts', 'one dismissed case of 4 accounts');
      assert.equal(cell(outcomes, 'escalated').suppressed, 'fewer_than_min_accounts', 'one escalated case of 3 accounts');
      for (const row of rows) {
        const c = cell(outcomes, row.key);
        if (c.suppressed === undefined) assert.deepEqual({ cases: c.cases, accounts: c.accounts }, { cases: Number(row.cases), accounts: Number(row.accounts) }, row.key);
        else assert.ok(Number(row.accounts) < 5);
      }
    });

    it('gives median and 90th-percentile time to decision per department as ClickHouse computes them from the ledger history', async () => {
      const core = p.platform.core;
      const durations = new Map<Department, number[]>(DEPARTMENTS.map((d) => [d, []]));
      for (const flow of q3Flows()) {
        const alert = p.alertOf(flow);
        const history = await core.ledger.getCaseHistory('PBOC', alert.caseId);
        for (const d of DEPARTMENTS) {
          const first = history.find((h) => ['confirm', 'dismiss'].includes(h.value.opinions[d]?.decision ?? ''));
          if (first) durations.get(d)!.push(Date.parse(first.value.opinions[d]!.at) - Date.parse(first.value.openedAt));
        }
      }
      assert.deepEqual([...durations].map(([d, xs]) => [d, xs.length]), [['PBOC', 7], ['NFRA', 7], ['SAMR', 2], ['CAC', 0], ['SAFE', 0]]);
      for (const [department, xs] of durations) {
        const c = cell(report.content.decisionTimes, department);
        assert.equal(c.suppressed, undefined);
        if (xs.length === 0) {
          assert.deepEqual({ decisions: c.decisions, medianMs: c.medianMs, p90Ms: c.p90Ms }, { decisions: 0, medianMs: null, p90Ms: null });
          continue;
        }
        const [q] = await p.rows<{ m: number; p: number }>('SELECT quantileExactInclusive(0.5)(x) AS m, quantileExactInclusive(0.9)(x) AS p FROM (SELECT arrayJoin({xs:Array(Int64)}) AS x)', { xs });
        assert.equal(c.decisions, xs.length);
        assert.ok(Math.abs(c.medianMs! - q!.m) <= 0.5, `${department} median ${c.medianMs} vs ${q!.m}`);
        assert.ok(Math.abs(c.p90Ms! - q!.p) <= 0.5, `${department} p90 ${c.p90Ms} vs ${q!.p}`);
        assert.ok(Math.abs(c.p90Ms! - quantileSorted([...xs].sort((a, b) => a - b), 0.9)!) <= 0.5);
      }
    });

    it('ranks institutions by confirmed cases, listing none that describes fewer than 5 accounts', async () => {
      const rows = await p.rows<{ key: string; n: string; a: string }>(`
        WITH toTimeZone(parseDateTime64BestEffort(JSONExtractString(doc, 'firstTs'), 3, 'UTC'), 'Asia/Shanghai') AS t
        SELECT institution AS key, count() AS n, uniqExactArray(JSONExtract(doc, 'accounts', 'Array(String)')) AS a
        FROM alerts_state FINAL ARRAY JOIN JSONExtract(doc, 'institutions', 'Array(String)') AS institution
        WHERE toYear(t) = 2026 AND toQuarter(t) = 3 AND JSONExtractString(doc, 'status') = 'confirmed' GROUP BY key ORDER BY n DESC, key`);
      const expected = rows.filter((r) => Number(r.a) >= 5).map((r) => ({ key: r.key, confirmedCases: Number(r.n), accounts: Number(r.a) }));
      assert.deepEqual(report.content.topInstitutions.listed, expected);
      assert.deepEqual(expected.map((e) => [e.key, e.confirmedCases]), [['GOLDEN_GATE_BANK', 4], ['JADE_RIVER_BANK', 4]]);
      assert.equal(report.content.topInstitutions.notListed, 2, 'SWIFTPAY (4 accounts) and EAST_HARBOR_BANK (3)');
    });

    it('puts the case the departments disagree on on the agenda, its amount suppressed', () => {
      const j4 = p.alertOf(SCENARIO.july[3]!);
      assert.deepEqual(report.content.agenda.map((a) => [a.caseId, a.reason]), [[j4.caseId, 'disagreement']]);
      assert.equal(report.content.agenda[0]!.figures.suppressed, 'fewer_than_min_accounts');
      assert.deepEqual(report.content.agenda[0]!.opinions, [{ department: 'NFRA', decision: 'confirm' }, { department: 'PBOC', decision: 'dismiss' }]);
    });
  });

  describe('privacy', () => {
    it('shows no figure describing fewer than 5 accounts, and suppresses a complementary cell where a total would reveal one', () => {
      const cells: ProtectedCell<object>[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          if ('accounts' in v && 'key' in v) cells.push(v as ProtectedCell<object>);
          Object.values(v).forEach(walk);
        }
      };
      walk(report.content);
      assert.ok(cells.length > 30);
      for (const c of cells) {
        if (c.suppressed) assert.deepEqual(Object.keys(c).sort(), ['accounts', 'key', 'suppressed'], 'a suppressed cell carries no value');
        else assert.ok(c.accounts === 0 || c.accounts >= 5, `${c.key}: ${c.accounts} accounts shown`);
      }
      assert.equal(cell(report.content.alertsByInstitution, 'EAST_HARBOR_BANK').suppressed, 'fewer_than_min_accounts');
      assert.equal(cell(report.content.alertsByInstitution, 'MALLCO').suppressed, 'complementary');
    });

    it('contains no account identifier, raw or pseudonymous, in the JSON or the HTML', async () => {
      const html = await (await get('/api/v1/reports/2026Q3.html')).text();
      const json = JSON.stringify(report);
      const pseudonyms = q3Flows().flatMap((f) => p.alertOf(f).accounts);
      assert.ok(pseudonyms.length > 20);
      for (const text of [json, html]) {
        assert.doesNotMatch(text, /RAWACCT|RAWLOAN/);
        for (const pseudonym of pseudonyms) assert.ok(!text.includes(pseudonym), 'no account is listed');
      }
    });
  });

  describe('determinism', () => {
    it('gives the same hash and the same canonical content on every run', async () => {
      // A second service over the same data, reading the ledger as another department.
      const core = p.platform.core;
      const service = new QuarterlyReportService({ client: core.client, ledger: core.ledger, reader: 'SAFE' });
      const again = await timed('generation (service)', () => service.generate('2026Q3'));
      const third = await (await get('/api/v1/reports/2026Q3')).json() as QuarterlyReport;
      assert.equal(again.reportHash, report.reportHash);
      assert.equal(third.reportHash, report.reportHash);
      assert.equal(canonicalJson(again.content), canonicalJson(report.content));
      assert.match(report.reportHash, /^[0-9a-f]{64}$/);
    });
  });

  describe('rendering', () => {
    it('draws the d3 charts as inline SVG in the HTML', async () => {
      const response = await get('/api/v1/reports/2026Q3.html');
      assert.match(response.headers.get('content-type') ?? '', /text\/html/);
      assert.equal(response.headers.get('x-report-hash'), report.reportHash);
      const html = await response.text();
      for (const id of ['chart-typology', 'chart-month', 'chart-month-amount', 'chart-outcome', 'chart-decision']) {
        assert.match(html, new RegExp(`<svg[^>]+id="${id}"`), id);
      }
      assert.ok(html.includes(report.reportHash));
      assert.match(html, /suppressed&#8225;/);
    });

    it('prints a PDF with Chromium whose pages render with the charts visible', async () => {
      const response = await timed('GET 2026Q3.pdf', () => get('/api/v1/reports/2026Q3.pdf'));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      const pdf = Buffer.from(await response.arrayBuffer());
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const pages = await rasterise(pdf);
      assert.ok(pages.length >= 3, `${pages.length} pages`);
      // What a reader sees: no blank page, and no page left holding a stray line or two
      // (one line of text fills about 2% of the page's rows; a short last page still has a block).
      pages.forEach((page, n) => {
        assert.ok(inkShare(page) > 0.01, `page ${n + 1} of ${pages.length} is blank`);
        const filled = inkedRowShare(page);
        assert.ok(filled > 0.12, `page ${n + 1} of ${pages.length} is near-empty: ink on ${(filled * 100).toFixed(1)}% of its rows`);
      });
      // The previous quarter's bars and the dot chart's ranges are drawn in #a9b8cc, used nowhere else.
      const chartInk = pages.map((page) => countColour(page, [0xa9, 0xb8, 0xcc], 8));
      assert.ok(Math.max(...chartInk) > 300, `chart pixels per page: ${chartInk.join(', ')}`);
      // The outcome bar's confirmed segment (#2f6b45).
      assert.ok(pages.some((page) => countColour(page, [0x2f, 0x6b, 0x45], 8) > 300), 'outcome chart visible');
    });
  });

  describe('sign-off', () => {
    it('answers 401 without a session, and 400 naming the quarter when it is malformed', async () => {
      assert.equal((await fetch(`${p.baseUrl}/api/v1/reports/2026Q3`)).status, 401);
      for (const bad of ['2026-Q3', '2026Q5', '2026Q3.xlsx', 'Q3']) {
        const response = await get(`/api/v1/reports/${bad}`);
        assert.equal(response.status, 400, bad);
        const body = await response.json() as { field: string; message: string };
        assert.equal(body.field, 'quarter');
        assert.match(body.message, /^quarter: .* e\.g\. 2026Q3/);
      }
    });

    it('documents the report routes in the OpenAPI document', async () => {
      const doc = await (await fetch(`${p.baseUrl}/docs/json`)).json() as { paths: Record<string, unknown> };
      for (const path of ['/api/v1/reports', '/api/v1/reports/{quarter}', '/api/v1/reports/{quarter}/sign-off']) assert.ok(doc.paths[path], path);
    });

    it('refuses analysts and auditors: reviewers sign for their department', async () => {
      for (const role of ['analyst', 'auditor'] as const) {
        const response = await post('/api/v1/reports/2026Q3/sign-off', await p.login('NFRA', role));
        assert.equal(response.status, 403, role);
      }
      assert.equal((await get('/api/v1/reports/2026Q3')).headers.get('x-report-hash'), report.reportHash);
    });

    it('anchors the report hash, then records the reviewer\'s sign-off; the list and the report show who signed', async () => {
      const nfra = await p.login('NFRA', 'reviewer');
      const response = await timed('sign-off (anchor + sign)', () => post('/api/v1/reports/2026Q3/sign-off', nfra, { reportHash: report.reportHash }));
      assert.equal(response.status, 200);
      const signed = await response.json() as QuarterlyReport;
      assert.equal(signed.reportHash, report.reportHash);
      assert.equal(signed.ledger.anchored?.reportHash, report.reportHash);
      assert.equal(signed.ledger.anchored?.anchoredBy, 'NFRA');
      assert.deepEqual(signed.ledger.signOffs.map((s) => [s.department, s.by]), [['NFRA', p.user('NFRA', 'reviewer').username]]);
      assert.deepEqual(signed.ledger.pending, ['PBOC', 'SAMR', 'CAC', 'SAFE']);
      const onLedger = await p.platform.core.ledger.getReport('SAFE', '2026Q3');
      assert.equal(onLedger?.signOffs.NFRA?.reportHash, report.reportHash);

      const pboc = await p.login('PBOC', 'reviewer');
      assert.equal((await post('/api/v1/reports/2026Q3/sign-off', pboc)).status, 200);
      const listing = (await (await get('/api/v1/reports')).json() as { reports: ReportListing[] }).reports;
      assert.deepEqual(listing.map((r) => r.quarter), ['2026Q2', '2026Q3', '2026Q4']);
      const q3 = listing.find((r) => r.quarter === '2026Q3')!;
      assert.deepEqual(q3.signOffs.map((s) => s.department), ['PBOC', 'NFRA']);
      assert.equal(listing.find((r) => r.quarter === '2026Q2')!.anchored, null);

      const after = await (await get('/api/v1/reports/2026Q3')).json() as QuarterlyReport;
      assert.equal(after.reportHash, report.reportHash, 'sign-offs are outside the hashed content');
      const html = await (await get('/api/v1/reports/2026Q3.html')).text();
      assert.ok(html.includes(p.user('NFRA', 'reviewer').username) && html.includes('Signed off'));
    });

    it('refuses to sign a report that has changed since the reviewer read it', async () => {
      const samr = await p.login('SAMR', 'reviewer');
      for (const reportHash of ['f'.repeat(64), 'not-a-hash']) {
        const response = await post('/api/v1/reports/2026Q3/sign-off', samr, { reportHash });
        assert.equal(response.status, 400);
        assert.equal((await response.json() as { field: string }).field, 'reportHash');
      }
      const malformed = await post('/api/v1/reports/2026-Q3/sign-off', samr, {});
      assert.equal(malformed.status, 400);
      assert.equal((await malformed.json() as { field: string }).field, 'quarter');
    });

    it('is refused by the contract for an organisation that is not a department of the network', async () => {
      const backend = p.platform.core.ledger.backend as EmbeddedLedger;
      const proposal = backend.withAttributes({ 'suptech.role': 'reviewer', 'suptech.user': 'intruder' })
        .createSignedProposal('BANK', 'signOffReport', ['2026Q3', report.reportHash]);
      await assert.rejects(backend.submitSignedProposal(proposal), (error: unknown) => {
        assert.ok(error instanceof TransactionRefusedError);
        assert.equal(error.code, 'ACCESS_DENIED');
        assert.match(error.message, /BANKMSP is not a member/);
        return true;
      });
      const anchor = await p.platform.core.ledger.getReport('PBOC', '2026Q3');
      assert.deepEqual(Object.keys(anchor?.signOffs ?? {}).sort(), ['NFRA', 'PBOC']);
    });
  });

  describe('after the first sign-off', () => {
    it('keeps serving the signed version while the data move on, and the next department signs that version', async () => {
      await p.decide(SCENARIO.lastEvening, 'NFRA', 'confirm');
      const served = await (await get('/api/v1/reports/2026Q3')).json() as QuarterlyReport;
      assert.equal(served.reportHash, report.reportHash);
      assert.equal(served.version.kind, 'signed');
      const currentHash = served.version.kind === 'signed' ? served.version.currentHash : '';
      assert.match(currentHash, /^[0-9a-f]{64}$/);
      assert.notEqual(currentHash, report.reportHash, 'a review after the sign-offs changes the current figures');
      assert.equal(canonicalJson(served.content), canonicalJson(report.content));
      const samr = await p.login('SAMR', 'reviewer');
      const response = await post('/api/v1/reports/2026Q3/sign-off', samr, { reportHash: report.reportHash });
      assert.equal(response.status, 200);
      assert.deepEqual((await response.json() as QuarterlyReport).ledger.signOffs.map((s) => s.department), ['PBOC', 'NFRA', 'SAMR']);
      const html = await (await get('/api/v1/reports/2026Q3.html')).text();
      assert.ok(html.includes(`regenerated now the hash would be ${currentHash}`));
    });
  });

  describe('suptech report', () => {
    it('writes report.json, report.html and report.pdf with the same hash as the API, in another process', async () => {
      // Embedded chDB serves one process per data directory: the platform steps aside for the CLI.
      await p.close({ keepData: true });
      closed = true;
      const out = join(tmpdir(), `suptech-report-out-${process.pid}`);
      const t = performance.now();
      const { stdout } = await run(process.execPath, ['bin/suptech.js', 'report', '--data-dir', p.dataDir, '--quarter', '2026Q3', '--out', out]);
      timings.push(`CLI total ${(performance.now() - t).toFixed(0)} ms (${/generation.*/.exec(stdout)?.[0] ?? ''})`);
      const written = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as QuarterlyReport;
      assert.equal(written.reportHash, report.reportHash);
      assert.deepEqual(written.ledger.signOffs.map((s) => s.department), ['PBOC', 'NFRA', 'SAMR']);
      assert.equal(written.version.kind, 'signed');
      assert.match(await readFile(join(out, 'report.html'), 'utf8'), /<svg[^>]+id="chart-typology"/);
      assert.equal((await readFile(join(out, 'report.pdf'))).subarray(0, 5).toString(), '%PDF-');
      assert.match(stdout, new RegExp(`sha256 ${report.reportHash}`));
      const bad = await run(process.execPath, ['bin/suptech.js', 'report', '--data-dir', p.dataDir, '--quarter', '2026-3', '--out', out]).catch((e: { code: number; stderr: string }) => e);
      assert.equal((bad as { code: number }).code, 1);
      assert.match((bad as { stderr: string }).stderr, /--quarter 2026-3: write the year and quarter/);
      await rm(out, { recursive: true, force: true });
    });

    it('still writes report.json and report.html without Chromium, and says why the PDF was skipped and how to get it', async () => {
      const out = join(tmpdir(), `suptech-report-nopdf-${process.pid}`);
      try {
        const { stdout } = await run(process.execPath, ['bin/suptech.js', 'report', '--data-dir', p.dataDir, '--quarter', '2026Q3', '--out', out], {
          env: { ...process.env, SUPTECH_CHROMIUM: join(tmpdir(), 'no-such-chromium') },
        });
        assert.equal((JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as QuarterlyReport).reportHash, report.reportHash);
        assert.match(await readFile(join(out, 'report.html'), 'utf8'), /<svg[^>]+id="chart-typology"/);
        await assert.rejects(readFile(join(out, 'report.pdf')), { code: 'ENOENT' });
        assert.match(stdout, /PDF skipped: Chromium at .*no-such-chromium .*unavailable: report\.pdf not written\. Install Debian's chromium/);
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    });
  });
});
