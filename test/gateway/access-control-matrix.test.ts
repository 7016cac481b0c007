import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import { DEPARTMENTS, ROLES, type Department, type Role } from '../../core/src/domain/departments.js';
import type { Alert } from '../../core/src/domain/alert.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const ROUTED: readonly Department[] = ['NFRA', 'PBOC'];

interface Principal { department: Department; role: Role; token: string; socket: Socket; received: string[] }

/** What a principal may see of an alert routed to NFRA and PBOC. */
const mayRead = (p: Principal): boolean => p.role === 'auditor' || ROUTED.includes(p.department);

describe('Access control matrix: every route and socket event × every department and role', function () {
  this.timeout(120_000);
  let platform: TestPlatform;
  const principals: Principal[] = [];
  let alert: Alert;

  before(async () => {
    platform = await startPlatform();
    for (const department of DEPARTMENTS) {
      for (const role of ROLES) {
        const token = await platform.login(department, role);
        const socket = io(platform.baseUrl, { auth: { token }, transports: ['websocket'] });
        const p: Principal = { department, role, token, socket, received: [] };
        socket.on('alert:raised', (a: Alert) => p.received.push(`raised:${a.id}`));
        socket.on('case:updated', (c: { caseId: string }) => p.received.push(`case:${c.caseId}`));
        await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
        principals.push(p);
      }
    }
    // Banks only (no platform): routed to NFRA and PBOC.
    const key = platform.apiKeyOf('JADE_RIVER_BANK');
    const { body } = await platform.postTransactions([
      { txId: 'acm-loan', institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00Z', type: 'loan_disbursement', from: 'LP', to: 'ACM-B', amount: 500000, loanPurpose: 'business' },
      { txId: 'acm-home', institution: 'JADE_RIVER_BANK', ts: '2026-07-03T09:00:00Z', type: 'payment', from: 'ACM-B', to: 'ACM-DEV', amount: 450000, toSector: 'K' },
    ], key);
    assert.equal((body as { accepted: number }).accepted, 2);
    await platform.settle();
    const [raised] = platform.platform.core.alerts.all();
    assert.ok(raised);
    alert = raised;
    assert.deepEqual([...alert.departments].sort(), [...ROUTED].sort());
    await new Promise((r) => setTimeout(r, 300));
  });

  after(async () => {
    for (const p of principals) p.socket.close();
    await platform.close();
  });

  const call = async (p: Principal | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const headers: Record<string, string> = {};
    if (p) headers.authorization = `Bearer ${p.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${platform.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, json: await response.json().catch(() => null) };
  };

  it('socket.io: alert:raised reaches the routed departments and auditors only', () => {
    for (const p of principals) {
      assert.equal(p.received.includes(`raised:${alert.id}`), mayRead(p), `${p.department}/${p.role}`);
    }
  });

  it('socket.io: a connection without a valid session is refused at the handshake', async () => {
    const socket = io(platform.baseUrl, { auth: { token: 'forged' }, transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    assert.match(error.message, /UNAUTHENTICATED/);
  });

  it('GET /api/v1/alerts, /alerts/:id and /cases/:id: routed departments and auditors, 404 for the others', async () => {
    for (const p of principals) {
      const list = await call(p, 'GET', '/api/v1/alerts');
      assert.equal((list.json as { alerts: Alert[] }).alerts.some((a) => a.id === alert.id), mayRead(p), `${p.department}/${p.role} list`);
      assert.equal((await call(p, 'GET', `/api/v1/alerts/${alert.id}`)).status, mayRead(p) ? 200 : 404);
      assert.equal((await call(p, 'GET', `/api/v1/cases/${alert.caseId}`)).status, mayRead(p) ? 200 : 404);
    }
  });

  it("POST /api/v1/cases/:id/opinions: only a routed department's reviewer", async () => {
    for (const p of principals) {
      const { status } = await call(p, 'POST', `/api/v1/cases/${alert.caseId}/opinions`, { decision: 'request_info', comment: `from ${p.department}` });
      const expected = p.role !== 'reviewer' ? 403 : ROUTED.includes(p.department) ? 200 : 404;
      assert.equal(status, expected, `${p.department}/${p.role}`);
    }
  });

  it("POST /api/v1/cases/:id/departments: only a routed department's reviewer (validated before the ledger)", async () => {
    for (const p of principals) {
      const { status } = await call(p, 'POST', `/api/v1/cases/${alert.caseId}/departments`, { department: 'NOPE' });
      const expected = p.role !== 'reviewer' ? 403 : ROUTED.includes(p.department) ? 400 : 404;
      assert.equal(status, expected, `${p.department}/${p.role}`);
    }
  });

  it("GET /api/v1/queue: the case waits in the routed departments' queues only", async () => {
    for (const p of principals) {
      const { json } = await call(p, 'GET', '/api/v1/queue');
      const inQueue = (json as { cases: { caseId: string }[] }).cases.some((c) => c.caseId === alert.caseId);
      assert.equal(inQueue, ROUTED.includes(p.department) && p.role !== 'auditor' ? true : false, `${p.department}/${p.role}`);
    }
  });

  it('GET /api/v1/users: admins only, and only their own department', async () => {
    for (const p of principals) {
      const { status, json } = await call(p, 'GET', '/api/v1/users');
      assert.equal(status, p.role === 'admin' ? 200 : 403, `${p.department}/${p.role}`);
      if (status === 200) assert.ok((json as { users: { department: string }[] }).users.every((u) => u.department === p.department));
    }
  });

  it('GET proof: any department user; POST /api/v1/transactions: never with a user session', async () => {
    for (const p of principals) {
      assert.equal((await call(p, 'GET', '/api/v1/transactions/JADE_RIVER_BANK/acm-loan/proof')).status, 200);
      assert.equal((await call(p, 'POST', '/api/v1/transactions', [])).status, 401);
    }
  });

  it("lists: every user reads them; reviewers and admins change them within their department's remit (raw account ids pseudonymized)", async () => {
    // CAC has no typology routed to it by default, so it has nothing to list for.
    const hasRemit = (p: Principal): boolean => p.department !== 'CAC';
    for (const p of principals) {
      assert.equal((await call(p, 'GET', '/api/v1/lists')).status, 200);
      const entry = { list: 'negative', kind: 'account', value: `RAW-${p.department}-${p.role}`, reason: 'matrix test' };
      const { status, json } = await call(p, 'POST', '/api/v1/lists', entry);
      assert.equal(status, (p.role === 'reviewer' || p.role === 'admin') && hasRemit(p) ? 201 : 403, `${p.department}/${p.role}`);
      if (status === 201) assert.match((json as { entry: { value: string } }).entry.value, /^p_[0-9a-f]{32}$/);
    }
    // An allow-list entry by NFRA silences PBOC's and SAMR's alerts too: only their reviewers may approve it.
    const nfra = principals.find((p) => p.department === 'NFRA' && p.role === 'reviewer');
    const proposed = await call(nfra, 'POST', '/api/v1/lists', { list: 'allow', kind: 'account', value: 'RAW-MATRIX-ALLOW', typology: 'credit_to_real_estate' });
    assert.equal(proposed.status, 201);
    const { entryId } = (proposed.json as { entry: { entryId: string } }).entry;
    for (const p of principals) {
      const { status } = await call(p, 'POST', `/api/v1/lists/${entryId}/approval`);
      const expected = p.role !== 'reviewer' ? 403 : p.department === 'PBOC' || p.department === 'SAMR' ? 200 : 403;
      assert.equal(status, expected, `approval by ${p.department}/${p.role}`);
    }
    const bad = await call(principals.find((p) => p.role === 'reviewer'), 'POST', '/api/v1/lists', { list: 'allow', kind: 'jurisdiction', value: 'KP' });
    assert.equal(bad.status, 400);
    assert.match((bad.json as { message: string }).message, /^kind: /);
  });

  it("case discussion, assignment and acknowledgement: a routed department's analysts and reviewers only; never another department", async () => {
    for (const p of principals) {
      const routed = ROUTED.includes(p.department);
      const discussion = (await call(p, 'POST', `/api/v1/cases/${alert.caseId}/discussion`, { text: `note from ${p.department}/${p.role}` })).status;
      const assignment = (await call(p, 'POST', `/api/v1/cases/${alert.caseId}/assignment`, { assignee: platform.user(p.department, p.role).username })).status;
      const acknowledged = (await call(p, 'POST', '/api/v1/triage/acknowledge', { caseIds: [alert.caseId] })).status;
      const who = `${p.department}/${p.role}`;
      if (p.role === 'auditor') {
        assert.deepEqual([discussion, assignment, acknowledged], [403, 403, 403], who);
      } else if (!routed) {
        // Not routed: the case does not exist for this department (or the role may not act at all).
        for (const status of [discussion, assignment, acknowledged]) assert.ok(status === 404 || status === 403, `${who}: ${status}`);
      } else if (p.role === 'analyst' || p.role === 'reviewer') {
        assert.deepEqual([discussion, assignment, acknowledged], [201, 200, 200], who);
      }
    }
  });

  it("institutions' API keys: the operator department's admins only", async () => {
    for (const p of principals) {
      const { status } = await call(p, 'GET', '/api/v1/institutions');
      assert.equal(status, p.department === 'PBOC' && p.role === 'admin' ? 200 : 403, `${p.department}/${p.role}`);
    }
  });

  it('every user route answers 401 without a session', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/alerts'], ['GET', '/api/v1/alerts/stats'], ['GET', `/api/v1/alerts/${alert.id}`], ['GET', `/api/v1/cases/${alert.caseId}`],
      ['POST', `/api/v1/cases/${alert.caseId}/opinions`], ['GET', '/api/v1/queue'], ['GET', '/api/v1/users'], ['GET', '/api/v1/me'],
      ['GET', '/api/v1/transactions/JADE_RIVER_BANK/acm-loan/proof'], ['GET', '/api/v1/lists'], ['POST', '/api/v1/lists'],
      ['POST', `/api/v1/lists/L-${'0'.repeat(32)}/approval`], ['DELETE', `/api/v1/lists/L-${'0'.repeat(32)}`],
      ['POST', `/api/v1/cases/${alert.caseId}/discussion`], ['POST', `/api/v1/cases/${alert.caseId}/assignment`], ['POST', '/api/v1/triage/acknowledge'],
      ['GET', '/api/v1/institutions'], ['POST', '/api/v1/institutions/JADE_RIVER_BANK/api-key'], ['DELETE', '/api/v1/institutions/JADE_RIVER_BANK/api-key'],
    ] as const) {
      const body = method === 'POST' ? { decision: 'confirm' } : undefined;
      assert.equal((await call(undefined, method, path, body)).status, 401, `${method} ${path}`);
    }
  });
});
