import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { drainPending } from 'chdb';
import { createAnalyticsClient } from '../../core/src/storage/analytics-client.js';
import type { Alert } from '../../core/src/domain/alert.js';
import type { Department } from '../../core/src/domain/departments.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const run = promisify(execFile);

/** A consumer loan at one bank, a hop through a payment platform, a down payment to a developer at another bank. */
function loanToPropertyFlow(prefix: string) {
  return {
    JADE_RIVER_BANK: [{ txId: `${prefix}-loan`, institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00+08:00', type: 'loan_disbursement', from: 'LOAN-POOL-7', to: '6222020000000001', amount: '300000.00', loanPurpose: 'consumer' }],
    SWIFTPAY: [{ txId: `${prefix}-hop`, institution: 'SWIFTPAY', ts: '2026-07-02T10:00:00+08:00', type: 'transfer', from: '6222020000000001', to: '6222020000000002', amount: 290000 }],
    GOLDEN_GATE_BANK: [{ txId: `${prefix}-home`, institution: 'GOLDEN_GATE_BANK', ts: '2026-07-05T15:30:00+08:00', type: 'payment', from: '6222020000000002', to: 'DEVELOPER-88', amount: '280000', toSector: 'K', toMcc: '6513' }],
  } as const;
}

async function connectAs(platform: TestPlatform, department: Department): Promise<{ socket: Socket; raised: Alert[] }> {
  const token = await platform.login(department, 'analyst');
  const socket = io(platform.baseUrl, { auth: { token }, transports: ['websocket'] });
  const raised: Alert[] = [];
  socket.on('alert:raised', (a: Alert) => raised.push(a));
  await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
  return { socket, raised };
}

async function until<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('The platform end to end on embedded engines', function () {
  this.timeout(120_000);
  let platform: TestPlatform;
  const sockets: Socket[] = [];

  before(async () => { platform = await startPlatform(); });
  after(async () => {
    for (const s of sockets) s.close();
    await platform.close({ keepData: true });
    // rm happens at the end of the last test below, after the CLI has used the directory
  });

  it('raises credit_to_real_estate live on the routed departments only, with a case on the ledger, and verify holds for every record', async () => {
    const nfra = await connectAs(platform, 'NFRA');
    const pboc = await connectAs(platform, 'PBOC');
    const safe = await connectAs(platform, 'SAFE');
    sockets.push(nfra.socket, pboc.socket, safe.socket);

    // The institutions report out of order: the down payment first, the loan last.
    const flow = loanToPropertyFlow('e2e');
    for (const code of ['GOLDEN_GATE_BANK', 'SWIFTPAY', 'JADE_RIVER_BANK'] as const) {
      const { status, body } = await platform.postTransactions(flow[code], platform.apiKeyOf(code));
      assert.equal(status, 200);
      assert.deepEqual(body, { accepted: 1, duplicates: 0, rejected: [] });
    }

    const atNfra = await until(() => nfra.raised.find((a) => a.typology === 'credit_to_real_estate'));
    const atPboc = await until(() => pboc.raised.find((a) => a.id === atNfra.id));
    assert.deepEqual([...atNfra.txIds].sort(), ['e2e-home', 'e2e-hop', 'e2e-loan']);
    assert.deepEqual(atPboc.departments, atNfra.departments);
    assert.ok(atNfra.departments.includes('NFRA') && atNfra.departments.includes('PBOC'));
    assert.ok(atNfra.departments.includes('SAMR'), 'a payment platform carried the funds: SAMR is routed too');
    assert.equal(atNfra.amount, '280000.00');
    assert.ok(atNfra.accounts.every((a) => a.startsWith('p_')), 'accounts are pseudonyms');
    assert.equal(safe.raised.length, 0, 'SAFE was not routed and receives nothing');

    // The case exists on the ledger, opened by a ledger transaction.
    const caseView = await platform.platform.core.ledger.getCase('NFRA', atNfra.caseId);
    assert.ok(caseView);
    assert.equal(caseView.status, 'open');
    assert.deepEqual([...caseView.departments].sort(), [...atNfra.departments].sort());
    assert.match(atNfra.ledger.caseTxId ?? '', /^[0-9a-f]{64}$/);

    // A department that was not routed cannot fetch it.
    const safeToken = await platform.login('SAFE', 'reviewer');
    const denied = await fetch(`${platform.baseUrl}/api/v1/cases/${atNfra.caseId}`, { headers: { authorization: `Bearer ${safeToken}` } });
    assert.equal(denied.status, 404);

    await platform.settle();
  });

  it('suptech verify passes for each stored record and fails for one altered in storage', async () => {
    const dataDir = platform.dataDir;
    await platform.settle();
    await platform.close({ keepData: true });
    const cli = (...args: string[]) => run(process.execPath, ['bin/suptech.js', ...args, '--data-dir', dataDir]).then(
      (r) => ({ code: 0, out: r.stdout }), (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }));
    for (const [institution, txId] of [['JADE_RIVER_BANK', 'e2e-loan'], ['SWIFTPAY', 'e2e-hop'], ['GOLDEN_GATE_BANK', 'e2e-home']] as const) {
      const result = await cli('verify', institution, txId);
      assert.equal(result.code, 0, result.out);
      assert.match(result.out, /VERIFIED/);
    }
    const client = createAnalyticsClient({ path: `${dataDir}/chdb` });
    await client.command({ query: `ALTER TABLE transactions UPDATE amount = 1 WHERE tx_id = 'e2e-hop' SETTINGS mutations_sync = 1` });
    await client.close();
    await drainPending();
    const tampered = await cli('verify', 'SWIFTPAY', 'e2e-hop');
    assert.equal(tampered.code, 1);
    assert.match(tampered.out, /FAIL stored record matches the hash that was anchored/);
    const alerts = await cli('alerts', '--json');
    const list = JSON.parse(alerts.out) as Alert[];
    assert.equal(list.filter((a) => a.typology === 'credit_to_real_estate').length, 1);
    platform = await startPlatform({ dataDir });
  });
});
