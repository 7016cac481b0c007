/**
 * The indicators page in a real headless Chromium (Debian's, through playwright-core) against
 * the real platform: a lender leaking credit into property shows breached for NFRA, in
 * Simplified Chinese and in English, with its threshold on the chart and a link to the joint
 * review the breach opened; SAFE's page does not list it; axe-core finds no serious WCAG 2
 * A/AA violation. Writes the README's screenshot.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Department } from '../../core/src/domain/departments.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Locale = 'zh-CN' | 'en';
const WORDS: Record<Locale, { heading: string; panel: string; breached: RegExp; nav: string }> = {
  'zh-CN': { heading: '跨领域风险预警指标', panel: '信贷资金流入房地产占比', breached: /已超阈值（水平）/, nav: '风险指标' },
  en: { heading: 'Cross-domain risk indicators', panel: 'Share of credit traced to real estate', breached: /Breached \(level\)/, nav: 'Risk indicators' },
};

describe('The indicators page', function () {
  this.timeout(180_000);
  let platform: TestPlatform;
  let browser: Browser;
  const p = `uiind${Date.now().toString(36)}`;

  before(async () => {
    platform = await startPlatform();
    // 200,000 of 1,000,000 consumer and business credit reaches a developer: share 0.2 > 0.1.
    const jade = await platform.postTransactions([
      { txId: `${p}-loan-1`, institution: 'JADE_RIVER_BANK', ts: '2026-07-06T10:00:00+08:00', type: 'loan_disbursement', from: `${p}-POOL`, to: `${p}-B1`, amount: '200000.00', loanPurpose: 'consumer' },
      { txId: `${p}-loan-2`, institution: 'JADE_RIVER_BANK', ts: '2026-07-10T10:00:00+08:00', type: 'loan_disbursement', from: `${p}-POOL`, to: `${p}-B2`, amount: '800000.00', loanPurpose: 'business' },
      { txId: `${p}-loan-0`, institution: 'JADE_RIVER_BANK', ts: '2026-06-10T10:00:00+08:00', type: 'loan_disbursement', from: `${p}-POOL`, to: `${p}-B0`, amount: '1000000.00', loanPurpose: 'business' },
    ], platform.apiKeyOf('JADE_RIVER_BANK'));
    assert.equal(jade.status, 200);
    const golden = await platform.postTransactions([
      { txId: `${p}-home`, institution: 'GOLDEN_GATE_BANK', ts: '2026-07-08T10:00:00+08:00', type: 'payment', from: `${p}-B1`, to: `${p}-DEV`, amount: '150000.00', toSector: 'K' },
    ], platform.apiKeyOf('GOLDEN_GATE_BANK'));
    assert.equal(golden.status, 200);
    await platform.settle();
    browser = await chromium.launch({ executablePath: process.env.SUPTECH_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function openIndicators(department: Department, locale: Locale): Promise<{ page: Page; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale, colorScheme: 'dark' });
    const page = await context.newPage();
    const { username, password } = platform.user(department, 'reviewer');
    await page.goto(`${platform.baseUrl}/#/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('alert-stream').waitFor();
    await page.getByTestId('nav-indicators').click();
    await page.getByTestId('indicators-page').waitFor();
    await page.locator('[data-testid="indicator-granularity"]').waitFor();
    return { page, close: () => context.close() };
  }

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`shows NFRA the lender in breach with its threshold, history and case (${locale})`, async () => {
      const { page, close } = await openIndicators('NFRA', locale);
      try {
        assert.equal(await page.getByTestId('nav-indicators').textContent(), WORDS[locale].nav);
        assert.equal(await page.locator('.indicators-page h1').textContent(), WORDS[locale].heading);
        await page.getByTestId('indicator-quarter').selectOption('2026Q3');
        const panel = page.getByTestId('indicator-panel-credit_to_real_estate_share');
        await panel.waitFor();
        assert.match(await panel.locator('h2').textContent() ?? '', new RegExp(WORDS[locale].panel));
        const row = panel.locator('[data-testid="indicator-row"][data-institution="JADE_RIVER_BANK"][data-period="2026Q3"]');
        assert.equal(await row.getAttribute('data-state'), 'breached');
        assert.match(await row.textContent() ?? '', /20\.0%/);
        assert.match(await row.textContent() ?? '', WORDS[locale].breached);
        const chart = panel.locator('[data-testid="indicator-chart"][data-institution="JADE_RIVER_BANK"]');
        assert.equal(await chart.locator('[data-testid="indicator-threshold"]').count(), 1);
        assert.equal(await chart.locator('circle.breached[data-period="2026Q3"]').count(), 1);
        assert.equal(await chart.locator('circle[data-period="2026Q2"]').count(), 1, 'the quarter before is in the history');
        if (locale === 'en') {
          await page.screenshot({ path: 'docs/screenshots/indicators.png', fullPage: false });
          assert.deepEqual(await seriousViolations(page), []);
        }
        const caseLink = row.getByTestId('indicator-case-link');
        const caseId = (await caseLink.textContent() ?? '').split(' ').at(-1);
        await caseLink.click();
        await page.getByTestId('case-status').waitFor();
        assert.equal(await page.evaluate(() => location.hash), `#/cases/${caseId ?? ''}`);
      } finally {
        await close();
      }
    });
  }

  it('does not list credit indicators to SAFE', async () => {
    const { page, close } = await openIndicators('SAFE', 'en');
    try {
      await page.getByTestId('indicator-quarter').selectOption('2026Q3');
      await page.locator('[data-testid="indicators-empty"], [data-testid^="indicator-panel-"]').first().waitFor();
      assert.equal(await page.getByTestId('indicator-panel-credit_to_real_estate_share').count(), 0);
    } finally {
      await close();
    }
  });
});

/** Serious and critical axe-core violations of WCAG 2 A/AA on the page as it stands. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<Result> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}
