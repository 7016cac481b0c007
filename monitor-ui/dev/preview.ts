/**
 * Dev-only preview of the dashboards on fixture data, for working on the UI while the gateway
 * is elsewhere: serves the real bundle, a fixture implementation of the API routes the UI uses,
 * and a socket.io server that raises live alerts. Not a test and not part of the product.
 *
 *   npx tsx monitor-ui/dev/preview.ts [--port 8090] [--backlog 10000] [--rate 2] [--reports] [--no-minify]
 *
 * Log in as `<dept>.<role>` (e.g. `nfra.reviewer`, `pboc.analyst`, `samr.auditor`), password `preview`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { bundleMonitorUi } from '../build.js';
import type { Alert, Decision } from '../../core/src/domain/alert.js';
import type { Department, Role } from '../../core/src/domain/departments.js';
import type { CaseView } from '../../core/src/live/events.js';
import { cycleEvidence, fanInEvidence, makeAlert, makeBacklog, pseudonym, seededRandom, showcaseCase, showcaseEvidence, statsOf } from './fixtures.js';

const { values: args } = parseArgs({ options: {
  port: { type: 'string', default: '8090' }, backlog: { type: 'string', default: '10000' },
  rate: { type: 'string', default: '2' }, reports: { type: 'boolean', default: false },
  'no-minify': { type: 'boolean', default: false },
} });

interface User { username: string; department: Department; role: Role }
const sessions = new Map<string, User>();
const alerts: Alert[] = makeBacklog(Number(args.backlog), 92 * 86_400_000);
const showcase: Alert = { ...makeAlert(0, new Date(Date.now() - 3 * 3_600_000), seededRandom(7)), id: 'al-showcase', caseId: 'case-showcase',
  typology: 'credit_to_real_estate', ruleVersion: 'credit_to_real_estate@1.2.0', severity: 'critical', departments: ['NFRA', 'PBOC'],
  amount: '1080000.00', status: 'open', institutions: ['ICBC-SH', 'CMB-SZ'] };
const fanIn: Alert = { ...showcase, id: 'al-fanin', caseId: 'case-fanin', typology: 'fan_in', ruleVersion: 'fan_in@1.0.0', departments: ['PBOC', 'SAMR'], severity: 'medium', amount: '124500.00', institutions: ['ALIPAY', 'CCB-BJ'] };
const cycle: Alert = { ...showcase, id: 'al-cycle', caseId: 'case-cycle', typology: 'cycle', ruleVersion: 'cycle@1.0.0', departments: ['PBOC'], severity: 'high', amount: '120000.00', institutions: ['BOC-GZ', 'CMB-SZ'] };
/** Cases whose evidence is drawn from a fixture instead of the generic two records. */
const EVIDENCE: Record<string, () => unknown[]> = { 'al-showcase': () => showcaseEvidence(), 'al-fanin': () => fanInEvidence(), 'al-cycle': () => cycleEvidence() };
alerts.unshift(cycle, fanIn, showcase);
const cases = new Map<string, CaseView>();
const bucketMs = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

function caseOf(alert: Alert): CaseView {
  let c = cases.get(alert.caseId);
  if (!c) {
    const opinions = alert.status === 'open' ? [] : alert.departments.map((department, i) => ({
      department, decision: (alert.status === 'dismissed' ? 'dismiss' : alert.status === 'escalated' && i === 1 ? 'dismiss' : 'confirm') as Decision,
      commentHash: pseudonym(`c${alert.id}${i}`), at: alert.updatedAt, txId: pseudonym(`o${alert.id}${i}`),
    }));
    c = showcaseCase(alert, opinions, alert.status);
    cases.set(alert.caseId, c);
  }
  return c;
}

const visible = (user: User, alert: Alert): boolean => user.role === 'auditor' || alert.departments.includes(user.department);

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  try { return JSON.parse(text || '{}') as Record<string, unknown>; } catch { return {}; }
}

function login(body: Record<string, unknown>): { status: number; body: unknown } {
  const [dept, role] = String(body.username ?? '').split('.');
  const department = dept?.toUpperCase() as Department;
  if (body.password !== 'preview' || !['PBOC', 'NFRA', 'SAMR', 'CAC', 'SAFE'].includes(department) || !['analyst', 'reviewer', 'auditor'].includes(role ?? '')) {
    return { status: 401, body: { error: 'UNAUTHORIZED', message: 'Wrong username or password.' } };
  }
  const token = pseudonym(`${Math.random()}`);
  const user: User = { username: String(body.username), department, role: role as Role };
  sessions.set(token, user);
  return { status: 200, body: { token, ...user, expiresAt: new Date(Date.now() + 8 * 3_600_000).toISOString() } };
}

function caseDetail(alert: Alert): unknown {
  const evidence = EVIDENCE[alert.id]?.() ?? alert.txIds.map((txId, i) => ({
    institution: alert.institutions[0] ?? 'ICBC-SH', txId, type: 'transfer', from: alert.accounts[i] ?? 'x', to: alert.accounts[(i + 1) % alert.accounts.length] ?? 'y',
    amount: alert.amount, ts: alert.lastTs, role: 'transfer',
  }));
  const c = caseOf(alert);
  const history = [{ txId: alert.ledger.alertTxId ?? 'tx', timestamp: alert.raisedAt, status: 'open' },
    ...c.opinions.map((o) => ({ txId: o.txId, timestamp: o.at, status: `${o.department} ${o.decision}` }))];
  return { case: c, alert: { ...alert, status: c.status }, evidence, history, proof: { verified: true, batchId: 'batch-000213', blockNumber: 3981 } };
}

