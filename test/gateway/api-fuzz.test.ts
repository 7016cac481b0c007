import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { startPlatform, type TestPlatform } from '../support/platform.js';

/**
 * Property-based fuzzing of the real app (`app.inject()` on the running platform, real chDB
 * and ledger): whatever is sent, the answer is never a 5xx, the process keeps serving, and
 * nothing of a rejected record is stored. Over 10,000 generated inputs in all: records in
 * ingestion batches, and bodies, parameters and query strings of the user routes.
 */

const TYPES = ['loan_disbursement', 'repayment', 'transfer', 'payment', 'cash_deposit', 'cash_withdrawal', 'cross_border_out', 'cross_border_in'];

/** Anything JSON can say, biased towards the near-misses that reach deeper into validation. */
const junk = fc.oneof(
  fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom('', ' ', '\u0000', 'NaN', '1e309', '-1', '0.001', '12.345', '2026-13-40T25:61:00Z', '../../etc/passwd', "' OR 1=1 --", '{x:String}'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const ts = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2026-11-30T00:00:00Z') }).map((ms) => new Date(ms).toISOString());

/** A valid record of a random type (the fields its type needs, and optional ones). */
const validRecord = fc.record({
  type: fc.constantFrom(...TYPES), ts, from: fc.stringMatching(/^[A-Z0-9-]{1,20}$/), to: fc.stringMatching(/^[A-Z0-9-]{1,20}$/),
  amount: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom('100.50', '0.01')),
  toSector: fc.option(fc.constantFrom('K', 'J67')), toMcc: fc.option(fc.constantFrom('6513', '6211')),
}).map(({ type, toSector, toMcc, ...r }) => ({
  institution: 'JADE_RIVER_BANK', type, ...r,
  ...(type === 'cash_deposit' || type === 'cash_withdrawal' ? { to: r.from } : {}),
  ...(type === 'loan_disbursement' ? { loanPurpose: 'business' } : {}),
  ...(type.startsWith('cross_border') ? { toCountry: 'HK' } : {}),
  ...(toSector === null ? {} : { toSector }), ...(toMcc === null ? {} : { toMcc }),
}));

const FIELDS = ['institution', 'ts', 'type', 'from', 'to', 'amount', 'currency', 'loanPurpose', 'toSector', 'toMcc', 'toCountry', 'extra'];

/** A valid record, or one with up to three fields replaced by junk, removed or added. */
const record = fc.tuple(validRecord, fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.option(junk)), { maxLength: 3 }), fc.boolean())
  .map(([valid, mutations, keep]) => {
    if (keep) return valid as Record<string, unknown>;
    // A mutation replaces a field by junk, or (junk null) removes it.
    const removed = new Set(mutations.filter(([, value]) => value === null).map(([field]) => field));
    const replaced = Object.fromEntries(mutations.filter(([, value]) => value !== null));
    return Object.fromEntries(Object.entries({ ...valid, ...replaced }).filter(([field]) => !removed.has(field)));
  });

interface Answer { accepted?: number; duplicates?: number; rejected?: { index: number; txId?: unknown; reason: string }[] }

