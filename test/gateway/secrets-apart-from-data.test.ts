import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../gateway/src/config.js';
import { openPlatformCore } from '../../gateway/src/platform-core.js';
import { DEPARTMENTS } from '../../core/src/domain/departments.js';
import { startPlatform, type TestPlatform } from '../support/platform.js';

const run = promisify(execFile);
const modeOf = (file: string): string => (statSync(file).mode & 0o777).toString(8);

/** Opens only the core (no HTTP) on `dataDir` with `env`, and closes it again; answers the account's pseudonym. */
async function pseudonymOn(dataDir: string, env: Record<string, string> = {}, account = 'ACC-SECRET-1'): Promise<string> {
  const core = await openPlatformCore(loadConfig({ SUPTECH_DATA_DIR: dataDir, SUPTECH_DEMO_FEED: '0', ...env }), pino({ level: 'silent' }), { start: false });
  try {
    return core.pseudonymizer.pseudonymize(account);
  } finally {
    await core.close();
  }
}

describe('Secrets apart from the data', function () {
  this.timeout(180_000);
  let root: string;
  let dataDir: string;
  let secretsDir: string;
  let firstPseudonym: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'suptech-secrets-'));
    dataDir = join(root, 'data');
    secretsDir = join(root, 'data-secrets');
    firstPseudonym = await pseudonymOn(dataDir);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  describe('at first start', () => {
    it('creates the pseudonymization key beside the data directory, not in it (0600 in 0700)', () => {
      assert.equal(existsSync(join(dataDir, 'secrets')), false);
      assert.equal(modeOf(join(secretsDir, 'pseudonymization', 'v1.key')), '600');
      assert.equal(modeOf(join(secretsDir, 'pseudonymization')), '700');
      assert.equal(modeOf(secretsDir), '700');
      const stamp = JSON.parse(readFileSync(join(dataDir, 'pseudonymization-key.json'), 'utf8')) as { version: number; fingerprint: string };
      assert.equal(stamp.version, 1);
      assert.ok(!readFileSync(join(dataDir, 'pseudonymization-key.json'), 'utf8').includes(readFileSync(join(secretsDir, 'pseudonymization', 'v1.key'), 'utf8').trim()));
    });

    it("keeps each department's ledger signing key in a directory of its own, with the secrets", () => {
      for (const department of DEPARTMENTS) {
        assert.equal(modeOf(join(secretsDir, 'ledger-keys', department)), '700', department);
        assert.equal(modeOf(join(secretsDir, 'ledger-keys', department, 'signing-key.pem')), '600', department);
      }
      assert.equal(existsSync(join(dataDir, 'ledger', 'keys')), false);
    });

    it('leaves nothing of the data readable by others: data directory 0700, block log and hand-over 0600', () => {
      assert.equal(modeOf(dataDir), '700');
      assert.equal(modeOf(join(dataDir, 'ledger')), '700');
      assert.equal(modeOf(join(dataDir, 'ledger', 'blocks.ndjson')), '600');
      assert.equal(modeOf(join(dataDir, 'credentials.json')), '600');
      assert.equal(modeOf(join(dataDir, 'auth', 'directory.json')), '600');
    });
  });

  describe('at a later start', () => {
    it('stops with a clear error, opening nothing, when the key is missing instead of pseudonymizing under a new one', async () => {
      const empty = join(root, 'empty-secrets');
      await assert.rejects(pseudonymOn(dataDir, { SUPTECH_SECRETS_DIR: empty }),
        (e: unknown) => e instanceof ConfigError && /no pseudonymization key found/.test(e.message) && /SUPTECH_PSEUDONYMIZATION_KEY/.test(e.message));
      // Nothing was opened: the same data directory starts at once with its key.
      assert.equal(await pseudonymOn(dataDir), firstPseudonym);
    });

    it('takes the key from SUPTECH_PSEUDONYMIZATION_KEY or a key file, and refuses one that is not the key of the data', async () => {
      const key = readFileSync(join(secretsDir, 'pseudonymization', 'v1.key'), 'utf8').trim();
      assert.equal(await pseudonymOn(dataDir, { SUPTECH_PSEUDONYMIZATION_KEY: key }), firstPseudonym);
      await assert.rejects(pseudonymOn(dataDir, { SUPTECH_PSEUDONYMIZATION_KEY: Buffer.alloc(32, 7).toString('base64') }),
        (e: unknown) => e instanceof ConfigError && /is not key version 1/.test(e.message));
      const file = join(root, 'key.b64');
      writeFileSync(file, `${key}\n`, { mode: 0o644 });
      await assert.rejects(pseudonymOn(dataDir, { SUPTECH_PSEUDONYMIZATION_KEY_FILE: file }), (e: unknown) => e instanceof ConfigError && /chmod 600/.test(e.message));
      rmSync(file);
      writeFileSync(file, `${key}\n`, { mode: 0o600 });
      assert.equal(await pseudonymOn(dataDir, { SUPTECH_PSEUDONYMIZATION_KEY_FILE: file }), firstPseudonym);
    });

    it('moves the keys of a data directory from before out of it, keeping every pseudonym and ledger signature', async () => {
      mkdirSync(join(dataDir, 'secrets'), { mode: 0o700 });
      renameSync(join(secretsDir, 'pseudonymization', 'v1.key'), join(dataDir, 'secrets', 'pseudonymization.key'));
      mkdirSync(join(dataDir, 'ledger', 'keys'), { mode: 0o700 });
      for (const d of DEPARTMENTS) renameSync(join(secretsDir, 'ledger-keys', d, 'signing-key.pem'), join(dataDir, 'ledger', 'keys', `${d}.key.pem`));
      assert.equal(await pseudonymOn(dataDir), firstPseudonym, 'the same key, now outside the data');
      assert.equal(existsSync(join(dataDir, 'secrets')), false);
      assert.equal(modeOf(join(secretsDir, 'pseudonymization', 'v1.key')), '600');
      for (const d of DEPARTMENTS) assert.ok(existsSync(join(secretsDir, 'ledger-keys', d, 'signing-key.pem')), d);
    });
  });

  describe('configuration', () => {
    it('refuses a secrets directory inside the data directory and a malformed key, naming the variable', () => {
      assert.throws(() => loadConfig({ SUPTECH_DATA_DIR: dataDir, SUPTECH_SECRETS_DIR: join(dataDir, 'keys') }), /SUPTECH_SECRETS_DIR=.*must lie outside the data directory/);
      assert.throws(() => loadConfig({ SUPTECH_PSEUDONYMIZATION_KEY: 'c2hvcnQ=' }), /^Error: SUPTECH_PSEUDONYMIZATION_KEY: must be the base64 of at least 32 random bytes/);
    });
  });
});

