/**
 * Dev tool: measures how the alert stream holds up under load in Chromium — start the preview
 * with a 10,000-alert backlog and 100 alerts/s, then run this. Prints frame-interval percentiles,
 * long tasks, rows in the DOM and alerts received. Not a test (timings depend on the machine).
 *
 *   npx tsx monitor-ui/dev/preview.ts --port 18473 --backlog 10000 --rate 100 &
 *   npx tsx monitor-ui/dev/load-check.ts --base http://127.0.0.1:18473 --user pboc.auditor
 */
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values: args } = parseArgs({ options: {
  base: { type: 'string', default: 'http://127.0.0.1:18473' }, user: { type: 'string', default: 'pboc.auditor' },
  password: { type: 'string', default: 'preview' }, seconds: { type: 'string', default: '10' },
  profile: { type: 'boolean', default: false },
} });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${args.base}/#/login`);
  await page.getByTestId('login-username').fill(args.user);
  await page.getByTestId('login-password').fill(args.password);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid="alert-row"]').first().waitFor();
  await page.waitForTimeout(1500);
  const summaryBefore = await page.getByTestId('alert-stream-summary').textContent();
  const cdp = args.profile ? await page.context().newCDPSession(page) : undefined;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.start'); }
  // Plain script text: tsx would wrap named functions in a helper the page does not have.
  const result = await page.evaluate(`(async (seconds) => {
    const intervals = [];
    const longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask' });
    let last = performance.now();
    const end = last + seconds * 1000;
    await new Promise((resolve) => {
      function tick(now) {
        intervals.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick); else resolve();
      }
      requestAnimationFrame(tick);
    });
    intervals.sort((a, b) => a - b);
    const pct = (p) => Math.round(intervals[Math.min(intervals.length - 1, Math.floor(intervals.length * p))] * 10) / 10;
    return { frames: intervals.length, p50: pct(0.5), p95: pct(0.95), p99: pct(0.99), max: pct(1), longTasks: longTasks.length,
      longestTask: Math.round(Math.max(0, ...longTasks)), rows: document.querySelectorAll('[data-testid="alert-row"]').length,
      domNodes: document.getElementsByTagName('*').length };
  })(${Number(args.seconds)})`) as Record<string, number>;
  if (cdp) {
    // Self time per function, heaviest first: where the main thread went.
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>();
    const dt = new Map<number, number>();
    profile.samples?.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
    for (const node of profile.nodes) {
      const key = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
    }
    console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`).join('\n'));
  }
  const summaryAfter = await page.getByTestId('alert-stream-summary').textContent();
  console.log(JSON.stringify({ ...result, summaryBefore, summaryAfter }, null, 2));
  // Scroll deep into the backlog and check rows are still few and render.
  await page.locator('.stream-viewport').evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
  await page.waitForTimeout(300);
  console.log('rows after scrolling to the middle:', await page.locator('[data-testid="alert-row"]').count());
} finally {
  await browser.close();
}
