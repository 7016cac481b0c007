import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { startPlatform, type TestPlatform } from '../support/platform.js';

/**
 * Injection attempts in every string field of a record and every parameter the API declares:
 * SQL (ClickHouse values are bound, never interpolated), query-parameter placeholders, path
 * traversal, markup, control characters, Unicode. None may cause a 5xx, change any table, or be
 * stored other than verbatim.
 */
const PAYLOADS = [
  "' OR '1'='1", "'); DROP TABLE transactions; --", '{txId:String}', '{{institution}}', '$1', '\\', '"', '`',
  '../../etc/passwd', '%2e%2e%2f', '<script>alert(1)</script>', '${7*7}', '\u0000', '\r\nX-Injected: 1', '\u202e', '账户', 'a'.repeat(300),
];
const RECORD_STRING_FIELDS = ['txId', 'institution', 'ts', 'type', 'from', 'to', 'currency', 'loanPurpose', 'fromSector', 'toSector', 'toMcc', 'toCountry'] as const;

interface OpenApi { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> }

describe('Injection: every string field and every declared parameter', function () {
  this.timeout(300_000);
  let platform: TestPlatform;
  let app: FastifyInstance;
  let key: string;
  let token: string;
  const tableCount = async (): Promise<number> => {
    const [row] = await (await platform.platform.core.client.query({ query: 'SELECT count() AS n FROM system.tables WHERE database = currentDatabase()', format: 'JSONEachRow' })).json<{ n: string | number }>();
    return Number(row?.n);
  };
  const storedCount = async (): Promise<number> => {
    const [row] = await (await platform.platform.core.client.query({ query: 'SELECT count() AS n FROM transactions', format: 'JSONEachRow' })).json<{ n: string | number }>();
    return Number(row?.n);
  };

  before(async () => {
    platform = await startPlatform({ env: { SUPTECH_INGEST_REQUESTS_PER_KEY_PER_MINUTE: '0' } });
    app = platform.platform.app;
    key = platform.apiKeyOf('JADE_RIVER_BANK');
    token = await platform.login('PBOC', 'reviewer');
  });
  after(async () => platform.close());

  it('in each string field of a record: refused with the field named, or stored verbatim, never a 5xx', async () => {
    const tables = await tableCount();
    let accepted = 0;
    for (const field of RECORD_STRING_FIELDS) {
      for (const [i, payload] of PAYLOADS.entries()) {
        const txId = field === 'txId' ? payload : `inj-${field}-${i}`;
        const record = { txId, institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00Z', type: 'payment', from: 'INJ-A', to: 'INJ-B', amount: 10, [field]: payload };
        const response = await app.inject({ method: 'POST', url: '/api/v1/transactions', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify([record]) });
        assert.ok(response.statusCode < 500, `${field}=${JSON.stringify(payload)} → ${response.statusCode}`);
        const answer = response.json<{ accepted?: number; rejected?: { reason: string }[] }>();
        if (answer.accepted === 1) {
          accepted++;
          const rows = await (await platform.platform.core.client.query({
            query: 'SELECT tx_id, from_account, to_account FROM transactions WHERE institution = {i:String} AND tx_id = {t:String}',
            query_params: { i: 'JADE_RIVER_BANK', t: txId }, format: 'JSONEachRow',
          })).json<{ tx_id: string; from_account: string; to_account: string }>();
          assert.equal(rows.length, 1, `${field}=${JSON.stringify(payload)} stored once`);
          assert.equal(rows[0]?.tx_id, txId, 'stored verbatim');
          if (field === 'from' || field === 'to') assert.ok(!Object.values(rows[0] ?? {}).includes(payload), 'an account id is stored only pseudonymized');
        } else {
          assert.ok(answer.rejected?.some((r) => r.reason.length > 0), `${field}: a rejection says why`);
        }
      }
    }
    assert.ok(accepted > 0, 'some payloads are valid values and were stored');
    assert.equal(await storedCount(), accepted, 'no statement changed the table');
    assert.equal(await tableCount(), tables, 'no table was dropped or created');
  });

  it('in each parameter of each route in the OpenAPI document: never a 5xx, no table changed', async () => {
    const tables = await tableCount();
    const before = await storedCount();
    const spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApi>();
    let tried = 0;
    for (const [path, operations] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!['get', 'post', 'delete'].includes(method)) continue;
        const parameters = (operation.parameters ?? []).filter((p) => p.in === 'query' || p.in === 'path');
        for (const parameter of parameters) {
          for (const payload of PAYLOADS) {
            let url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(name === parameter.name ? payload : 'x'));
            if (parameter.in === 'query') url += `?${new URLSearchParams({ [parameter.name]: payload }).toString()}`;
            const response = await app.inject({
              method: method.toUpperCase() as 'GET', url, headers: { authorization: `Bearer ${method === 'post' && path === '/api/v1/transactions' ? key : token}` },
            });
            tried++;
            assert.ok(response.statusCode < 500, `${method.toUpperCase()} ${url} → ${response.statusCode} ${response.body.slice(0, 200)}`);
            assert.ok(!('x-injected' in response.headers), 'no header injection');
          }
        }
      }
    }
    assert.ok(tried > 100, `${tried} requests`);
    assert.equal(await tableCount(), tables);
    assert.equal(await storedCount(), before);
  });
});
