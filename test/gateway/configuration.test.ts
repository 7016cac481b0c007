import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../gateway/src/config.js';
import { parseRoutingTable, RoutingConfigError } from '../../alerts/src/routing-config.js';
import { routeAlert } from '../../alerts/src/routing.js';
import { startPlatform } from '../support/platform.js';

describe('Configuration', () => {
  describe('loadConfig', () => {
    it('fails fast naming the variable and the reason', () => {
      assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: Error) => e instanceof ConfigError && /^PORT=eighty: must be an integer/.test(e.message));
      assert.throws(() => loadConfig({ SUPTECH_LEDGER: 'paper' }), /SUPTECH_LEDGER=paper: must be one of embedded, fabric/);
      assert.throws(() => loadConfig({ SUPTECH_OPERATOR_DEPARTMENT: 'FED' }), /SUPTECH_OPERATOR_DEPARTMENT=FED/);
      assert.throws(() => loadConfig({ CLICKHOUSE_URL: 'tcp://x' }), /CLICKHOUSE_URL=tcp:\/\/x: must be an http\(s\) URL/);
    });
  });

  describe('parseRoutingTable', () => {
    it('overrides the routes it names and keeps the defaults for the others', () => {
      const table = parseRoutingTable({ byTypology: { structuring: ['PBOC', 'CAC'] } });
      assert.deepEqual(routeAlert(table, 'structuring', ['bank']), ['PBOC', 'CAC']);
      assert.deepEqual(routeAlert(table, 'cross_border_split', ['payment_platform']), ['SAFE', 'PBOC', 'SAMR']);
    });

    it('names the field of a bad entry', () => {
      assert.throws(() => parseRoutingTable({ byTypology: { structuring: ['FED'] } }), (e: Error) => e instanceof RoutingConfigError && e.message.startsWith('byTypology.structuring:'));
      assert.throws(() => parseRoutingTable({ byTypology: { tax_evasion: ['PBOC'] } }), /byTypology.tax_evasion: unknown typology/);
      assert.throws(() => parseRoutingTable({ byInstitutionKind: { casino: ['SAMR'] } }), /byInstitutionKind.casino/);
    });
  });

  describe('SUPTECH_RULE_SET_FILE', function () {
    this.timeout(60_000);
    it('refuses to start on an invalid rule set, naming the variable and the field', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'suptech-config-'));
      const file = join(dir, 'rules.json');
      writeFileSync(file, JSON.stringify({ version: '2.0.0', typologies: { structuring: { enabled: true, params: { minDeposits: 'three' } } } }));
      try {
        await assert.rejects(startPlatform({ env: { SUPTECH_RULE_SET_FILE: file } }), (e: Error) =>
          e instanceof ConfigError && e.message.includes('SUPTECH_RULE_SET_FILE=') && e.message.includes('structuring'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('releases the engines of a failed start, so the next start in the same process works', async () => {
      const env = { ...process.env };
      delete process.env.SUPTECH_FABRIC_PROFILE;
      try {
        await assert.rejects(startPlatform({ env: { SUPTECH_LEDGER: 'fabric' } }), /SUPTECH_FABRIC_PROFILE/);
      } finally {
        Object.assign(process.env, env);
      }
      const platform = await startPlatform();
      const health = await fetch(`${platform.baseUrl}/api/v1/health`);
      assert.equal(health.status, 200);
      await platform.close();
    });
  });
});
