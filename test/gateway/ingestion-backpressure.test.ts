import assert from 'node:assert/strict';
import http from 'node:http';
import { startPlatform, type TestPlatform } from '../support/platform.js';
import { ConfigError, loadConfig } from '../../gateway/src/config.js';
import { AdmissionController } from '../../gateway/src/http/admission-control.js';
import { readNdjsonBody, type StreamLimits } from '../../gateway/src/http/ndjson-body.js';
import { Readable } from 'node:stream';

/**
 * Backpressure and bounds of POST /api/v1/transactions on the real platform, with bounds made
 * small through the environment: the API key and the declared size are checked before the
 * body is read, the work in flight is bounded (429 with Retry-After), a request's records are
 * capped (413) and an answer lists a bounded number of rejections with the total.
 */
const LIMITS = {
  SUPTECH_INGEST_MAX_BODY_BYTES: String(1024 * 1024),
  SUPTECH_INGEST_MAX_RECORDS: '1000',
  SUPTECH_INGEST_INFLIGHT_BYTES: String(256 * 1024),
  SUPTECH_INGEST_INFLIGHT_RECORDS: '5000',
  SUPTECH_INGEST_MAX_REJECTIONS_LISTED: '10',
  SUPTECH_INGEST_RETRY_AFTER_SECONDS: '2',
};

function record(txId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { txId, institution: 'EAST_HARBOR_BANK', ts: '2026-08-03T10:00:00+08:00', type: 'transfer', from: 'ACC-1', to: 'ACC-2', amount: '10.00', ...fields };
}

function ndjson(records: readonly unknown[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n');
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/**
 * A POST whose body is sent only when and as the test says, so that a request can be held
 * in flight, or shown to be answered before its body was sent.
 */
function upload(baseUrl: string, headers: Record<string, string | number>): {
  answer: Promise<Answer>; write(chunk: string): void; end(chunk?: string): void; destroy(): void; sent(): number;
} {
  const url = new URL('/api/v1/transactions', baseUrl);
  let sent = 0;
  const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent: false });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try { body = JSON.parse(text); } catch { /* not JSON: kept as text */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
      res.on('error', reject);
    });
    // Once the server answered early and closed, the rest of the upload fails: that is expected.
    req.on('error', reject);
  });
  answer.catch(() => undefined);
  req.flushHeaders();
  return {
    answer,
    write(chunk) { sent += Buffer.byteLength(chunk); req.write(chunk); },
    end(chunk) { if (chunk !== undefined) sent += Buffer.byteLength(chunk); req.end(chunk); },
    destroy() { req.destroy(); },
    sent: () => sent,
  };
}

async function post(baseUrl: string, body: string, headers: Record<string, string | number>): Promise<Answer> {
  const u = upload(baseUrl, { 'content-length': Buffer.byteLength(body), ...headers });
  u.end(body);
  return u.answer;
}

