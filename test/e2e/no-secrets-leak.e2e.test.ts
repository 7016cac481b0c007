import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startPlatform, type TestPlatform } from '../support/platform.js';

/**
 * The end-to-end privacy check: after a real working session (records in, an alert live on
 * two dashboards, a list entry with a raw account id, a reviewer's opinion), a search of
 * everything the platform keeps and says — every table, every file of the data directory
 * but the first-start hand-over, every ledger block decoded, every log line, every socket
 * event and HTTP answer to the departments — finds no raw account id, no password, no API
 * key, no session token and no key material.
 */

const RAW_ACCOUNTS = ['6222029911110001', '6222029911110002', 'LEAKTEST-LOAN-POOL', 'LEAKTEST-DEVELOPER', 'LEAKTEST-LISTED-ACCOUNT', 'LEAKTEST-REJECTED'];

const flow = [
  { txId: 'leak-loan', institution: 'JADE_RIVER_BANK', ts: '2026-07-01T09:00:00+08:00', type: 'loan_disbursement', from: RAW_ACCOUNTS[2], to: RAW_ACCOUNTS[0], amount: '300000.00', loanPurpose: 'consumer' },
  { txId: 'leak-hop', institution: 'JADE_RIVER_BANK', ts: '2026-07-02T10:00:00+08:00', type: 'transfer', from: RAW_ACCOUNTS[0], to: RAW_ACCOUNTS[1], amount: 290000 },
  { txId: 'leak-home', institution: 'JADE_RIVER_BANK', ts: '2026-07-05T15:30:00+08:00', type: 'payment', from: RAW_ACCOUNTS[1], to: RAW_ACCOUNTS[3], amount: '280000', toSector: 'K', toMcc: '6513' },
  // Rejected (unknown type): nothing of it may be kept or logged.
  { txId: 'leak-bad', institution: 'JADE_RIVER_BANK', ts: '2026-07-05T15:30:00+08:00', type: 'gift', from: RAW_ACCOUNTS[5], to: RAW_ACCOUNTS[5], amount: 1 },
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every base64 value inside a block (arguments, writes, events), decoded, so that encoding hides nothing. */
function decodedBlockText(line: string): string {
  const parts = [line];
  JSON.stringify(JSON.parse(line), (_key, value: unknown) => {
    if (typeof value === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0) parts.push(Buffer.from(value, 'base64').toString('utf8'));
    return value;
  });
  return parts.join('\n');
}

describe('No raw account id, credential or key in storage, logs or traffic', function () {
  this.timeout(180_000);
  let platform: TestPlatform;
  const traffic: string[] = [];
  const sockets: Socket[] = [];
  const tokens: string[] = [];

  before(async () => { platform = await startPlatform(); });
  after(async () => {
    for (const s of sockets) s.close();
    await platform.close();
  });

  it('holds after a working session', async () => {
    for (const department of ['NFRA', 'PBOC'] as const) {
      const token = await platform.login(department, 'analyst');
      tokens.push(token);
      const socket = io(platform.baseUrl, { auth: { token }, transports: ['websocket'] });
      socket.onAny((event: string, ...args: unknown[]) => traffic.push(`${event} ${JSON.stringify(args)}`));
      await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
      sockets.push(socket);
    }
    const answer = await platform.postTransactions(flow, platform.apiKeyOf('JADE_RIVER_BANK'));
    assert.equal((answer.body as { accepted: number }).accepted, 3);
    await platform.settle();
    const reviewer = await platform.login('NFRA', 'reviewer');
    tokens.push(reviewer);
    const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const response = await fetch(`${platform.baseUrl}${path}`, {
        method, headers: { authorization: `Bearer ${reviewer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      traffic.push(text);
      return response.headers.get('content-type')?.includes('json') ? JSON.parse(text) as unknown : text;
    };
    const { alerts } = (await call('GET', '/api/v1/alerts')) as { alerts: { id: string; caseId: string }[] };
    assert.ok(alerts.length >= 1);
    await call('GET', `/api/v1/cases/${alerts[0]?.caseId ?? ''}`);
    await call('POST', `/api/v1/cases/${alerts[0]?.caseId ?? ''}/opinions`, { decision: 'confirm', comment: 'funds reached a developer' });
    await call('POST', '/api/v1/lists', { list: 'negative', kind: 'account', value: RAW_ACCOUNTS[4], reason: 'known mule' });
    await call('GET', '/api/v1/lists');
    await call('GET', '/api/v1/alerts.csv');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(traffic.some((t) => t.startsWith('alert:raised')), 'the alert went live');

    const { dataDir } = platform;
    const secretsDir = `${dataDir}-secrets`;
    const pseudonymizationKey = readFileSync(join(secretsDir, 'pseudonymization', 'v1.key'), 'utf8').trim();
    const signingKeys = filesUnder(join(secretsDir, 'ledger-keys')).map((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l && !l.startsWith('-----')).join(''));
    const secrets: [string, string][] = [
      ...RAW_ACCOUNTS.map((a): [string, string] => ['raw account id', a]),
      ...platform.credentials.users.map((u): [string, string] => [`password of ${u.username}`, u.password]),
      ...platform.credentials.institutions.map((i): [string, string] => [`API key of ${i.code}`, i.apiKey]),
      ...tokens.map((t): [string, string] => ['session token', t]),
      ['pseudonymization key (base64)', pseudonymizationKey], ['pseudonymization key (hex)', Buffer.from(pseudonymizationKey, 'base64').toString('hex')],
      ...signingKeys.map((k): [string, string] => ['ledger signing key', k]),
    ];

    const places: [string, string][] = [];
    const { client } = platform.platform.core;
    const tables = await (await client.query({ query: "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine NOT LIKE '%View%'", format: 'JSONEachRow' })).json<{ name: string }>();
    for (const { name } of tables) {
      places.push([`table ${name}`, await (await client.query({ query: `SELECT * FROM ${name}`, format: 'TabSeparatedRaw' })).text()]);
    }
    for (const file of filesUnder(dataDir)) {
      if (relative(dataDir, file) === 'credentials.json') continue; // the hand-over, by design
      const text = readFileSync(file).toString('latin1');
      places.push([`file ${relative(dataDir, file)}`, file.endsWith('blocks.ndjson') ? text.split('\n').filter(Boolean).map(decodedBlockText).join('\n') : text]);
    }
    places.push(['the logs', platform.logs.join('')], ['socket and HTTP traffic', traffic.join('\n')]);

    const found: string[] = [];
    for (const [what, secret] of secrets) for (const [where, text] of places) if (text.includes(secret)) found.push(`${what} in ${where}`);
    assert.deepEqual(found, []);
    assert.ok(places.some(([where]) => where === 'table transactions') && places.some(([where]) => where.endsWith('blocks.ndjson')), 'the search covered the records and the ledger');
  });
});
