/**
 * Issue 5's scenario in a real headless Chromium (Debian's, through playwright-core) against the
 * real platform: NFRA and PBOC reviewers watch their dashboards in two browser contexts, an alert
 * routed to both appears live in both, each confirms in turn and sees the other's decision live,
 * the case closes with both opinions on the ledger; a SAMR user sees nothing of it.
 */
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Department } from '../../core/src/domain/departments.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const LIVE_TIMEOUT_MS = 20_000;

/**
 * A consumer loan straight into a property down payment, reported by two banks only: credit
 * typologies go to NFRA and PBOC, and with no payment platform involved SAMR is not routed.
 */
function loanToPropertyRecords(prefix: string): Record<'JADE_RIVER_BANK' | 'GOLDEN_GATE_BANK', unknown[]> {
  return {
    JADE_RIVER_BANK: [{ txId: `${prefix}-loan`, institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00+08:00', type: 'loan_disbursement',
      from: `${prefix}-LOAN-POOL`, to: `${prefix}-BORROWER`, amount: '500000.00', loanPurpose: 'consumer' }],
    GOLDEN_GATE_BANK: [{ txId: `${prefix}-home`, institution: 'GOLDEN_GATE_BANK', ts: '2026-07-03T15:30:00+08:00', type: 'payment',
      from: `${prefix}-BORROWER`, to: `${prefix}-DEVELOPER`, amount: '450000.00', toSector: 'K', toMcc: '6513' }],
  };
}

