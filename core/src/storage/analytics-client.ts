import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { SCHEMA_STATEMENTS } from './schema.js';

export interface AnalyticsClientOptions {
  /** ClickHouse server URL; when absent the embedded chDB engine is used. */
  url?: string;
  /** chDB data directory (embedded mode). */
  path: string;
  username?: string;
  password?: string;
  database?: string;
}

/**
 * The analytics store: the official ClickHouse client, connected either to embedded chDB
 * (default, one data directory per process) or to a ClickHouse server (`CLICKHOUSE_URL`).
 */
export function createAnalyticsClient(options: Readonly<AnalyticsClientOptions>): ClickHouseClient {
  if (options.url) {
    return createClient({
      url: options.url,
      username: options.username ?? 'default',
      password: options.password ?? '',
      database: options.database ?? 'default',
      clickhouse_settings: { date_time_output_format: 'iso', output_format_json_quote_64bit_integers: 0 },
    });
  }
  return createClient({
    connection: createChdbConnection({ path: options.path }),
    clickhouse_settings: { date_time_output_format: 'iso', output_format_json_quote_64bit_integers: 0 },
  } as Parameters<typeof createClient>[0]);
}

/** Apply the whole schema (idempotent). Extra statements (e.g. detection state) follow. */
export async function applySchema(client: ClickHouseClient, extra: readonly string[] = []): Promise<void> {
  for (const query of [...SCHEMA_STATEMENTS, ...extra]) {
    await client.command({ query });
  }
}