async function health(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/v1/health`);
  await response.arrayBuffer();
  return response.status;
}

describe('ingestion bounds configuration', () => {
  it('has defaults, and a bad value stops startup naming the variable', () => {
    const { workers, ...limits } = loadConfig({}).ingestLimits;
    assert.ok(workers >= 1, 'at least one preparation worker by default');
    assert.deepEqual(limits, {
      keyFilterLog2Bits: 27, maxBodyBytes: 64 * 1024 * 1024, maxRecordsPerRequest: 100_000, maxBytesInFlight: 64 * 1024 * 1024,
      maxRecordsInFlight: 200_000, maxRejectionsListed: 1000, retryAfterSeconds: 1,
    });
    assert.throws(() => loadConfig({ SUPTECH_INGEST_MAX_RECORDS: '0' }), (e: Error) => e instanceof ConfigError && /^SUPTECH_INGEST_MAX_RECORDS=0: must be an integer/.test(e.message));
    assert.throws(() => loadConfig({ SUPTECH_INGEST_INFLIGHT_BYTES: 'lots' }), /SUPTECH_INGEST_INFLIGHT_BYTES=lots: must be an integer/);
    assert.throws(() => loadConfig({ SUPTECH_INGEST_RETRY_AFTER_SECONDS: '1.5' }), /SUPTECH_INGEST_RETRY_AFTER_SECONDS=1.5/);
  });
});

describe('AdmissionController', () => {
  it('admits one request alone whatever its size, bounds bytes and records beside it, and releases once nothing holds a share', () => {
    const control = new AdmissionController({ maxBytesInFlight: 100, maxRecordsInFlight: 10 });
    const big = control.admit(500);
    assert.ok(big, 'alone, always admitted');
    assert.equal(control.admit(1), undefined, 'no byte left beside it');
    big.settleBytes(60);
    const small = control.admit(40);
    assert.ok(small);
    assert.ok(big.claimRecords(8));
    assert.equal(small.claimRecords(3), false, 'the records bound, while others hold records');
    assert.ok(small.claimRecords(2));
    assert.equal(control.admit(0), undefined, 'records at the bound: nothing more is admitted');
    big.retain(); // its ingestion runs on after its connection closed
    big.release();
    assert.deepEqual(control.load, { requests: 2, bytes: 100, records: 10 });
    big.release();
    big.release(); // a holder that releases twice changes nothing more
    small.release();
    assert.deepEqual(control.load, { requests: 0, bytes: 0, records: 0 });
  });
});

describe('readNdjsonBody', () => {
  const limits = (overrides: Partial<StreamLimits> = {}): StreamLimits => ({
    maxRecords: 100, tooMany: () => new Error('too many'), maxBytes: 1000, tooLarge: () => new Error('too large'), ...overrides,
  });

  it('cuts whole lines into chunks, with characters split across reads kept whole, counting lines as they arrive', async () => {
    const text = Buffer.from('{"a":"é"}\n\n  \n{"b":1}\r\n{cut\ngarbage\n[1]');
    const reads = [text.subarray(0, 7), text.subarray(7, 8), text.subarray(8, 20), text.subarray(20)]; // "é" is split
    const admitted: number[] = [];
    const body = await readNdjsonBody(Readable.from(reads), limits({ admit: (n) => admitted.push(n), chunkLines: 3 }));
    assert.equal(body.format, 'ndjson');
    assert.equal(body.lines, 7);
    assert.equal(body.chunks.map((c) => c.text).join(''), text.toString('utf8'));
    assert.deepEqual(body.chunks.map((c) => [c.linesBefore, c.lines]), [[0, 3], [3, 3], [6, 1]]);
    assert.ok(body.chunks.slice(0, -1).every((c) => c.text.endsWith('\n')), 'chunks end on a newline');
    assert.equal(admitted.reduce((a, b) => a + b, 0), 7);
  });

  it('stops at the records cap or the byte limit without reading on', async () => {
    let pulled = 0;
    const lines = function* (): Generator<string> { for (;;) { pulled++; yield '{}\n'; } };
    const endless = Readable.from(lines());
    await assert.rejects(readNdjsonBody(endless, limits({ maxBytes: 1e9 })), /too many/);
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(pulled < 200, `read ${pulled} chunks`);
    endless.destroy();
    const endless2 = Readable.from(lines());
    await assert.rejects(readNdjsonBody(endless2, limits({ maxRecords: 1e9 })), /too large/);
    endless2.destroy();
  });
});

describe('POST /api/v1/transactions: backpressure and bounds', function () {
  this.timeout(120_000);
  let platform: TestPlatform;
  let key: string;
  let json: Record<string, string>;
  let nd: Record<string, string>;

  before(async () => {
    platform = await startPlatform({ env: LIMITS });
    key = platform.apiKeyOf('EAST_HARBOR_BANK');
    json = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    nd = { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}` };
  });
  after(async () => platform.close());

  async function stored(prefix: string): Promise<number> {
    const rs = await platform.platform.core.client.query({
      query: 'SELECT count() AS n FROM transactions WHERE startsWith(tx_id, {prefix:String})', query_params: { prefix }, format: 'JSONEachRow',
    });
    return Number((await rs.json<{ n: string }>())[0]?.n ?? 0);
  }

  it('answers 401 to a wrong API key before the body is read, and stores nothing of it', async () => {
    const body = ndjson([record('auth-1')]);
    const u = upload(platform.baseUrl, { 'content-type': 'application/x-ndjson', authorization: 'Bearer not-a-key', 'content-length': 512 * 1024 });
    u.write(body); // a fraction of the declared length; the rest is never sent
    const answer = await u.answer;
    assert.equal(answer.status, 401);
    assert.equal((answer.body as { error: string }).error, 'UNAUTHENTICATED');
    assert.ok(u.sent() < 512 * 1024, 'answered before the body was complete');
    u.destroy();
    assert.equal(await stored('auth-'), 0);
  });

  it('answers 413 over the records cap, naming the field and the limit, and stores nothing of it', async () => {
    const records = Array.from({ length: 1001 }, (_, i) => record(`cap-${i}`));
    for (const [body, headers] of [[JSON.stringify(records), json], [ndjson(records), nd]] as const) {
      const answer = await post(platform.baseUrl, body, headers);
      assert.equal(answer.status, 413);
      const error = answer.body as { error: string; field: string; message: string };
      assert.equal(error.field, 'records');
      assert.match(error.message, /^records: more than the limit of 1000 records per request/);
    }
    const exactly = await post(platform.baseUrl, JSON.stringify(records.slice(0, 1000)), json);
    assert.equal(exactly.status, 200, 'the limit itself is allowed');
    assert.equal((exactly.body as { accepted: number }).accepted, 1000);
    assert.equal(await stored('cap-1000'), 0, 'the 1001st record of the refused requests was not stored');
  });

  it('answers a body of 500,000 garbage lines with a small 413 at once', async () => {
    const answer = await post(platform.baseUrl, 'x\n'.repeat(500_000), nd);
    assert.equal(answer.status, 413);
    assert.equal((answer.body as { field: string }).field, 'records');
    assert.ok(JSON.stringify(answer.body).length < 500);
  });

  it('answers 413 to a body over the body limit before reading it, with the limit in the message', async () => {
    const u = upload(platform.baseUrl, { ...nd, 'content-length': 2 * 1024 * 1024 });
    u.write(ndjson([record('big-1')]));
    const answer = await u.answer;
    u.destroy();
    assert.equal(answer.status, 413);
    assert.deepEqual(answer.body, {
      error: 'PAYLOAD_TOO_LARGE', field: 'body',
      message: 'body: larger than the limit of 1 MiB (1048576 bytes) per request; split it into several requests',
    });
    // A chunked body that turns out too large is refused as well, with the same message.
    const chunked = upload(platform.baseUrl, { ...nd, 'transfer-encoding': 'chunked' });
    const line = `${JSON.stringify(record('big-2', { note: 'x'.repeat(1000) }))}\n`;
    for (let sent = 0; sent <= 1024 * 1024; sent += line.length) chunked.write(line);
    chunked.end();
    const chunkedAnswer = await chunked.answer.catch(() => undefined);
    if (chunkedAnswer) assert.equal((chunkedAnswer.body as { field: string }).field, 'body');
    assert.equal(await stored('big-'), 0);
  });

  it('answers 429 with Retry-After before reading the body while the work in flight is at its bound, and admits again once it is released', async () => {
    const held = upload(platform.baseUrl, { ...nd, 'content-length': 200 * 1024 });
    held.write(`${JSON.stringify(record('held-1'))}\n`);
    await new Promise((r) => setTimeout(r, 200)); // the held request is admitted, its body still coming

    const sat = upload(platform.baseUrl, { ...nd, 'content-length': 100 * 1024 });
    sat.write(`${JSON.stringify(record('sat-1'))}\n`);
    const refused = await sat.answer;
    sat.destroy();
    assert.equal(refused.status, 429);
    assert.equal(refused.headers['retry-after'], '2');
    assert.equal((refused.body as { error: string }).error, 'SATURATED');

    // A body without a length counts as the largest body: refused too while one is in flight.
    const chunked = upload(platform.baseUrl, { ...nd, 'transfer-encoding': 'chunked' });
    chunked.write(`${JSON.stringify(record('sat-2'))}\n`);
    assert.equal((await chunked.answer).status, 429);
    chunked.destroy();

    // A small request still fits beside the held one.
    const small = ndjson([record('fits-1')]);
    assert.equal((await post(platform.baseUrl, small, nd)).status, 200);

    held.destroy(); // the client gives up: its share is released
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      const body = ndjson([record('after-1')]).padEnd(100 * 1024, ' ');
      status = (await post(platform.baseUrl, body, nd)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 200, 'admitted again once the held request was released');
    assert.equal(await stored('sat-'), 0, 'nothing of a refused request is stored');
    assert.equal(await stored('held-'), 0, 'nothing of an abandoned request is stored');
  });

  it('lists at most N rejections in request order and gives the total', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 600; i++) {
      if (i % 3 === 0) lines.push(JSON.stringify(record(`rej-ok-${i}`)));
      else if (i % 3 === 1) lines.push(i % 2 === 0 ? '{"txId": "cut' : 'garbage');
      else lines.push(JSON.stringify(record(`rej-bad-${i}`, { amount: '-1' })));
    }
    const answer = await post(platform.baseUrl, lines.join('\n'), nd);
    assert.equal(answer.status, 200);
    const body = answer.body as { accepted: number; duplicates: number; rejected: { index: number; txId: string | null; reason: string }[]; rejectedCount: number; rejectedTruncated: boolean };
    assert.equal(body.accepted, 200);
    assert.equal(body.rejectedCount, 400);
    assert.equal(body.rejectedTruncated, true);
    assert.equal(body.rejected.length, 10);
    assert.deepEqual(body.rejected.slice(0, 4), [
      { index: 1, txId: null, reason: 'record: line 2 is not valid JSON' },
      { index: 2, txId: 'rej-bad-2', reason: 'amount: must be a positive decimal with at most 2 decimals and 16 integer digits' },
      { index: 4, txId: null, reason: 'record: line 5 is not valid JSON' },
      { index: 5, txId: 'rej-bad-5', reason: 'amount: must be a positive decimal with at most 2 decimals and 16 integer digits' },
    ]);
    assert.deepEqual(body.rejected.map((r) => r.index), [1, 2, 4, 5, 7, 8, 10, 11, 13, 14]);
    assert.equal(await stored('rej-bad-'), 0);
    assert.equal(await stored('rej-ok-'), 200);

    // Within the bound, the answer keeps its plain shape.
    const few = await post(platform.baseUrl, ndjson([record('rej-few-1', { amount: '-1' })]), nd);
    assert.deepEqual(Object.keys(few.body as object).sort(), ['accepted', 'duplicates', 'rejected']);
  });

  it('documents the bounded answer and the 401, 413 and 429 answers in the OpenAPI document', async () => {
    const doc = await (await fetch(`${platform.baseUrl}/docs/json`)).json() as {
      paths: Record<string, { post?: { responses: Record<string, { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }> } }>;
    };
    const responses = doc.paths['/api/v1/transactions']?.post?.responses ?? {};
    // These besides the answers every API route declares (declared-errors.ts).
    for (const status of ['200', '401', '413', '422', '429']) assert.ok(responses[status] !== undefined, `declares ${status}`);
    const answer = responses['200']?.content?.['application/json']?.schema.properties ?? {};
    assert.deepEqual(Object.keys(answer), ['accepted', 'duplicates', 'rejected', 'rejectedCount', 'rejectedTruncated']);
  });

  it('keeps /api/v1/health answering while clients that ignore Retry-After send large bodies', async () => {
    // Each body is near the body limit and the cap, records that are all refused (unknown field).
    const body = ndjson(Array.from({ length: 1000 }, (_, i) => record(`load-${i}`, { note: 'n'.repeat(800) })));
    assert.ok(Buffer.byteLength(body) < 1024 * 1024 && Buffer.byteLength(body) > 900 * 1024);
    const statuses = new Map<number | string, number>();
    const count = (s: number | string): void => { statuses.set(s, (statuses.get(s) ?? 0) + 1); };
    let loading = true;
    const client = async (): Promise<void> => {
      while (loading) {
        const answer = await post(platform.baseUrl, body, nd).catch((e: NodeJS.ErrnoException) => e.code ?? 'error');
        count(typeof answer === 'object' ? answer.status : answer);
      }
    };
    const clients = Array.from({ length: 4 }, () => client());
    const healthStatuses: number[] = [];
    const until = Date.now() + 6000;
    while (Date.now() < until) {
      healthStatuses.push(await health(platform.baseUrl));
      await new Promise((r) => setTimeout(r, 100));
    }
    loading = false;
    await Promise.all(clients);
    assert.ok(healthStatuses.length > 0);
    assert.deepEqual([...new Set(healthStatuses)], [200], 'health answered 200 throughout');
    assert.ok((statuses.get(422) ?? 0) > 0, `some requests were served (and refused as a whole): ${JSON.stringify([...statuses])}`);
    assert.ok((statuses.get(429) ?? 0) > 0, `the others were told to retry: ${JSON.stringify([...statuses])}`);
    assert.equal(await stored('load-'), 0);
  });
});
