/**
 * SUPTECH_INDICATOR_SET_FILE: the indicator set as configuration, validated before any
 * engine opens, and its hash anchored on the ledger so every department can check which
 * definitions produced a figure.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../gateway/src/config.js';
import { DEFAULT_INDICATOR_SET, indicatorSetHash, validateIndicatorSet } from '../../alerts/src/indicators/index.js';
import { startPlatform } from '../support/platform.js';

describe('SUPTECH_INDICATOR_SET_FILE', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'suptech-indicators-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('refuses to start on an invalid set, naming the variable and the field', async () => {
    const file = join(dir, 'indicators.json');
    const set = structuredClone(DEFAULT_INDICATOR_SET) as { indicators: { thresholds: Record<string, unknown> }[] };
    set.indicators[0]!.thresholds.minBase = 'a lot';
    writeFileSync(file, JSON.stringify(set));
    // Inside the test's directory, so that what the failed start created goes with it.
    await assert.rejects(startPlatform({ dataDir: join(dir, 'data'), env: { SUPTECH_INDICATOR_SET_FILE: file } }), (e: Error) =>
      e instanceof ConfigError && e.message.startsWith(`SUPTECH_INDICATOR_SET_FILE=${file}:`) && e.message.includes('indicators.0.thresholds.minBase'));
  });

  it('runs the configured set and anchors its hash on the ledger under indicators@<version>', async () => {
    const file = join(dir, 'indicators.json');
    const configured = { version: '2.0.0', indicators: [{ ...DEFAULT_INDICATOR_SET.indicators[0]!, thresholds: { level: 0.05, trendRisePct: 20, minBase: 0 } }] };
    writeFileSync(file, JSON.stringify(configured));
    const platform = await startPlatform({ env: { SUPTECH_INDICATOR_SET_FILE: file } });
    try {
      const hash = indicatorSetHash(validateIndicatorSet(configured));
      assert.equal((await platform.platform.core.ledger.getRuleSet('NFRA', 'indicators@2.0.0'))?.hash, hash);
      const token = await platform.login('NFRA', 'analyst');
      const response = await fetch(`${platform.baseUrl}/api/v1/indicators?quarter=2026Q3`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200);
      assert.deepEqual((await response.json() as { definitions: unknown }).definitions, { version: 'indicators@2.0.0', hash });
    } finally {
      await platform.close();
    }
  });
});
