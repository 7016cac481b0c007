import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Alert } from '../../core/src/domain/alert.js';
import type { ReviewCase } from '../../core/src/ledger/contract-model.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';
import { startOrSkip, type FabricTestNetwork } from './support/fabric-test-network.js';
import { eventually } from './support/ledger-fixtures.js';

/** A consumer loan, one hop, a payment to a real-estate developer: the credit_to_real_estate flow. */
function loanToProperty(prefix: string) {
  return [
    { institution: 'JADE_RIVER_BANK', record: { txId: `${prefix}-loan`, institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00+08:00', type: 'loan_disbursement', from: `LOAN-${prefix}`, to: `${prefix}-A1`, amount: '300000.00', loanPurpose: 'consumer' } },
    { institution: 'SWIFTPAY', record: { txId: `${prefix}-hop`, institution: 'SWIFTPAY', ts: '2026-07-02T10:00:00+08:00', type: 'transfer', from: `${prefix}-A1`, to: `${prefix}-A2`, amount: 290000 } },
    { institution: 'GOLDEN_GATE_BANK', record: { txId: `${prefix}-home`, institution: 'GOLDEN_GATE_BANK', ts: '2026-07-05T15:30:00+08:00', type: 'payment', from: `${prefix}-A2`, to: `DEV-${prefix}`, amount: '280000', toSector: 'K', toMcc: '6513' } },
  ];
}

describe('The platform on the Fabric network (SUPTECH_LEDGER=fabric)', function () {
  let net: FabricTestNetwork | undefined;
  let platform: TestPlatform | undefined;
  const previousProfile = process.env.SUPTECH_FABRIC_PROFILE;

  before(async function () {
    net = await startOrSkip(this);
    // The composition root reads the profile from the environment, as `npm run start:fabric` sets it.
    process.env.SUPTECH_FABRIC_PROFILE = net.network.connectionProfilePath;
    platform = await startPlatform({ env: { SUPTECH_LEDGER: 'fabric' } });
  });

  after(async function () {
    this.timeout(120_000);
    await platform?.close();
    if (previousProfile === undefined) delete process.env.SUPTECH_FABRIC_PROFILE;
    else process.env.SUPTECH_FABRIC_PROFILE = previousProfile;
    await net?.stop();
  });

  it('anchors the reports, opens the alert\'s case on every routed peer and records a reviewer\'s opinion', async function () {
    this.timeout(180_000);
    const p = platform!;
    for (const { institution, record } of loanToProperty(`fab-${randomUUID().slice(0, 8)}`)) {
      const { status } = await p.postTransactions([record], p.apiKeyOf(institution));
      assert.equal(status, 200);
    }
    const token = await p.login('NFRA', 'reviewer');
    const alert = await eventually('a credit_to_real_estate alert with its case', async () => {
      const response = await fetch(`${p.baseUrl}/api/v1/alerts?typology=credit_to_real_estate`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as Alert[] | { alerts: Alert[] };
      const list = Array.isArray(body) ? body : body.alerts;
      return list.find((a) => a.caseId && a.ledger.caseTxId);
    }, 90_000);

    for (const department of alert.departments) {
      const onPeer = await eventually(`the case on ${department}'s peer`,
        async () => (await net!.network.queryPeer(department, 'getCase', [alert.caseId])) as ReviewCase | null ?? undefined);
      assert.deepEqual([...onPeer.departments].sort(), [...alert.departments].sort());
    }

    const response = await fetch(`${p.baseUrl}/api/v1/cases/${alert.caseId}/opinions`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'request_info', comment: 'ask the lender for the loan contract' }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    const opinion = await eventually('NFRA\'s opinion on the PBOC peer', async () =>
      ((await net!.network.queryPeer('PBOC', 'getCase', [alert.caseId])) as ReviewCase).opinions.NFRA);
    assert.equal(opinion.department, 'NFRA');
    assert.equal(opinion.decision, 'request_info');
    await p.settle();
  });
});
