/**
 * Operations: each HTTP request is one debug line (not Fastify's two info lines), so that at
 * the default level the terminal keeps the startup banner and what matters; the level is
 * configurable and validated.
 */
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../gateway/src/config.js';
import { bundleMonitorUi } from '../../monitor-ui/build.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

interface LogLine { level: number; msg: string; url?: string; statusCode?: number }

describe('Request logging', function () {
  this.timeout(60_000);
  let platform: TestPlatform;
  before(async () => { platform = await startPlatform(); });
  after(async () => { await platform?.close(); });

  it('logs one debug line per answered request, with method, path, status and time, and no info line', async () => {
    const before = platform.logs.length;
    const response = await fetch(`${platform.baseUrl}/api/v1/health?probe=1`);
    assert.equal(response.status, 200);
    await new Promise((r) => setTimeout(r, 100));
    const lines = platform.logs.slice(before).join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
    const requests = lines.filter((l) => l.url === '/api/v1/health');
    assert.equal(requests.length, 1, 'one line for the request');
    assert.deepEqual([requests[0]!.level, requests[0]!.msg, requests[0]!.statusCode], [20, 'request', 200]);
    assert.ok(!lines.some((l) => l.msg === 'incoming request' || l.msg === 'request completed'), "Fastify's own request lines are off");
  });

  it('defaults the level to info and refuses an unknown one, naming the variable', () => {
    assert.equal(loadConfig({ SUPTECH_DATA_DIR: '/tmp/x' }).logLevel, 'info');
    assert.equal(loadConfig({ SUPTECH_DATA_DIR: '/tmp/x', SUPTECH_LOG_LEVEL: 'debug' }).logLevel, 'debug');
    assert.throws(() => loadConfig({ SUPTECH_DATA_DIR: '/tmp/x', SUPTECH_LOG_LEVEL: 'loud' }), (e: unknown) => e instanceof ConfigError && /SUPTECH_LOG_LEVEL/.test(e.message));
  });

  it('serves the dashboards in the configured time zone, Asia/Shanghai by default, and refuses an unknown zone', async () => {
    assert.equal(loadConfig({ SUPTECH_DATA_DIR: '/tmp/x' }).timeZone, 'Asia/Shanghai');
    assert.throws(() => loadConfig({ SUPTECH_DATA_DIR: '/tmp/x', SUPTECH_TIME_ZONE: 'Mars/Olympus' }), (e: unknown) => e instanceof ConfigError && /SUPTECH_TIME_ZONE/.test(e.message));
    const index = await fetch(`${platform.baseUrl}/`).then((r) => r.text());
    assert.match(index, /<meta name="suptech-time-zone" content="Asia\/Shanghai">/);
    const { files } = await bundleMonitorUi({ timeZone: loadConfig({ SUPTECH_DATA_DIR: '/tmp/x', SUPTECH_TIME_ZONE: 'Asia/Hong_Kong' }).timeZone });
    assert.match(String(files.get('/index.html')?.body), /<meta name="suptech-time-zone" content="Asia\/Hong_Kong">/);
  });
});
