/**
 * Issue 15's "regulator's working day" in Debian's Chromium against the real platform, once in
 * Simplified Chinese and once in English (the browser's language picks it): an NFRA analyst
 * finds a case by an account pseudonym, reads why it fired, comments on it and exports the
 * alerts; NFRA and PBOC reviewers decide it and see the ledger history grow live, naming who
 * did what; a SAMR user is refused; the running quarter cannot be signed off. axe-core finds
 * no serious accessibility violation, and the pages do not scroll sideways at 360 px.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Alert } from '../../core/src/domain/alert.js';
import type { Department, Role } from '../../core/src/domain/departments.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LIVE_TIMEOUT_MS = 20_000;
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Locale = 'zh-CN' | 'en';
/** What each language must say, checked on the page (the catalogs are the source; these are spot checks). */
const WORDS: Record<Locale, { nav: string; sector: string; severity: RegExp; opened: RegExp; opinion: RegExp }> = {
  'zh-CN': { nav: '预警流', sector: '房地产业', severity: /涉险金额/, opened: /立案/, opinion: /确认/ },
  en: { nav: 'Alert stream', sector: 'Real estate', severity: /amount at risk/, opened: /opened the case/, opinion: /Confirmed/ },
};

interface Dashboard { context: BrowserContext; page: Page }

