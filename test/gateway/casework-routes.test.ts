/**
 * A regulator's casework over HTTP on the real platform (chDB, embedded ledger running the
 * contract): the case discussion with each entry's hash on the ledger, the CSV exports, the
 * case's severity basis and who-did-what history, and a quarter's sign-off refused until the
 * quarter has ended.
 */
import assert from 'node:assert/strict';
import type { Department, Role } from '../../core/src/domain/departments.js';
import type { Alert } from '../../core/src/domain/alert.js';
import { discussionEntryHash, type DiscussionEntry } from '../../alerts/src/case-discussion.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

/** The quarter (`2026Q4`) an instant falls in, in China Standard Time. */
function quarterOf(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  return `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

describe('Casework routes', function () {
  this.timeout(120_000);
  let platform: TestPlatform;
  let alert: Alert;
  const tokens = new Map<string, string>();

  const as = async (department: Department, role: Role): Promise<string> => {
    const key = `${department}/${role}`;
    if (!tokens.has(key)) tokens.set(key, await platform.login(department, role));
    return tokens.get(key)!;
  };
  const call = async (department: Department, role: Role, method: string, path: string, body?: unknown): Promise<{ status: number; text: string; type: string }> => {
    const headers: Record<string, string> = { authorization: `Bearer ${await as(department, role)}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${platform.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
  };

  before(async () => {
    platform = await startPlatform();
    const prefix = `cw-${Date.now().toString(36)}`;
    const now = new Date();
    const { status } = await platform.postTransactions([
      { txId: `${prefix}-loan`, institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00+08:00', type: 'loan_disbursement', from: `${prefix}-LP`, to: `${prefix}-B`, amount: '500000.00', loanPurpose: 'consumer' },
      { txId: `${prefix}-home`, institution: 'JADE_RIVER_BANK', ts: '2026-07-03T15:30:00+08:00', type: 'payment', from: `${prefix}-B`, to: `${prefix}-DEV`, amount: '450000.00', toSector: 'K', toMcc: '6513' },
      // A record of the running quarter, so that it is listed on the reports page.
      { txId: `${prefix}-now`, institution: 'JADE_RIVER_BANK', ts: new Date(now.getTime() - 3_600_000).toISOString(), type: 'transfer', from: `${prefix}-X`, to: `${prefix}-Y`, amount: '10.00' },
    ], platform.apiKeyOf('JADE_RIVER_BANK'));
    assert.equal(status, 200);
    await platform.settle();
    const found = platform.platform.core.alerts.all().find((a) => a.txIds.includes(`${prefix}-home`));
    assert.ok(found, 'the loan-to-property alert was raised');
    alert = found;
  });
  after(async () => { await platform?.close(); });

  describe('the case discussion', () => {
    it("keeps an NFRA analyst's entry off-chain and its hash on the ledger, under the analyst's name", async () => {
      const posted = await call('NFRA', 'analyst', 'POST', `/api/v1/cases/${alert.caseId}/discussion`, { text: 'Borrower paid the developer two days after the loan.' });
      assert.equal(posted.status, 201, posted.text);
      const { entry } = JSON.parse(posted.text) as { entry: DiscussionEntry };
      assert.equal(entry.department, 'NFRA');
      assert.equal(entry.role, 'analyst');
      assert.equal(entry.entryHash, discussionEntryHash(entry), 'the hash covers case, id, author, department, role and text');
      const onLedger = await platform.platform.core.ledger.getCaseNote('PBOC', alert.caseId, entry.id);
      assert.equal(onLedger?.noteHash, entry.entryHash);
      assert.equal(onLedger?.department, 'NFRA');
      assert.equal(onLedger?.by, platform.user('NFRA', 'analyst').username);

      const thread = await call('PBOC', 'reviewer', 'GET', `/api/v1/cases/${alert.caseId}/discussion`);
      assert.equal(thread.status, 200);
      const { entries } = JSON.parse(thread.text) as { entries: DiscussionEntry[] };
      assert.deepEqual(entries.map((e) => [e.id, e.text, e.ledgerTxId]), [[entry.id, entry.text, entry.ledgerTxId]]);
    });

    it('carries a request for information to another routed department and its answer, with who, what and when', async () => {
      const asked = await call('NFRA', 'reviewer', 'POST', `/api/v1/cases/${alert.caseId}/discussion`, { text: 'PBOC: does the borrower hold other loans?', askedDepartment: 'PBOC' });
      assert.equal(asked.status, 201, asked.text);
      const { entry: request } = JSON.parse(asked.text) as { entry: DiscussionEntry };
      assert.equal(request.askedDepartment, 'PBOC');
      assert.equal(request.entryHash, discussionEntryHash(request), 'who is asked is part of what is anchored');
      assert.equal((await call('NFRA', 'reviewer', 'POST', `/api/v1/cases/${alert.caseId}/discussion`, { text: 'x', askedDepartment: 'SAMR' })).status, 400, 'SAMR is not routed');
      assert.equal((await call('NFRA', 'analyst', 'POST', `/api/v1/cases/${alert.caseId}/discussion`, { text: 'x', replyTo: request.id })).status, 400, 'NFRA was not asked');
      const answered = await call('PBOC', 'analyst', 'POST', `/api/v1/cases/${alert.caseId}/discussion`, { text: 'One mortgage, repaid in 2025.', replyTo: request.id });
      assert.equal(answered.status, 201, answered.text);
      const thread = JSON.parse((await call('NFRA', 'reviewer', 'GET', `/api/v1/cases/${alert.caseId}/discussion`)).text) as { entries: DiscussionEntry[] };
      const answer = thread.entries.find((e) => e.replyTo === request.id);
      assert.equal(answer?.department, 'PBOC');
      assert.ok(answer && answer.at >= request.at, 'the answer is timed after the request');
      assert.equal(thread.entries.find((e) => e.id === request.id)?.askedDepartment, 'PBOC');
    });

    it('refuses a department the case is not routed to, and an auditor writing', async () => {
      assert.equal((await call('SAMR', 'analyst', 'POST', `/api/v1/cases/${alert.caseId}/discussion`, { text: 'hello' })).status, 404);
      assert.equal((await call('SAMR', 'reviewer', 'GET', `/api/v1/cases/${alert.caseId}/discussion`)).status, 404);
      assert.equal((await call('SAMR', 'auditor', 'POST', `/api/v1/cases/${alert.caseId}/discussion`, { text: 'hello' })).status, 403);
      assert.equal((await call('SAMR', 'auditor', 'GET', `/api/v1/cases/${alert.caseId}/discussion`)).status, 200);
      assert.equal((await call('NFRA', 'analyst', 'POST', `/api/v1/cases/${alert.caseId}/discussion`, { text: '' })).status, 400);
    });
  });

  describe('the case detail', () => {
    it('says how the severity was reached and who did what on the ledger', async () => {
      const decided = await call('NFRA', 'reviewer', 'POST', `/api/v1/cases/${alert.caseId}/opinions`, { decision: 'confirm', comment: 'Agreed.' });
      assert.equal(decided.status, 200, decided.text);
      const detail = JSON.parse((await call('PBOC', 'analyst', 'GET', `/api/v1/cases/${alert.caseId}`)).text) as {
        severityBasis: { base: string; raisedBy: number; highFrom: number }; history: { action: string; department?: string; by?: string; decision?: string }[];
      };
      assert.deepEqual(detail.severityBasis, { amount: alert.amount, highFrom: 1_000_000, lowBelow: 50_000, base: 'medium', raisedBy: 0 });
      assert.deepEqual(detail.history.map((h) => h.action), ['opened', 'opinion']);
      assert.deepEqual(detail.history[1], { ...detail.history[1], department: 'NFRA', decision: 'confirm', by: platform.user('NFRA', 'reviewer').username });
    });
  });

  describe('linked cases', () => {
    it('lists another visible case that shares an account, with the accounts in common', async () => {
      // The borrower also takes part in a ring of transfers: a cycle alert sharing the borrower's account.
      const borrower = `${alert.txIds[0]!.replace(/-loan$/, '')}-B`;
      const prefix = `cw2-${Date.now().toString(36)}`;
      const ring = [borrower, `${prefix}-R1`, `${prefix}-R2`];
      const { status } = await platform.postTransactions(ring.map((from, i) => ({
        txId: `${prefix}-ring${i}`, institution: 'GOLDEN_GATE_BANK', ts: `2026-07-1${i}T09:00:00+08:00`, type: 'transfer',
        from, to: ring[(i + 1) % ring.length], amount: String(80_000 - i * 1000),
      })), platform.apiKeyOf('GOLDEN_GATE_BANK'));
      assert.equal(status, 200);
      await platform.settle();
      const second = platform.platform.core.alerts.all().find((a) => a.txIds.includes(`${prefix}-ring0`));
      assert.ok(second);
      const detail = JSON.parse((await call('NFRA', 'analyst', 'GET', `/api/v1/cases/${alert.caseId}`)).text) as { linkedCases: { caseId: string; sharedAccounts: string[] }[] };
      const link = detail.linkedCases.find((l) => l.caseId === second.caseId);
      assert.ok(link, 'the second case is linked');
      assert.deepEqual(link.sharedAccounts, alert.accounts.filter((a) => second.accounts.includes(a)));
      assert.equal(link.sharedAccounts.length, 1, 'the borrower only');
    });
  });

  describe('CSV exports', () => {
    it('downloads the alerts with a header row, filtered by a searched record id', async () => {
      const all = await call('NFRA', 'analyst', 'GET', '/api/v1/alerts.csv');
      assert.equal(all.status, 200);
      assert.match(all.type, /^text\/csv/);
      const [header, ...rows] = all.text.trimEnd().split('\r\n');
      assert.equal(header, 'id,caseId,typology,ruleVersion,severity,status,amount,firstTs,lastTs,raisedAt,departments,institutions,accounts,txIds');
      assert.ok(rows.some((r) => r.startsWith(`${alert.id},${alert.caseId},credit_to_real_estate,`)));
      const searched = await call('NFRA', 'analyst', 'GET', `/api/v1/alerts.csv?q=${encodeURIComponent(alert.txIds[1]!)}`);
      assert.deepEqual(searched.text.trimEnd().split('\r\n').slice(1).map((r) => r.split(',')[0]), [alert.id]);
      const none = await call('NFRA', 'analyst', 'GET', '/api/v1/alerts.csv?q=no-such-record');
      assert.equal(none.text.trimEnd().split('\r\n').length, 1, 'only the header');
      assert.equal((await call('SAMR', 'analyst', 'GET', '/api/v1/alerts.csv')).text.trimEnd().split('\r\n').length, 1, 'SAMR sees none of it');
    });

    it("downloads a case's evidence and the department's queue", async () => {
      const evidence = await call('PBOC', 'analyst', 'GET', `/api/v1/cases/${alert.caseId}/evidence.csv`);
      assert.equal(evidence.status, 200);
      const lines = evidence.text.trimEnd().split('\r\n');
      assert.equal(lines[0], 'ts,institution,txId,type,role,from,to,amount,toSector,toMcc,toCountry');
      assert.deepEqual(lines.slice(1).map((l) => l.split(',')[2]), alert.txIds);
      assert.equal((await call('SAMR', 'analyst', 'GET', `/api/v1/cases/${alert.caseId}/evidence.csv`)).status, 404);
      const queue = await call('PBOC', 'reviewer', 'GET', '/api/v1/queue.csv');
      assert.ok(queue.text.split('\r\n').some((l) => l.startsWith(`${alert.caseId},${alert.id},`)), 'PBOC has not decided yet');
      const nfraQueue = await call('NFRA', 'reviewer', 'GET', '/api/v1/queue.csv');
      assert.ok(!nfraQueue.text.includes(alert.caseId), 'NFRA confirmed it');
    });
  });

  describe('triage', () => {
    it("assigns a case to a colleague of the caller's department only, and shows it to that department alone", async () => {
      const analyst = platform.user('NFRA', 'analyst').username;
      const assigned = await call('NFRA', 'reviewer', 'POST', `/api/v1/cases/${alert.caseId}/assignment`, { assignee: analyst });
      assert.equal(assigned.status, 200, assigned.text);
      const nfra = JSON.parse((await call('NFRA', 'analyst', 'GET', '/api/v1/triage')).text) as { cases: Record<string, { assignee?: string; assignedBy?: string }>; members: string[] };
      assert.equal(nfra.cases[alert.caseId]?.assignee, analyst);
      assert.equal(nfra.cases[alert.caseId]?.assignedBy, platform.user('NFRA', 'reviewer').username);
      assert.ok(nfra.members.includes(analyst) && !nfra.members.includes(platform.user('NFRA', 'auditor').username));
      const pboc = JSON.parse((await call('PBOC', 'analyst', 'GET', '/api/v1/triage')).text) as { cases: Record<string, unknown> };
      assert.equal(pboc.cases[alert.caseId], undefined, "NFRA's assignment is NFRA's");
      const foreign = await call('NFRA', 'reviewer', 'POST', `/api/v1/cases/${alert.caseId}/assignment`, { assignee: platform.user('PBOC', 'analyst').username });
      assert.equal(foreign.status, 400);
      assert.equal((await call('SAMR', 'reviewer', 'POST', `/api/v1/cases/${alert.caseId}/assignment`, { assignee: '' })).status, 404);
    });

    it('acknowledges cases in bulk, all or none', async () => {
      const refused = await call('PBOC', 'analyst', 'POST', '/api/v1/triage/acknowledge', { caseIds: [alert.caseId, 'C-no-such-case'] });
      assert.equal(refused.status, 404);
      assert.equal(JSON.parse((await call('PBOC', 'analyst', 'GET', '/api/v1/triage')).text).cases[alert.caseId], undefined, 'nothing was acknowledged');
      const done = await call('PBOC', 'analyst', 'POST', '/api/v1/triage/acknowledge', { caseIds: [alert.caseId, alert.caseId] });
      assert.deepEqual(JSON.parse(done.text), { acknowledged: [alert.caseId] });
      const state = JSON.parse((await call('PBOC', 'reviewer', 'GET', '/api/v1/triage')).text) as { cases: Record<string, { acknowledgedBy?: string }> };
      assert.equal(state.cases[alert.caseId]?.acknowledgedBy, platform.user('PBOC', 'analyst').username);
      assert.equal((await call('PBOC', 'auditor', 'POST', '/api/v1/triage/acknowledge', { caseIds: [alert.caseId] })).status, 403);
    });
  });

  describe('the quarterly report in both languages', () => {
    it('renders the same report, with the same hash, in Simplified Chinese and in English', async () => {
      const zh = await call('NFRA', 'analyst', 'GET', '/api/v1/reports/2026Q3.html?lang=zh-CN');
      const en = await call('NFRA', 'analyst', 'GET', '/api/v1/reports/2026Q3.html');
      assert.equal(zh.status, 200, zh.text.slice(0, 200));
      assert.match(zh.text, /<html lang="zh-CN">/);
      for (const words of ['季度联合监管报告', '一、主要数据', '二、本季度产生的预警', '四、联合会议议程', '五、方法与披露控制', '信贷资金违规流入房地产', '国家金融监督管理总局']) {
        assert.ok(zh.text.includes(words), `the Chinese report says ${words}`);
      }
      assert.ok(!zh.text.includes('Key figures') && !zh.text.includes('Agenda of the joint meeting'), 'no English headings in the Chinese report');
      assert.match(en.text, /<h2>1\. Key figures<\/h2>/);
      assert.ok(en.text.includes('Credit funds into real estate'), 'the English report names typologies as the dashboards do');
      const hashOf = (html: string): string | undefined => /<meta name="report-hash" content="([0-9a-f]{64})">/.exec(html)?.[1];
      assert.ok(hashOf(zh.text));
      assert.equal(hashOf(zh.text), hashOf(en.text), 'one report, two languages');
      assert.equal((await call('NFRA', 'analyst', 'GET', '/api/v1/reports/2026Q3.html?lang=fr')).status, 400);
    });
  });

  describe('quarterly sign-off', () => {
    it('lists the running quarter as not ended and refuses to sign it off', async () => {
      const current = quarterOf(new Date());
      const listing = JSON.parse((await call('NFRA', 'reviewer', 'GET', '/api/v1/reports')).text) as { reports: { quarter: string; ended: boolean; endsAt: string }[] };
      const running = listing.reports.find((r) => r.quarter === current);
      assert.ok(running, `${current} is listed`);
      assert.equal(running.ended, false);
      assert.ok(Date.parse(running.endsAt) > Date.now());
      assert.equal(listing.reports.find((r) => r.quarter === '2026Q3')?.ended, true);
      const refused = await call('NFRA', 'reviewer', 'POST', `/api/v1/reports/${current}/sign-off`, {});
      assert.equal(refused.status, 400);
      assert.match(refused.text, /has not ended/);
      assert.equal(await platform.platform.core.ledger.getReport('NFRA', current), undefined, 'nothing was anchored');
    });
  });
});
