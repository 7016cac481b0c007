/**
 * The demo feed's planted flows, each sent through the real pipeline (ingestion, chDB,
 * detection with the default rule set, the embedded ledger): every typology raises its alert,
 * and between them they reach NFRA, PBOC, SAMR and SAFE.
 */
import assert from 'node:assert/strict';
import { PLANTED_FLOWS, type RawRecord } from '../../gateway/src/demo/planted-flows.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

describe('The demo feed', function () {
  this.timeout(180_000);
  let platform: TestPlatform;
  before(async () => { platform = await startPlatform(); });
  after(async () => { await platform?.close(); });

  it('plants a flow that each typology detects, reaching every department the routing gives it', async () => {
    let serial = 0;
    const institutions = platform.credentials.institutions.map((i) => i.code);
    for (const { plant } of PLANTED_FLOWS) {
      const records = plant({ institutions, id: (prefix) => `demo-test-${prefix}-${serial++}`, now: Date.now() });
      const byInstitution = new Map<string, RawRecord[]>();
      for (const r of records) byInstitution.set(String(r.institution), [...(byInstitution.get(String(r.institution)) ?? []), r]);
      for (const [code, list] of byInstitution) {
        const { status, body } = await platform.postTransactions(list, platform.apiKeyOf(code));
        assert.equal(status, 200, JSON.stringify(body));
      }
    }
    await platform.settle();
    const alerts = platform.platform.core.alerts.all();
    const typologies = new Set(alerts.map((a) => a.typology));
    for (const { typology } of PLANTED_FLOWS) assert.ok(typologies.has(typology as never), `no ${typology} alert; raised: ${[...typologies].join(', ')}`);
    const departments = new Set(alerts.flatMap((a) => a.departments));
    for (const d of ['NFRA', 'PBOC', 'SAMR', 'SAFE']) assert.ok(departments.has(d as never), `${d} got nothing`);
  });
});
