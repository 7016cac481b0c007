import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
page.on('console', (m) => console.log('[console]', m.type(), m.text()));
page.on('pageerror', (e) => console.log('[pageerror]', e.message));
await page.goto('http://127.0.0.1:18474/#/login');
await page.getByTestId('login-username').fill('nfra.reviewer');
await page.getByTestId('login-password').fill('preview');
await page.getByTestId('login-submit').click();
for (let i = 0; i < 6; i++) {
  await new Promise((r) => setTimeout(r, 1000));
  const t0 = Date.now();
  const r = await Promise.race([page.evaluate(() => document.querySelectorAll('[data-testid=alert-row]').length), new Promise((r) => setTimeout(() => r('timeout'), 3000))]);
  console.log(i, r, Date.now() - t0);
}
await browser.close();
