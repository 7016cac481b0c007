import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config.js';
import { openPlatformCore, type PlatformCore } from '../platform-core.js';

/**
 * Opens the platform core on a data directory for one CLI command. Logs go to stderr so
 * that stdout carries only the command's output (e.g. `alerts --json`). The server must
 * not be running on the same directory: embedded chDB allows one process per directory.
 */
export async function withPlatformCore<T>(dataDir: string, run: (core: PlatformCore) => Promise<T>, options: { start?: boolean } = {}): Promise<T> {
  const config = { ...loadConfig({ ...process.env, SUPTECH_DEMO_FEED: '0' }), dataDir: path.resolve(dataDir) };
  const logger = pino({ level: process.env.SUPTECH_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const core = await openPlatformCore(config, logger, options);
  try {
    return await run(core);
  } finally {
    await core.close();
  }
}
