import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const RAW_ACCOUNT = '6217000011112222333';
const OTHER_ACCOUNT = 'RAW-ACCT-ZHANG-SAN-0042';

function record(txId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { txId, institution: 'EAST_HARBOR_BANK', ts: '2026-08-03T10:00:00+08:00', type: 'transfer', from: RAW_ACCOUNT, to: OTHER_ACCOUNT, amount: '1200.00', ...fields };
}

/** Every file under a directory, for a byte search. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('POST /api/v1/transactions', function () {
  this.timeout(60_000);
  let platform: TestPlatform;
  let key: string;

  before(async () => {
    platform = await startPlatform();
    key = platform.apiKeyOf('EAST_HARBOR_BANK');
  });
  after(async () => platform.close());

  async function storedTxIds(): Promise<string[]> {
    const rs = await platform.platform.core.client.query({ query: `SELECT tx_id FROM transactions WHERE institution = 'EAST_HARBOR_BANK' ORDER BY tx_id`, format: 'JSONEachRow' });
    return (await rs.json<{ tx_id: string }>()).map((r) => r.tx_id);
  }

  it('keeps the valid records of a batch and names the field and reason of each rejected one', async () => {
    const { status, body } = await platform.postTransactions([
      record('ok-1'), record('bad-amount', { amount: '-3' }), record('ok-2'), record('bad-type', { type: 'gift' }),
    ], key);
    assert.equal(status, 200);
    assert.deepEqual(body, {
      accepted: 2, duplicates: 0,
      rejected: [
        { index: 1, txId: 'bad-amount', reason: 'amount: must be a positive decimal with at most 2 decimals and 16 integer digits' },
        { index: 3, txId: 'bad-type', reason: 'type: must be one of loan_disbursement, repayment, transfer, payment, cash_deposit, cash_withdrawal, cross_border_out, cross_border_in' },
      ],
    });
    assert.deepEqual(await storedTxIds(), ['ok-1', 'ok-2'], 'nothing from a rejected record is stored');
  });

  it('lists every problem of a record, refuses event times more than a day ahead, and answers 422 when nothing of a batch is kept', async () => {
    const tomorrowPlus = new Date(Date.now() + 25 * 3600_000).toISOString();
    const { status, body } = await platform.postTransactions([
      record('many-faults', { amount: '0', type: 'gift', toMcc: 'x' }), record('from-2099', { ts: '2099-01-01T00:00:00Z' }), record('too-early', { ts: tomorrowPlus }),
    ], key);
    assert.equal(status, 422);
    assert.deepEqual(body, {
      accepted: 0, duplicates: 0,
      rejected: [
        { index: 0, txId: 'many-faults', reason: 'type: must be one of loan_disbursement, repayment, transfer, payment, cash_deposit, cash_withdrawal, cross_border_out, cross_border_in; amount: must be greater than 0; toMcc: must be a 4-digit merchant category code' },
        { index: 1, txId: 'from-2099', reason: 'ts: in the future (more than 24 hours ahead of the platform clock)' },
        { index: 2, txId: 'too-early', reason: 'ts: in the future (more than 24 hours ahead of the platform clock)' },
      ],
    });
    const soon = new Date(Date.now() + 23 * 3600_000).toISOString();
    const ahead = await platform.postTransactions([record('within-a-day', { ts: soon })], key);
    assert.deepEqual([ahead.status, ahead.body], [200, { accepted: 1, duplicates: 0, rejected: [] }], 'a clock a few hours ahead is tolerated');
    assert.ok(!(await storedTxIds()).includes('many-faults'));
  });

  it('is idempotent on (institution, txId): a resubmission is a duplicate, stored once', async () => {
    const { body } = await platform.postTransactions([record('ok-1'), record('ok-3'), record('ok-3')], key);
    assert.deepEqual(body, { accepted: 1, duplicates: 2, rejected: [] });
    assert.deepEqual(await storedTxIds(), ['ok-1', 'ok-2', 'ok-3', 'within-a-day']);
  });

  it('refuses a resubmission with different content instead of overwriting', async () => {
    const { body } = await platform.postTransactions([record('ok-1', { amount: '999.00' })], key);
    assert.deepEqual(body, { accepted: 0, duplicates: 0, rejected: [{ index: 0, txId: 'ok-1', reason: 'txId: already received with different content' }] });
  });

  it('accepts NDJSON and reports a line that is not JSON by its index', async () => {
    const ndjson = `${JSON.stringify(record('nd-1'))}\n{not json\n${JSON.stringify(record('nd-2'))}\n`;
    const { status, body } = await platform.postTransactions(ndjson, key, 'application/x-ndjson');
    assert.equal(status, 200);
    assert.deepEqual(body, { accepted: 2, duplicates: 0, rejected: [{ index: 1, txId: null, reason: 'record: line 2 is not valid JSON' }] });
  });

  it('refuses records of another institution than the API key', async () => {
    const { body } = await platform.postTransactions([record('x-1', { institution: 'SWIFTPAY' })], key);
    assert.equal((body as { rejected: { reason: string }[] }).rejected[0]?.reason, "institution: must be the API key's institution (EAST_HARBOR_BANK)");
  });

  it('answers 401 without a valid API key, and a department session is not an API key', async () => {
    assert.equal((await platform.postTransactions([record('k-1')], 'nope')).status, 401);
    const token = await platform.login('PBOC', 'reviewer');
    assert.equal((await platform.postTransactions([record('k-2')], token)).status, 401);
  });

  it('answers 400 naming the body for malformed JSON, never a 5xx', async () => {
    const { status, body } = await platform.postTransactions('[{"txId": ', key);
    assert.equal(status, 400);
    assert.match((body as { message: string }).message, /JSON/i);
  });

  it('stores and logs pseudonyms only: the raw account ids appear nowhere on disk or in the logs', async () => {
    await platform.settle();
    const rs = await platform.platform.core.client.query({ query: `SELECT DISTINCT from_account FROM transactions WHERE tx_id = 'ok-1'`, format: 'JSONEachRow' });
    const [row] = await rs.json<{ from_account: string }>();
    assert.match(row?.from_account ?? '', /^p_[0-9a-f]{32}$/);
    for (const raw of [RAW_ACCOUNT, OTHER_ACCOUNT]) {
      const needle = Buffer.from(raw);
      const leaking = filesUnder(platform.dataDir).filter((f) => !f.endsWith('credentials.json') && readFileSync(f).includes(needle));
      assert.deepEqual(leaking, [], `raw id ${raw} found on disk`);
      assert.ok(!platform.logs.some((line) => line.includes(raw)), `raw id ${raw} found in the logs`);
    }
    assert.ok(platform.logs.length > 0, 'the platform did log');
  });
});