describe('credentials.json, the first-start hand-over', function () {
  this.timeout(180_000);
  let platform: TestPlatform;
  afterEach(async () => platform.close());

  it('is written 0600 and every later start warns while it still exists', async () => {
    platform = await startPlatform();
    const { dataDir } = platform;
    assert.equal(modeOf(join(dataDir, 'credentials.json')), '600');
    await platform.close({ keepData: true });
    platform = await startPlatform({ dataDir });
    assert.ok(platform.logs.some((line) => line.includes('credentials.json still holds plaintext passwords')));
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-secrets`, { recursive: true, force: true });
    platform = await startPlatform();
  });

  it('suptech credentials reset issues new passwords and API keys: the old ones stop working', async () => {
    platform = await startPlatform();
    const { dataDir } = platform;
    const old = platform.user('NFRA', 'reviewer');
    const oldKey = platform.apiKeyOf('JADE_RIVER_BANK');
    await platform.close({ keepData: true });
    const { stdout } = await run(process.execPath, ['bin/suptech.js', 'credentials', 'reset', '--data-dir', dataDir], { cwd: process.cwd() });
    assert.match(stdout, /new credentials for 20 users and 5 institutions/);
    platform = await startPlatform({ dataDir });
    const login = async (username: string, password: string): Promise<number> => (await fetch(`${platform.baseUrl}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
    })).status;
    assert.equal(await login(old.username, old.password), 401);
    assert.notEqual(platform.user('NFRA', 'reviewer').password, old.password);
    assert.equal(await login(old.username, platform.user('NFRA', 'reviewer').password), 200);
    assert.equal((await platform.postTransactions([], oldKey)).status, 401);
    assert.notEqual(platform.apiKeyOf('JADE_RIVER_BANK'), oldKey);
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}-secrets`, { recursive: true, force: true });
    platform = await startPlatform();
  });
});
