import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { startPlatform, type TestPlatform } from '../support/platform.js';

interface Operation { responses?: Record<string, unknown>; parameters?: { in: string; name: string }[] }
interface OpenApi { paths: Record<string, Record<string, Operation>> }

/** The OpenAPI document at /docs/json against what the routes answer. */
describe('OpenAPI document', function () {
  this.timeout(120_000);
  let platform: TestPlatform;
  let app: FastifyInstance;
  let spec: OpenApi;

  before(async () => {
    platform = await startPlatform();
    app = platform.platform.app;
    spec = (await app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApi>();
  });
  after(async () => platform.close());

  const operations = (): [string, string, Operation][] => Object.entries(spec.paths)
    .flatMap(([path, ops]) => Object.entries(ops).filter(([method]) => ['get', 'post', 'put', 'delete', 'patch'].includes(method)).map(([method, op]): [string, string, Operation] => [path, method, op]));

  it('declares the error answers every API operation can give', () => {
    const api = operations().filter(([path]) => path.startsWith('/api/'));
    assert.ok(api.length > 20, `${api.length} operations`);
    for (const [path, method, op] of api) {
      for (const status of ['400', '401', '403', '404', '429', '500']) {
        assert.ok(op.responses?.[status] !== undefined, `${method.toUpperCase()} ${path} declares ${status}`);
      }
    }
  });

  it('answers 405 with Allow for a known path with another method, 404 for an unknown path', async () => {
    const put = await app.inject({ method: 'PUT', url: '/api/v1/alerts?status=open' });
    assert.equal(put.statusCode, 405);
    assert.match(String(put.headers.allow), /\bGET\b/);
    assert.equal(put.json<{ error: string }>().error, 'METHOD_NOT_ALLOWED');
    const patch = await app.inject({ method: 'PATCH', url: '/api/v1/cases/C-123/opinions' });
    assert.equal(patch.statusCode, 405);
    assert.equal(patch.headers.allow, 'POST');
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' })).statusCode, 404);
  });

  it("bounds path parameters by their schema (a 400 naming the field), not by the router's length limit", async () => {
    const token = await platform.login('PBOC', 'analyst');
    const response = await app.inject({ method: 'GET', url: `/api/v1/alerts/${'A'.repeat(300)}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json<{ field: string }>().field, 'id');
  });

  it('answers an anonymous request and a malformed one with a status the operation declares', async () => {
    const token = await platform.login('NFRA', 'reviewer');
    for (const [path, method, op] of operations().filter(([p]) => p.startsWith('/api/'))) {
      const url = path.replace(/\{[^}]+\}/g, '%00');
      for (const authorization of [undefined, `Bearer ${token}`]) {
        const response = await app.inject({
          method: method.toUpperCase() as 'GET', url, headers: { ...(authorization ? { authorization } : {}), 'content-type': 'application/json' },
          ...(method === 'get' || method === 'delete' ? {} : { payload: '{"unexpected": 1}' }),
        });
        const declared = op.responses?.[String(response.statusCode)] ?? op.responses?.[`${String(response.statusCode)[0] ?? ''}XX`];
        assert.ok(declared !== undefined, `${method.toUpperCase()} ${url} answered ${response.statusCode}, which it does not declare`);
      }
    }
  });
});
