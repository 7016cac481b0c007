/**
 * Dev tool: logs in to a running dashboard with Debian's Chromium and saves a PNG of each view,
 * for eyeballing the layout and for the README. Not a test.
 *
 *   npx tsx monitor-ui/dev/screenshots.ts --base http://127.0.0.1:8090 --user nfra.reviewer \
 *     --password preview [--case case-showcase] [--out /tmp/shots] [--views alerts,case,queue,reports] \
 *     [--locale zh-CN|en] [--theme dark|light]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({ options: {
  base: { type: 'string', default: 'http://127.0.0.1:8090' }, user: { type: 'string', default: 'nfra.reviewer' },
  password: { type: 'string', default: 'preview' }, case: { type: 'string' }, out: { type: 'string', default: '/tmp/shots' },
  width: { type: 'string', default: '1440' }, height: { type: 'string', default: '900' }, prefix: { type: 'string', default: '' },
  range: { type: 'string', default: 'day' },
  /** The browser's language, which the dashboards follow, and its colour scheme. */
  locale: { type: 'string', default: 'zh-CN' }, theme: { type: 'string', default: 'dark' },
  /** Comma-separated subset of: alerts, case, queue, reports (login and alerts are always taken). */
  views: { type: 'string', default: 'alerts,case,queue,reports' },
} });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  await mkdir(args.out, { recursive: true });
  const page = await browser.newPage({
    viewport: { width: Number(args.width), height: Number(args.height) }, locale: args.locale,
    colorScheme: args.theme === 'light' ? 'light' : 'dark',
  });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log(`[browser ${m.type()}] ${m.text()}`); });
  page.on('pageerror', (e) => { console.log(`[page error] ${e.message}`); });
  const shot = async (name: string): Promise<void> => {
    const path = join(args.out, `${args.prefix}${name}.png`);
    await page.screenshot({ path });
    console.log(path);
  };
  await page.goto(`${args.base}/#/login`);
  await page.getByTestId('login-form').waitFor();
  await shot('login');
  await page.getByTestId('login-username').fill(args.user);
  await page.getByTestId('login-password').fill(args.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('alert-stream').waitFor();
  await page.getByTestId(`range-${args.range}`).click();
  await page.waitForTimeout(2500);
  await shot('alerts');
  const views = new Set(args.views.split(','));
  const caseId = args.case ?? await page.getByTestId('alert-row').first().getAttribute('data-case-id');
  const captures: Record<string, () => Promise<void>> = {
    case: async () => {
      await page.goto(`${args.base}/#/cases/${encodeURIComponent(caseId ?? '')}`);
      await page.locator('[data-testid="case-status"], [data-testid="case-unavailable"]').first().waitFor();
      await page.waitForTimeout(800);
      await shot('case');
      await page.screenshot({ path: join(args.out, `${args.prefix}case-full.png`), fullPage: true });
    },
    queue: async () => {
      await page.goto(`${args.base}/#/queue`);
      await page.getByTestId('queue-loading').waitFor({ state: 'detached', timeout: 60_000 });
      await page.waitForTimeout(500);
      await shot('queue');
    },
    reports: async () => {
      await page.goto(`${args.base}/#/reports`);
      await page.getByTestId('reports-loading').waitFor({ state: 'detached', timeout: 60_000 });
      await page.waitForTimeout(300);
      await shot('reports');
    },
  };
  for (const [view, capture] of Object.entries(captures)) if (views.has(view)) await capture();
} finally {
  await browser.close();
}
