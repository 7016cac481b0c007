/**
 * "No silent gaps", as operators see it: on the real platform, a typology whose query fails
 * (here fan_in, given a rule set whose window total the engine cannot bind as a decimal: a
 * real ClickHouse refusal, on every retry) is reported degraded in `/api/v1/health` to a session
 * and shown in a banner on a signed-in user's dashboard in a real headless Chromium, naming the
 * typology; the other typologies go on.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Health { status: string; detection: { lagging: { typology: string; failures: number }[] } }

describe('A lagging typology on the dashboard', function () {
  this.timeout(120_000);
  let platform: TestPlatform;
  let browser: Browser;
  let ruleDir: string;

  before(async () => {
    ruleDir = mkdtempSync(join(tmpdir(), 'lagging-rules-'));
    const ruleSetFile = join(ruleDir, 'rules.json');
    writeFileSync(ruleSetFile, JSON.stringify({ version: '1.0.1', typologies: { fan_in: { params: { minTotal: 1e30 } } } }));
    // Health shows troubles to a session only (the default), as operators run it.
    platform = await startPlatform({ env: { SUPTECH_RULE_SET_FILE: ruleSetFile, SUPTECH_HEALTH_DETAILS: 'login' } });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await platform?.close();
    rmSync(ruleDir, { recursive: true, force: true });
  });

  it('is degraded in health and shown in a banner naming the typology, while the others go on', async () => {
    const key = platform.apiKeyOf('JADE_RIVER_BANK');
    const deposits = [0, 1, 2].map((h) => ({
      txId: `banner-cash-${h}`, institution: 'JADE_RIVER_BANK', ts: `2026-07-01T0${h}:00:00Z`, type: 'cash_deposit', from: 'SAVER', to: 'SAVER', amount: '45000.00',
    }));
    const transfer = { txId: 'banner-transfer', institution: 'JADE_RIVER_BANK', ts: '2026-07-01T05:00:00Z', type: 'transfer', from: 'P1', to: 'HUB', amount: '12000.00' };
    assert.equal((await platform.postTransactions([...deposits, transfer], key)).status, 200);

    const token = await platform.login('PBOC', 'analyst');
    const anonymous = (await (await fetch(`${platform.baseUrl}/api/v1/health`)).json()) as Partial<Health>;
    assert.equal(anonymous.detection, undefined, 'which typology is in trouble is for sessions only');
    let health: Health | undefined;
    for (let i = 0; i < 200 && !health?.detection.lagging.some((l) => l.typology === 'fan_in'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = (await (await fetch(`${platform.baseUrl}/api/v1/health`, { headers: { authorization: `Bearer ${token}` } })).json()) as Health;
    }
    assert.equal(health?.status, 'degraded');
    assert.deepEqual(health?.detection.lagging.map((l) => l.typology), ['fan_in']);

    const page = await (await browser.newContext()).newPage();
    const { username, password } = platform.user('PBOC', 'analyst');
    await page.goto(`${platform.baseUrl}/#/login`);
    await page.getByTestId('login-username').fill(username);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('alert-stream').waitFor();
    const line = page.locator('.operations-banner[role="alert"] [data-typology="fan_in"]');
    await line.waitFor({ timeout: 20_000 });
    assert.match((await line.textContent()) ?? '', /fan_in/);

    // The others went on: structuring was alerted from the same records.
    const { alerts } = (await (await fetch(`${platform.baseUrl}/api/v1/alerts`, { headers: { authorization: `Bearer ${token}` } })).json()) as { alerts: { typology: string }[] };
    assert.ok(alerts.some((a) => a.typology === 'structuring'), 'structuring was alerted');
  });
});
