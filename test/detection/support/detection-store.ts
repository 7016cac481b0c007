/**
 * A real embedded analytics store for detection tests: chDB in a fresh temp directory with
 * the base schema and the engine's state. One per test file: the embedded engine binds one
 * data directory per process, so `close()` also waits for the engine to let go of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { drainPending } from 'chdb';
import { applySchema, createAnalyticsClient } from '../../../core/src/storage/analytics-client.js';
import { createDetectionEngine } from '../../../alerts/src/detection/index.js';

export interface DetectionStore {
  client: ClickHouseClient;
  /** Empty the tables between tests (cheaper than a new data directory). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const TABLES = ['transactions', 'detection_non_personal_accounts', 'detection_events', 'detection_list_entries'];

export async function openDetectionStore(): Promise<DetectionStore> {
  const path = mkdtempSync(join(tmpdir(), 'detection-test-'));
  const client = createAnalyticsClient({ path });
  await applySchema(client, createDetectionEngine({ client }).schemaStatements());
  return {
    client,
    async reset() {
      for (const table of TABLES) await client.command({ query: `TRUNCATE TABLE ${table}` });
    },
    async close() {
      await client.close();
      await drainPending();
      rmSync(path, { recursive: true, force: true });
    },
  };
}
