/**
 * `cookie@2` and `content-disposition@3` declare Node >= 22, yet the Fastify 5 line pulls them
 * in (light-my-request, @fastify/static) and no version of those accepts the older majors.
 * Rather than pin versions whose APIs differ, this runs the exact code paths that use them on
 * the Node this platform supports (20): `inject()` with cookies (light-my-request encodes them
 * with cookie's `stringifySetCookie`) and `reply.download()` (content-disposition's `create`).
 * The platform's own routes use neither: it reads its session cookie itself and writes its
 * report's Content-Disposition by hand.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';

describe('dependencies that declare Node >= 22, on this Node', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'suptech-node20-'));
    await writeFile(join(dir, 'report.pdf'), '%PDF-1.7 test');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it(`runs light-my-request's cookie encoding and @fastify/static's Content-Disposition on Node ${process.versions.node}`, async () => {
    const app = Fastify();
    await app.register(fastifyStatic, { root: dir, serve: false });
    app.get('/download', (request, reply) => reply.header('x-seen-cookie', request.headers.cookie ?? '').download('report.pdf', '季度报告 2026Q3.pdf'));
    try {
      const response = await app.inject({ method: 'GET', url: '/download', cookies: { suptech_session: 'a b;c' } });
      assert.equal(response.statusCode, 200);
      assert.equal(response.body, '%PDF-1.7 test');
      assert.equal(response.headers['x-seen-cookie'], 'suptech_session=a%20b%3Bc');
      assert.equal(response.headers['content-disposition'],
        `attachment; filename="???? 2026Q3.pdf"; filename*=UTF-8''%E5%AD%A3%E5%BA%A6%E6%8A%A5%E5%91%8A%202026Q3.pdf`);
    } finally {
      await app.close();
    }
  });
});