async function signIn(browser: Browser, platform: TestPlatform, department: Department, role: Role, locale: Locale, width = 1440): Promise<Dashboard> {
  // Dark unless a test switches: the light theme is checked on its own below.
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale, acceptDownloads: true, colorScheme: 'dark' });
  const page = await context.newPage();
  const { username, password } = platform.user(department, role);
  await page.goto(`${platform.baseUrl}/#/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('alert-stream').waitFor();
  await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
  await page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });
  return { context, page };
}

const notReloaded = (page: Page): Promise<boolean> => page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

/** Serious and critical axe-core violations of WCAG 2 A/AA on the page as it stands. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[]; passes: { id: string }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return {
      passed: result.passes.map((p) => p.id),
      found: result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })),
    };
  }).then(({ passed, found }) => {
    // The contrast rule must have looked at the page, or "no violation" would mean nothing.
    assert.ok(passed.includes('color-contrast') || found.some((v) => v.id === 'color-contrast'), 'axe-core checked colour contrast');
    return found;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `the page scrolls sideways: ${scroll} px wide in a ${client} px window`);
}

function loanToProperty(prefix: string): unknown[] {
  return [
    { txId: `${prefix}-loan`, institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00+08:00', type: 'loan_disbursement', from: `${prefix}-LOAN-POOL`, to: `${prefix}-BORROWER`, amount: '500000.00', loanPurpose: 'consumer' },
    { txId: `${prefix}-home`, institution: 'JADE_RIVER_BANK', ts: '2026-07-03T15:30:00+08:00', type: 'payment', from: `${prefix}-BORROWER`, to: `${prefix}-DEVELOPER`, amount: '450000.00', toSector: 'K', toMcc: '6513' },
  ];
}

describe("A regulator's working day in the dashboards", function () {
  this.timeout(300_000);
  let platform: TestPlatform;
  let browser: Browser;

  before(async () => {
    platform = await startPlatform();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    // A record of the running quarter, so that the reports page lists it.
    const { status } = await platform.postTransactions([{ txId: `wd-now-${Date.now().toString(36)}`, institution: 'JADE_RIVER_BANK', ts: new Date(Date.now() - 3_600_000).toISOString(), type: 'transfer', from: 'WD-X', to: 'WD-Y', amount: '10.00' }], platform.apiKeyOf('JADE_RIVER_BANK'));
    assert.equal(status, 200);
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  for (const locale of ['zh-CN', 'en'] as const) {
    describe(`in ${locale === 'en' ? 'English' : 'Simplified Chinese'}`, () => {
      let alert: Alert;

      before(async () => {
        const prefix = `wd-${locale}-${Date.now().toString(36)}`;
        const { status } = await platform.postTransactions(loanToProperty(prefix), platform.apiKeyOf('JADE_RIVER_BANK'));
        assert.equal(status, 200);
        await platform.settle();
        const found = platform.platform.core.alerts.all().find((a) => a.txIds.includes(`${prefix}-home`));
        assert.ok(found);
        alert = found;
      });

      it('lets an NFRA analyst find the case by an account pseudonym, read why it fired, comment on it and export the alerts', async () => {
        const { context, page } = await signIn(browser, platform, 'NFRA', 'analyst', locale);
        assert.equal(await page.evaluate(() => document.documentElement.lang), locale);
        assert.equal(await page.getByTestId('nav-alerts').textContent(), WORDS[locale].nav);
        assert.match(await page.getByTestId('time-zone').textContent() ?? '', /UTC\+8/);
        const ticks = await page.locator('[data-testid="typology-chart"] .axis-y .tick text').allTextContents();
        assert.ok(ticks.length > 0 && ticks.every((t) => /^\d+$/.test(t)), `count ticks are whole numbers: ${ticks.join(' ')}`);
        await page.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`).waitFor();
        assert.deepEqual(await seriousViolations(page), [], 'the alert stream');

        const pseudonym = alert.accounts.find((a) => a !== undefined)!;
        await page.getByTestId('alert-search').fill(pseudonym);
        await page.waitForFunction(() => location.hash.includes('q='));
        await page.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`).waitFor();
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="alert-row"]').length === 1);
        assert.match(page.url(), new RegExp(`q=${pseudonym}`), 'the search is kept in the URL');

        const download = page.waitForEvent('download');
        await page.getByTestId('export-alerts').click();
        const csv = readFileSync(await (await download).path(), 'utf8').trimEnd().split('\r\n');
        assert.match(csv[0]!, /^id,caseId,typology,/);
        assert.deepEqual(csv.slice(1).map((l) => l.split(',')[0]), [alert.id], 'the export is the searched selection');

        await page.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`).click();
        await page.getByTestId('why-panel').waitFor();
        assert.match(await page.getByTestId('severity-reason').textContent() ?? '', WORDS[locale].severity);
        assert.match(await page.getByTestId('traced-share').textContent() ?? '', /90%/, '450,000 of the 500,000 loan reached the developer');
        assert.ok((await page.getByTestId('evidence-table').textContent())?.includes(WORDS[locale].sector), 'sector K is named');
        assert.equal(await page.locator('[data-testid="opinion-form"][data-enabled="true"]').count(), 0, 'an analyst records no opinion');
        const me = platform.user('NFRA', 'analyst').username;
        await page.locator(`[data-testid="case-assignee"] option[value="${me}"]`).waitFor({ state: 'attached' });
        await page.getByTestId('case-assignee').selectOption(me);
        await page.locator('[data-testid="case-assignment-feedback"].is-ok').waitFor();
        assert.deepEqual(await seriousViolations(page), []);

        const note = locale === 'en' ? 'The borrower paid the developer two days after the loan.' : '借款人在放款两天后向开发商付款。';
        await page.getByTestId('discussion-text').fill(note);
        await page.getByTestId('discussion-post').click();
        const entry = page.locator('[data-testid="discussion-entry"]').filter({ hasText: note });
        await entry.waitFor();
        assert.ok((await entry.getAttribute('data-tx-id'))?.length, 'the entry names its ledger transaction');

        // An account in the graph leads to every alert it appears in.
        const account = alert.accounts.find((a) => a !== pseudonym) ?? pseudonym;
        await page.locator(`[data-testid="flow-node"][data-account="${account}"]`).click();
        await page.waitForFunction((a) => decodeURIComponent(location.hash).includes(`q=${a}`), account);
        await page.locator(`[data-testid="alert-row"][data-alert-id="${alert.id}"]`).waitFor();
        await context.close();
      });

      it('shows NFRA and PBOC reviewers the ledger history grow live, naming who decided what', async () => {
        const nfra = await signIn(browser, platform, 'NFRA', 'reviewer', locale);
        const pboc = await signIn(browser, platform, 'PBOC', 'reviewer', locale);
        await pboc.page.getByTestId('nav-queue').click();
        const queueRow = pboc.page.locator(`[data-testid="queue-row"][data-case-id="${alert.caseId}"]`);
        await queueRow.waitFor();
        assert.deepEqual(await seriousViolations(pboc.page), [], 'the queue');
        // Bulk acknowledgement: tick, acknowledge, and the row says who saw it.
        await queueRow.getByTestId('queue-select').check();
        await pboc.page.getByTestId('acknowledge-selected').click();
        await queueRow.locator('[data-testid="queue-seen"][data-acknowledged="true"]').waitFor();
        assert.match(await queueRow.getByTestId('queue-seen').textContent() ?? '', new RegExp(platform.user('PBOC', 'reviewer').username));
        // NFRA's assignment is NFRA's own: PBOC's queue shows nobody.
        assert.equal(await queueRow.getByTestId('queue-assignee').textContent(), '—');
        // The queue sorts by a column, largest amount first on the first click.
        await pboc.page.getByTestId('queue-sort-amount').click();
        await pboc.page.locator('th[aria-sort="descending"] [data-testid="queue-sort-amount"]').waitFor();
        const amounts = await pboc.page.locator('[data-testid="queue-row"] .col-amount').allTextContents();
        const values = amounts.map((a) => Number(a.replace(/[^0-9.]/g, '')) || 0);
        assert.deepEqual(values, [...values].sort((a, b) => b - a), 'amounts descending');
        for (const { page } of [nfra, pboc]) {
          await page.evaluate((caseId) => { location.hash = `#/cases/${encodeURIComponent(caseId)}`; }, alert.caseId);
          await page.locator('[data-testid="opinion-form"][data-enabled="true"]').waitFor();
          await page.locator('[data-testid="ledger-history-entry"][data-action="opened"]').waitFor();
          assert.match(await page.locator('[data-testid="ledger-history-entry"][data-action="opened"]').textContent() ?? '', WORDS[locale].opened);
          await page.locator('[data-testid="discussion-entry"][data-department="NFRA"]').waitFor();
        }
        // NFRA asks PBOC for information; PBOC sees the request live and answers it; NFRA sees it answered, live.
        await nfra.page.getByTestId('discussion-ask').selectOption('PBOC');
        await nfra.page.getByTestId('discussion-text').fill('Does the borrower hold other loans with PBOC-supervised lenders?');
        await nfra.page.getByTestId('discussion-post').click();
        const request = pboc.page.locator('[data-testid="discussion-entry"][data-asked="PBOC"][data-answered="false"]');
        await request.waitFor({ timeout: LIVE_TIMEOUT_MS });
        await request.getByTestId('discussion-answer').click();
        await pboc.page.getByTestId('discussion-replying').waitFor();
        await pboc.page.getByTestId('discussion-text').fill('One mortgage, repaid in 2025; the developer is on our watch list.');
        await pboc.page.getByTestId('discussion-post').click();
        await nfra.page.locator('[data-testid="discussion-entry"][data-asked="PBOC"][data-answered="true"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
        await nfra.page.locator('[data-testid="discussion-entry"][data-department="PBOC"][data-reply-to]').waitFor();
        assert.ok(await notReloaded(nfra.page));
        const decide = async (page: Page): Promise<void> => {
          await page.getByTestId('opinion-decision-confirm').check();
          await page.getByTestId('opinion-comment').fill('confirm');
          await page.getByTestId('opinion-submit').click();
        };
        await decide(nfra.page);
        const nfraEntry = pboc.page.locator('[data-testid="ledger-history-entry"][data-action="opinion"][data-department="NFRA"][data-decision="confirm"]');
        await nfraEntry.waitFor({ timeout: LIVE_TIMEOUT_MS });
        assert.match(await nfraEntry.textContent() ?? '', WORDS[locale].opinion);
        await decide(pboc.page);
        for (const { page } of [nfra, pboc]) {
          await page.locator('[data-testid="case-status"][data-status="confirmed"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
          await page.locator('[data-testid="ledger-history-entry"][data-department="PBOC"][data-status="confirmed"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
          assert.equal(await page.locator('[data-testid="ledger-history-entry"]').count(), 3, 'opened, NFRA, PBOC');
          assert.ok(await notReloaded(page), 'the history grew without a reload');
        }
        const decisionBadge = nfra.page.locator('[data-testid="case-header"] [data-testid="dept-badge"][data-department="PBOC"], .case-header [data-testid="dept-badge"][data-department="PBOC"]');
        assert.ok((await decisionBadge.first().textContent())?.includes('✔'), 'a decision shows an icon as well as a colour');
        for (const dashboard of [nfra, pboc]) await dashboard.context.close();
      });

      it('refuses the case to SAMR, and the running quarter its sign-off', async () => {
        const samr = await signIn(browser, platform, 'SAMR', 'reviewer', locale);
        await samr.page.evaluate((caseId) => { location.hash = `#/cases/${encodeURIComponent(caseId)}`; }, alert.caseId);
        await samr.page.getByTestId('case-unavailable').waitFor();
        assert.equal(await samr.page.locator('.case-header *').count(), 0, 'no empty header above the notice');
        await samr.page.getByTestId('nav-reports').click();
        const local = new Date(Date.now() + 8 * 3_600_000);
        const current = `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
        const row = samr.page.locator(`[data-testid="report-row"][data-quarter="${current}"]`);
        await row.waitFor({ timeout: LIVE_TIMEOUT_MS });
        await row.getByTestId('quarter-in-progress').waitFor();
        assert.equal(await row.getByTestId('sign-off').count(), 0, 'no sign-off before the quarter ends');
        assert.deepEqual(await seriousViolations(samr.page), []);
        await samr.context.close();
      });
    });
  }

  describe('a stale session', () => {
    it('returns to the sign-in page saying the session ended, whether it ran out or the gateway no longer knows it', async () => {
      const context = await browser.newContext({ locale: 'en' });
      const page = await context.newPage();
      await page.goto(`${platform.baseUrl}/#/login`);
      const stale = (expiresAt: string): string => JSON.stringify({ token: 'not-a-live-token', username: 'nfra.reviewer', department: 'NFRA', role: 'reviewer', expiresAt });
      for (const expiresAt of [new Date(Date.now() - 60_000).toISOString(), new Date(Date.now() + 3_600_000).toISOString()]) {
        await page.evaluate((value) => { localStorage.setItem('suptech.session', value); location.hash = '#/alerts'; location.reload(); }, stale(expiresAt));
        await page.locator('[data-testid="login-message"]:not([hidden])').waitFor({ timeout: LIVE_TIMEOUT_MS });
        assert.match(await page.getByTestId('login-message').textContent() ?? '', /session has expired or is no longer valid/);
        await page.getByTestId('login-form').waitFor();
      }
      await context.close();
    });
  });

  describe('layout, themes and the language switch', () => {
    it('fits a 360 px screen, passes axe-core in the light theme, and switches language without a reload', async () => {
      const prefix = `wd-narrow-${Date.now().toString(36)}`;
      await platform.postTransactions(loanToProperty(prefix), platform.apiKeyOf('JADE_RIVER_BANK'));
      await platform.settle();
      const anyCase = platform.platform.core.alerts.all().find((a) => a.txIds.includes(`${prefix}-home`));
      assert.ok(anyCase);
      const { context, page } = await signIn(browser, platform, 'PBOC', 'reviewer', 'zh-CN', 360);
      await page.locator(`[data-testid="alert-row"][data-alert-id="${anyCase.id}"]`).waitFor();
      await noSidewaysScroll(page);
      await page.evaluate((caseId) => { location.hash = `#/cases/${encodeURIComponent(caseId)}`; }, anyCase.caseId);
      await page.getByTestId('fund-flow-graph').waitFor();
      await noSidewaysScroll(page);
      // A request for information names who is asked; the question lands in the discussion, addressed.
      await page.getByTestId('opinion-decision-request_info').check();
      await page.getByTestId('opinion-asked').selectOption('NFRA');
      await page.getByTestId('opinion-comment').fill('请提供借款人的贷款用途证明。');
      await page.getByTestId('opinion-submit').click();
      await page.locator('[data-testid="discussion-entry"][data-asked="NFRA"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
      await page.locator('[data-testid="department-opinion"][data-department="PBOC"][data-decision="request_info"]').waitFor();
      await page.getByTestId('theme-switch-light').click();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
      assert.deepEqual(await seriousViolations(page), []);
      await page.getByTestId('language-switch-en').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal(await page.getByTestId('nav-alerts').textContent(), 'Alert stream');
      assert.ok(await notReloaded(page));
      const favicon = await fetch(`${platform.baseUrl}/favicon.ico`);
      assert.equal(favicon.status, 200);
      await context.close();
    });
  });
});
