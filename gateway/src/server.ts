import { ConfigError, loadConfig } from './config.js';
import { startPlatform } from './platform.js';

/** `npm start`: the platform on embedded engines (or those the environment names). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  let platform;
  try {
    platform = await startPlatform(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const { credentialsPath, created } = platform.core.auth;
  process.stdout.write([
    '',
    `  SupTech platform ready at ${platform.url}  (ledger: ${config.ledger}, analytics: ${config.clickhouse.url ?? 'embedded chDB'})`,
    `  Credentials ${created ? 'generated' : 'kept'} in ${credentialsPath} (log in as e.g. nfra.reviewer)`,
    `  API docs: ${platform.url}/docs   Demo feed: ${config.demoFeed ? 'on' : 'off'}   Log level: ${config.logLevel}${config.logLevel === 'debug' || config.logLevel === 'trace' ? '' : ' (SUPTECH_LOG_LEVEL=debug logs each request)'}`,
    '',
  ].join('\n') + '\n');
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    process.stdout.write(`\n${signal}: shutting down cleanly…\n`);
    platform.close().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
