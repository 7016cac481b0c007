/**
 * The platform as a real process (`npm start`'s entry point), for tests that kill it or run
 * several gateways at once (embedded chDB binds one data directory per process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server on `dataDir` and waits until it says it is ready (rejects with its output if it exits first). */
export async function startServerProcess(dataDir: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/server.ts'], {
    env: { ...process.env, SUPTECH_DATA_DIR: dataDir, PORT: String(port), SUPTECH_DEMO_FEED: '0', SUPTECH_ANCHOR_INTERVAL_MS: '100', SUPTECH_HEALTH_DETAILS: 'public', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<void>((resolve) => { child.once('exit', () => resolve()); });
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('SupTech platform ready')) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited before it was ready:\n${output}`);
    if (Date.now() > deadline) { child.kill('SIGKILL'); throw new Error(`server did not start:\n${output}`); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child, port, url: `http://127.0.0.1:${port}`, exited, output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