async function openDashboard(browser: Browser, platform: TestPlatform, department: Department): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const { username, password } = platform.user(department, 'reviewer');
  await page.goto(`${platform.baseUrl}/#/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('alert-stream').waitFor();
  await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
  assert.equal(await page.getByTestId('session-department').textContent(), department);
  // Marks the document: if it is still there later, updates arrived without a reload.
  await page.evaluate(() => { (window as unknown as { notReloaded: boolean }).notReloaded = true; });
  return { context, page };
}

async function stillTheSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);
}

async function confirmCase(page: Page, comment: string): Promise<void> {
  await page.getByTestId('opinion-decision-confirm').check();
  await page.getByTestId('opinion-comment').fill(comment);
  await page.getByTestId('opinion-submit').click();
}

const opinionOf = (page: Page, department: Department, decision: string) =>
  page.locator(`[data-testid="department-opinion"][data-department="${department}"][data-decision="${decision}"]`);

describe('The department dashboards', function () {
  this.timeout(180_000);
  let platform: TestPlatform;
  let browser: Browser;

  before(async () => {
    platform = await startPlatform();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  describe('joint review of a credit-to-real-estate case by NFRA and PBOC', () => {
    it('shows the alert live to both, each confirmation live to the other, the case closed with two ledger transactions, and nothing to SAMR', async () => {
      const nfra = await openDashboard(browser, platform, 'NFRA');
      const pboc = await openDashboard(browser, platform, 'PBOC');
      const samr = await openDashboard(browser, platform, 'SAMR');

      const prefix = `ui-${Date.now().toString(36)}`;
      for (const [institution, records] of Object.entries(loanToPropertyRecords(prefix))) {
        const { status } = await platform.postTransactions(records, platform.apiKeyOf(institution));
        assert.equal(status, 200);
      }

      const nfraRow = nfra.page.locator('[data-testid="alert-row"]').first();
      await nfraRow.waitFor({ timeout: LIVE_TIMEOUT_MS });
      const alertId = await nfraRow.getAttribute('data-alert-id');
      const caseId = await nfraRow.getAttribute('data-case-id');
      assert.ok(alertId && caseId);
      const pbocRow = pboc.page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`);
      await pbocRow.waitFor({ timeout: LIVE_TIMEOUT_MS });
      assert.ok(await stillTheSameDocument(nfra.page) && await stillTheSameDocument(pboc.page), 'the alert arrived without a reload');
      for (const page of [nfra.page, pboc.page]) {
        const badges = page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"] [data-testid="dept-badge"]`);
        assert.deepEqual((await badges.evaluateAll((els) => els.map((e) => e.getAttribute('data-department')))).sort(), ['NFRA', 'PBOC']);
      }

      await nfraRow.click();
      await pbocRow.click();
      for (const page of [nfra.page, pboc.page]) {
        await page.locator('[data-testid="case-status"][data-status="open"]').waitFor();
        await page.locator('[data-testid="opinion-form"][data-enabled="true"]').waitFor();
        assert.ok(await page.locator('[data-testid="flow-edge"][data-role="loan"]').count() >= 1, 'the loan is drawn');
        assert.ok(await page.locator('[data-testid="flow-edge"][data-role="sensitive_payment"]').count() >= 1, 'the property payment is drawn');
      }

      await confirmCase(nfra.page, 'Consumer loan used as a down payment; confirmed by NFRA.');
      await opinionOf(pboc.page, 'NFRA', 'confirm').waitFor({ timeout: LIVE_TIMEOUT_MS });
      assert.ok(await stillTheSameDocument(pboc.page), 'PBOC saw the NFRA opinion without a reload');
      assert.equal(await pboc.page.getByTestId('case-status').getAttribute('data-status'), 'open');

      await confirmCase(pboc.page, 'Agreed; funds reached the developer within three days.');
      for (const page of [nfra.page, pboc.page]) {
        await page.locator('[data-testid="case-status"][data-status="confirmed"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
        await opinionOf(page, 'NFRA', 'confirm').waitFor();
        await opinionOf(page, 'PBOC', 'confirm').waitFor();
        const txIds = await page.locator('[data-testid="department-opinion"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tx-id')));
        assert.equal(txIds.length, 2);
        assert.ok(txIds.every((tx) => tx && tx.length > 0), 'each opinion names its ledger transaction');
        assert.notEqual(txIds[0], txIds[1], 'two distinct ledger transactions');
        assert.equal(await page.locator('[data-testid="opinion-form"][data-enabled="true"]').count(), 0, 'a closed case takes no more opinions');
      }
      assert.ok(await stillTheSameDocument(nfra.page), 'NFRA saw the case close without a reload');

      // SAMR was not routed: no row in its stream, and the case itself is refused.
      assert.equal(await samr.page.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`).count(), 0);
      await samr.page.goto(`${platform.baseUrl}/#/cases/${encodeURIComponent(caseId)}`);
      await samr.page.getByTestId('case-unavailable').waitFor();
      assert.equal(await samr.page.getByTestId('case-status').count(), 0);

      for (const dashboard of [nfra, pboc, samr]) await dashboard.context.close();
    });
  });

  describe('the quarterly reports page', () => {
    it('lets a reviewer sign the quarter off for the department and shows it signed; an analyst gets no sign-off', async () => {
      const nfra = await openDashboard(browser, platform, 'NFRA');
      await nfra.page.getByTestId('nav-reports').click();
      const row = nfra.page.locator('[data-testid="report-row"]').first();
      await row.waitFor({ timeout: LIVE_TIMEOUT_MS });
      const quarter = await row.getAttribute('data-quarter');
      assert.match(quarter ?? '', /^\d{4}Q[1-4]$/);
      await row.getByTestId('sign-off').click();
      // A confirmation names the exact report being signed before anything reaches the ledger.
      await nfra.page.getByTestId('sign-off-confirm').waitFor();
      assert.ok((await nfra.page.getByTestId('sign-off-hash').textContent())?.length, 'the confirmation shows what is signed');
      await nfra.page.getByTestId('sign-off-confirm-sign').click();
      await nfra.page.locator(`[data-testid="report-row"][data-quarter="${quarter}"] [data-testid="report-signoff"][data-department="NFRA"][data-signed="true"]`)
        .waitFor({ timeout: 60_000 });
      assert.equal(await nfra.page.locator(`[data-testid="report-row"][data-quarter="${quarter}"] [data-testid="sign-off"]`).count(), 0);

      const analyst = await browser.newContext();
      const page = await analyst.newPage();
      const { username, password } = platform.user('PBOC', 'analyst');
      await page.goto(`${platform.baseUrl}/#/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('alert-stream').waitFor();
      await page.getByTestId('nav-reports').click();
      await page.locator(`[data-testid="report-row"][data-quarter="${quarter}"]`).waitFor();
      assert.equal(await page.getByTestId('sign-off').count(), 0);
      await analyst.close();
      await nfra.context.close();
    });
  });
});