async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (req.method === 'POST' && url.pathname === '/api/v1/session') {
    const result = login(await readBody(req));
    send(res, result.status, result.body);
    return;
  }
  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  const user = sessions.get(token);
  if (!user) { send(res, 401, { error: 'UNAUTHORIZED', message: 'Sign in first.' }); return; }
  const mine = alerts.filter((a) => visible(user, a));
  const caseMatch = /^\/api\/v1\/cases\/([^/]+)(\/opinions)?$/.exec(url.pathname);
  if (url.pathname === '/api/v1/me') send(res, 200, user);
  else if (url.pathname === '/api/v1/alerts') send(res, 200, { alerts: mine.slice(0, Number(url.searchParams.get('limit') ?? 1000)) });
  else if (url.pathname === '/api/v1/alerts/stats') {
    const bucket = (url.searchParams.get('bucket') ?? 'hour') as keyof typeof bucketMs;
    send(res, 200, statsOf(mine, bucketMs[bucket], Date.parse(url.searchParams.get('from') ?? '0'), Date.parse(url.searchParams.get('to') ?? new Date().toISOString())));
  } else if (url.pathname === '/api/v1/queue') {
    const waiting = mine.filter((a) => a.departments.includes(user.department)).map(caseOf)
      .filter((c) => (c.status === 'open' || c.status === 'escalated') && !c.opinions.some((o) => o.department === user.department))
      .sort((a, b) => a.openedAt.localeCompare(b.openedAt)).slice(0, 40);
    send(res, 200, { cases: waiting });
  } else if (caseMatch) {
    const alert = mine.find((a) => a.caseId === decodeURIComponent(caseMatch[1]!));
    if (!alert) { send(res, 404, { error: 'NOT_FOUND', message: 'No such case for your department.' }); return; }
    if (!caseMatch[2]) { send(res, 200, caseDetail(alert)); return; }
    if (user.role !== 'reviewer' || !alert.departments.includes(user.department)) {
      send(res, 403, { error: 'FORBIDDEN', message: `Only a reviewer of a department the case is routed to may record its opinion.` });
      return;
    }
    const body = await readBody(req);
    const before = caseOf(alert);
    const opinions = [...before.opinions.filter((o) => o.department !== user.department), {
      department: user.department, decision: body.decision as Decision, commentHash: pseudonym(String(body.comment)),
      comment: String(body.comment ?? ''), by: user.username, at: new Date().toISOString(), txId: pseudonym(`${Math.random()}`),
    }];
    const all = opinions.length === alert.departments.length;
    const status = all && opinions.every((o) => o.decision === 'confirm') ? 'confirmed' : all && opinions.every((o) => o.decision === 'dismiss') ? 'dismissed' : 'open';
    const next: CaseView = { ...showcaseCase(alert, opinions, status), openedAt: before.openedAt, deadline: before.deadline,
      ledger: { txId: pseudonym(`${Math.random()}`), blockNumber: before.ledger.blockNumber + 1 } };
    cases.set(alert.caseId, next);
    alert.status = status;
    for (const d of alert.departments) io.to(`department:${d}`).emit('case:updated', next);
    send(res, 200, { case: next });
  } else if (url.pathname === '/api/v1/reports' && args.reports) {
    const signed = (department: string, at: string) => ({ department, at, txId: pseudonym(`so${department}${at}`), reportHash: pseudonym('2026Q3') + pseudonym('x'), by: `${department.toLowerCase()}.reviewer` });
    send(res, 200, { reports: [
      { quarter: '2026Q4', anchored: null, signOffs: [], pending: ['PBOC', 'NFRA', 'SAMR', 'CAC', 'SAFE'] },
      { quarter: '2026Q3', anchored: { reportHash: pseudonym('2026Q3') + pseudonym('x'), anchoredBy: 'PBOC', anchoredAt: '2026-10-09T02:00:00Z' },
        signOffs: [signed('PBOC', '2026-10-09T02:00:00Z'), signed('SAFE', '2026-10-10T03:00:00Z')], pending: ['NFRA', 'SAMR', 'CAC'] },
    ] });
  } else send(res, 404, { error: 'NOT_FOUND', message: `No route ${url.pathname}` });
}

const bundle = await bundleMonitorUi({ minify: !args['no-minify'] });
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://preview');
  if (url.pathname.startsWith('/api/')) { void handleApi(req, res, url); return; }
  const file = bundle.files.get(url.pathname === '/' ? '/index.html' : url.pathname);
  if (!file) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': file.contentType });
  res.end(file.body);
});
const io = new Server(server, { path: '/socket.io' });
io.use((socket, next) => {
  const user = sessions.get(String((socket.handshake.auth as { token?: unknown }).token));
  if (!user) { next(new Error('unauthorized')); return; }
  void socket.join(user.role === 'auditor' ? ['PBOC', 'NFRA', 'SAMR', 'CAC', 'SAFE'].map((d) => `department:${d}`) : `department:${user.department}`);
  next();
});

const random = seededRandom(99);
let next = Number(args.backlog) + 1;
const rate = Number(args.rate);
if (rate > 0) {
  setInterval(() => {
    const alert = makeAlert(next++, new Date(), random);
    alerts.unshift(alert);
    // Each department hears it once, in its own room (auditors sit in all of them).
    io.to(alert.departments.map((d) => `department:${d}`)).emit('alert:raised', alert);
  }, 1000 / rate);
}
server.listen(Number(args.port), '127.0.0.1', () => {
  console.log(`monitor-ui preview on http://127.0.0.1:${args.port} — log in as e.g. nfra.reviewer / preview`);
});