describe('Fuzzing the API (fast-check against the real app)', function () {
  this.timeout(600_000);
  let platform: TestPlatform;
  let app: FastifyInstance;
  let key: string;
  let reviewer: string;
  let generated = 0;
  let acceptedTotal = 0;
  const rejectedTxIds = new Set<string>();

  before(async () => {
    platform = await startPlatform({ env: { SUPTECH_INGEST_REQUESTS_PER_KEY_PER_MINUTE: '0' } });
    app = platform.platform.app;
    key = platform.apiKeyOf('JADE_RIVER_BANK');
    reviewer = await platform.login('NFRA', 'reviewer');
  });
  after(async () => {
    assert.ok(generated >= 10_000, `${generated} generated inputs`);
    await platform.close();
  });

  it('ingestion: never a 5xx; accepted records stored, rejected ones not', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof({ weight: 19, arbitrary: record }, { weight: 1, arbitrary: junk }), { minLength: 10, maxLength: 40 }), async (items) => {
      // Unique txIds (or the generated junk in their place), so that every stored row names its request.
      const body = items.map((item, i) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? { txId: `fz-${n}-${i}`, ...item } : item));
      n++;
      generated += body.length;
      const response = await app.inject({ method: 'POST', url: '/api/v1/transactions', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      assert.ok(response.statusCode < 500, `${response.statusCode} ${response.body}`);
      const answer = response.json<Answer>();
      if (response.statusCode === 200 || response.statusCode === 422) {
        acceptedTotal += answer.accepted ?? 0;
        for (const r of answer.rejected ?? []) if (typeof r.txId === 'string') rejectedTxIds.add(r.txId);
      }
    }), { numRuns: 300, seed: 14 });
    const [row] = await (await platform.platform.core.client.query({ query: `SELECT count() AS n FROM transactions WHERE startsWith(tx_id, 'fz-')`, format: 'JSONEachRow' })).json<{ n: number | string }>();
    assert.equal(Number(row?.n), acceptedTotal, 'every accepted record is stored, and only those');
    assert.ok(acceptedTotal > 0 && rejectedTxIds.size > 0, 'the generator reaches both sides');
    const stored = await (await platform.platform.core.client.query({
      query: 'SELECT count() AS n FROM transactions WHERE has({ids:Array(String)}, tx_id)', query_params: { ids: [...rejectedTxIds] }, format: 'JSONEachRow',
    })).json<{ n: number | string }>();
    assert.equal(Number(stored[0]?.n), 0, 'nothing of a rejected record is stored');
  });

  it('NDJSON and raw bodies of any shape: never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }).map((v) => v.map((x) => JSON.stringify(x)).join('\n'))), fc.constantFrom('application/x-ndjson', 'application/json', 'text/plain'), async (payload, contentType) => {
      generated++;
      const response = await app.inject({ method: 'POST', url: '/api/v1/transactions', headers: { authorization: `Bearer ${key}`, 'content-type': contentType }, payload });
      assert.ok(response.statusCode < 500, `${response.statusCode} ${response.body}`);
    }), { numRuns: 2000, seed: 15 });
  });

  it('user routes: any body, path parameter and query string gets a 4xx or 2xx, never a 5xx', async () => {
    const routes = fc.constantFrom(
      ['POST', '/api/v1/lists'], ['DELETE', '/api/v1/lists'], ['POST', '/api/v1/cases/{x}/opinions'], ['POST', '/api/v1/cases/{x}/departments'],
      ['GET', '/api/v1/alerts?{q}'], ['GET', '/api/v1/alerts/{x}'], ['GET', '/api/v1/cases/{x}'], ['GET', '/api/v1/transactions/{x}/{x}/proof'],
      ['GET', '/api/v1/reports/{x}'], ['POST', '/api/v1/lists/{x}/approval'], ['GET', '/api/v1/lists?{q}'], ['GET', '/api/v1/queue?{q}'],
      ['POST', '/api/v1/session'], ['GET', '/api/v1/indicators?{q}'],
    );
    const segment = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('C-0', 'A-0', '2026Q3', 'JADE_RIVER_BANK', `L-${'0'.repeat(32)}`, '..', '%00', "'")).map(encodeURIComponent);
    const query = fc.dictionary(fc.constantFrom('typology', 'status', 'from', 'to', 'quarter', 'awaiting', 'q', 'limit', 'x'), fc.string({ maxLength: 20 }), { maxKeys: 4 })
      .map((d) => new URLSearchParams(d).toString());
    await fc.assert(fc.asyncProperty(routes, segment, query, fc.option(fc.jsonValue({ maxDepth: 3 })), async ([method, template], x, q, body) => {
      generated++;
      const url = template.replaceAll('{x}', x).replace('{q}', q);
      const response = await app.inject({
        method: method as 'GET' | 'POST' | 'DELETE', url,
        headers: { authorization: `Bearer ${reviewer}`, ...(body === null ? {} : { 'content-type': 'application/json' }) },
        ...(body === null ? {} : { payload: JSON.stringify(body) }),
      });
      assert.ok(response.statusCode < 500, `${method} ${url} → ${response.statusCode} ${response.body}`);
    }), { numRuns: 3000, seed: 16 });
  });

  it('the platform still serves after all of it', async () => {
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(health.statusCode, 200);
  });
});
