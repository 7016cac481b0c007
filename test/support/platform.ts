/**
 * Starts the real platform for a test: embedded chDB and embedded ledger in a fresh temp
 * directory, HTTP and socket.io on a free port, no demo feed. One at a time per process
 * (embedded chDB binds one data directory per process); `close()` releases it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { drainPending } from 'chdb';
import { loadConfig } from '../../gateway/src/config.js';
import { startPlatform as start, type RunningPlatform } from '../../gateway/src/platform.js';
import type { CredentialsFile } from '../../gateway/src/auth/credential-bootstrap.js';
import type { Department, Role } from '../../core/src/domain/departments.js';

export interface TestPlatform {
  baseUrl: string;
  dataDir: string;
  platform: RunningPlatform;
  credentials: CredentialsFile;
  /** Every log line the platform wrote. */
  logs: string[];
  postTransactions(records: unknown, apiKey: string, contentType?: string): Promise<{ status: number; body: unknown }>;
  apiKeyOf(institution: string): string;
  user(department: Department, role: Role): { username: string; password: string };
  login(department: Department, role: Role): Promise<string>;
  /** Waits until stored records are anchored and detection has caught up. */
  settle(): Promise<void>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startPlatform(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<TestPlatform> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'suptech-test-'));
  const config = loadConfig({
    SUPTECH_DATA_DIR: dataDir, PORT: '0', SUPTECH_DEMO_FEED: '0', SUPTECH_ANCHOR_INTERVAL_MS: '200',
    SUPTECH_LEDGER: process.env.SUPTECH_LEDGER ?? 'embedded',
    // Suites read health's details without logging in; health-exposure.test.ts checks the default.
    SUPTECH_HEALTH_DETAILS: 'public', ...options.env,
  });
  const logs: string[] = [];
  const logStream = new Writable({ write(chunk: Buffer, _enc, done) { logs.push(chunk.toString('utf8')); done(); } });
  const platform = await start(config, { log: { level: 'debug' }, logStream });
  const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as CredentialsFile;
  const baseUrl = platform.url;
  const self: TestPlatform = {
    baseUrl, dataDir, platform, credentials, logs,
    async postTransactions(records, apiKey, contentType = 'application/json') {
      const body = typeof records === 'string' ? records : JSON.stringify(records);
      const response = await fetch(`${baseUrl}/api/v1/transactions`, {
        method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${apiKey}` }, body,
      });
      return { status: response.status, body: await response.json() };
    },
    apiKeyOf(institution) {
      const found = credentials.institutions.find((i) => i.code === institution);
      if (!found) throw new Error(`no institution ${institution}`);
      return found.apiKey;
    },
    user(department, role) {
      const found = credentials.users.find((u) => u.department === department && u.role === role);
      if (!found) throw new Error(`no user ${department}/${role}`);
      return found;
    },
    async login(department, role) {
      const { username, password } = self.user(department, role);
      const response = await fetch(`${baseUrl}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
      });
      if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    settle: () => platform.core.settle(),
    async close(closeOptions = {}) {
      await platform.close();
      await drainPending();
      if (!closeOptions.keepData && !options.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
        // The default secrets directory lies beside the data directory (gateway/src/config.ts).
        if (!options.env?.SUPTECH_SECRETS_DIR) rmSync(`${dataDir}-secrets`, { recursive: true, force: true });
      }
    },
  };
  return self;
}
