import assert from 'node:assert/strict';
import type { Alert } from '../../core/src/domain/alert.js';
import type { Department, Role } from '../../core/src/domain/departments.js';
import type { ListEntry } from '../../alerts/src/rules/index.js';
import type { ListEntryRecord } from '../../core/src/ledger/contract-model.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

/** Credit funds reaching real estate through `borrower` (routed to NFRA and PBOC). */
const creditToRealEstate = (tag: string, borrower: string): unknown[] => [
  { txId: `${tag}-loan`, institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00Z', type: 'loan_disbursement', from: `LP-${tag}`, to: borrower, amount: 500000, loanPurpose: 'business' },
  { txId: `${tag}-home`, institution: 'JADE_RIVER_BANK', ts: '2026-07-03T09:00:00Z', type: 'payment', from: borrower, to: `DEV-${tag}`, amount: 450000, toSector: 'K' },
];

describe('Negative and allow lists: scoped to the owner department, maker-checker on the ledger', function () {
  this.timeout(120_000);
  let platform: TestPlatform;
  const tokens = new Map<string, string>();

  before(async () => {
    platform = await startPlatform();
    for (const department of ['NFRA', 'PBOC', 'SAMR', 'CAC'] as const) {
      for (const role of ['reviewer', 'analyst'] as const) tokens.set(`${department}/${role}`, await platform.login(department, role));
    }
  });
  after(async () => platform.close());

  const call = async (who: `${Department}/${Role}`, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const headers: Record<string, string> = { authorization: `Bearer ${tokens.get(who) ?? ''}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${platform.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const entryOf = (json: Record<string, unknown>): ListEntry & { ledger: ListEntryRecord } => json.entry as ListEntry & { ledger: ListEntryRecord };

  it("refuses a department's entry for a typology that is not routed to it, naming the typology", async () => {
    const cac = await call('CAC/reviewer', 'POST', '/api/v1/lists', { list: 'allow', kind: 'account', value: 'SCOPE-X', typology: 'credit_to_real_estate' });
    assert.equal(cac.status, 403);
    assert.match(String(cac.json.message), /credit_to_real_estate is not routed to CAC/);
    const everything = await call('CAC/reviewer', 'POST', '/api/v1/lists', { list: 'allow', kind: 'account', value: 'SCOPE-X' });
    assert.equal(everything.status, 403);
    assert.equal((await call('NFRA/analyst', 'POST', '/api/v1/lists', { list: 'negative', kind: 'account', value: 'SCOPE-X' })).status, 403);
  });

  it("an allow-list entry stays a proposal, silencing nothing, until every other department it concerns approves it", async () => {
    const proposed = await call('NFRA/reviewer', 'POST', '/api/v1/lists', { list: 'allow', kind: 'account', value: 'SCOPE-PENDING', typology: 'credit_to_real_estate', reason: 'known developer escrow' });
    assert.equal(proposed.status, 201);
    const entry = entryOf(proposed.json);
    assert.equal(entry.state, 'proposed');
    assert.equal(entry.department, 'NFRA');
    assert.deepEqual(entry.typologies, ['credit_to_real_estate']);
    assert.deepEqual(entry.ledger.requiredApprovals, ['PBOC', 'SAMR']);
    assert.equal(entry.ledger.proposed.by, platform.user('NFRA', 'reviewer').username);
    assert.match(entry.value, /^p_[0-9a-f]{32}$/, 'the raw account id is pseudonymized before it is listed');

    const { status } = await platform.postTransactions(creditToRealEstate('pending', 'SCOPE-PENDING'), platform.apiKeyOf('JADE_RIVER_BANK'));
    assert.equal(status, 200);
    await platform.settle();
    const alerts = platform.platform.core.alerts.all().filter((a: Alert) => a.accounts.includes(entry.value));
    assert.equal(alerts.length, 1, 'a proposal has no effect on detection');
  });

  it('approvals are recorded on the ledger by department and user; the entry takes effect with the last one', async () => {
    const proposed = entryOf((await call('NFRA/reviewer', 'POST', '/api/v1/lists', { list: 'allow', kind: 'account', value: 'SCOPE-OK', typology: 'credit_to_real_estate' })).json);
    const waiting = await call('PBOC/reviewer', 'GET', '/api/v1/lists?awaiting=mine');
    assert.ok((waiting.json.entries as ListEntry[]).some((e) => e.entryId === proposed.entryId));
    assert.equal((await call('CAC/reviewer', 'POST', `/api/v1/lists/${proposed.entryId}/approval`)).status, 403, 'CAC is not concerned');
    assert.equal((await call('PBOC/analyst', 'POST', `/api/v1/lists/${proposed.entryId}/approval`)).status, 403, 'approving is a reviewer decision');
    const afterPboc = entryOf((await call('PBOC/reviewer', 'POST', `/api/v1/lists/${proposed.entryId}/approval`)).json);
    assert.equal(afterPboc.state, 'proposed');
    const afterSamr = entryOf((await call('SAMR/reviewer', 'POST', `/api/v1/lists/${proposed.entryId}/approval`)).json);
    assert.equal(afterSamr.state, 'active');
    assert.deepEqual(afterSamr.ledger.approvals.map((a) => [a.department, a.by]), [['PBOC', 'pboc.reviewer'], ['SAMR', 'samr.reviewer']]);

    const onLedger = await platform.platform.core.ledger.getListEntry('CAC', proposed.entryId);
    assert.equal(onLedger?.state, 'active', 'every department reads the same record on the ledger');
    assert.equal(onLedger.owner, 'NFRA');

    await platform.postTransactions(creditToRealEstate('approved', 'SCOPE-OK'), platform.apiKeyOf('JADE_RIVER_BANK'));
    await platform.settle();
    assert.equal(platform.platform.core.alerts.all().filter((a) => a.accounts.includes(proposed.value)).length, 0);
  });

  it('a department that approved can withdraw its consent; a department not concerned cannot touch the entry', async () => {
    const entry = entryOf((await call('NFRA/reviewer', 'POST', '/api/v1/lists', { list: 'allow', kind: 'account', value: 'SCOPE-BACK', typology: 'fan_out' })).json);
    assert.equal((await call('CAC/reviewer', 'DELETE', `/api/v1/lists/${entry.entryId}`)).status, 403);
    const withdrawn = await call('PBOC/reviewer', 'DELETE', `/api/v1/lists/${entry.entryId}`);
    assert.equal(withdrawn.status, 200);
    assert.equal((withdrawn.json.entry as ListEntryRecord).withdrawn?.department, 'PBOC');
    const listed = (await call('NFRA/analyst', 'GET', '/api/v1/lists')).json.entries as ListEntry[];
    assert.ok(!listed.some((e) => e.entryId === entry.entryId));
  });

  it("two departments' entries for one account are separate: one's withdrawal leaves the other", async () => {
    const nfra = await call('NFRA/reviewer', 'POST', '/api/v1/lists', { list: 'negative', kind: 'account', value: 'SCOPE-BOTH' });
    const pboc = await call('PBOC/reviewer', 'POST', '/api/v1/lists', { list: 'negative', kind: 'account', value: 'SCOPE-BOTH' });
    assert.equal(entryOf(nfra.json).state, 'active', 'a negative-list entry raises severity within the owner\'s remit only and needs no approval');
    assert.ok(!entryOf(nfra.json).typologies.includes('cross_border_split'), "NFRA's remit does not include SAFE's cross-border typology");
    assert.equal((await call('NFRA/reviewer', 'DELETE', '/api/v1/lists', { list: 'negative', kind: 'account', value: 'SCOPE-BOTH' })).status, 200);
    const listed = (await call('CAC/analyst', 'GET', '/api/v1/lists')).json.entries as ListEntry[];
    assert.deepEqual(listed.filter((e) => e.value === entryOf(pboc.json).value).map((e) => e.department), ['PBOC']);
  });

  it('answers 400 naming the field for malformed entries and ids, 404 for an unknown id', async () => {
    const bad = await call('NFRA/reviewer', 'POST', '/api/v1/lists', { list: 'allow', kind: 'jurisdiction', value: 'KP' });
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.message), /^kind: /);
    assert.equal((await call('NFRA/reviewer', 'POST', '/api/v1/lists/not-an-id/approval')).status, 400);
    assert.equal((await call('NFRA/reviewer', 'POST', `/api/v1/lists/L-${'0'.repeat(32)}/approval`)).status, 404);
  });
});
