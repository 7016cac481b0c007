import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { createAnalyticsClient } from '../../core/src/storage/analytics-client.js';
import { KeyFilter } from '../../gateway/src/ingest/key-filter.js';
import { recordKeyHash } from '../../gateway/src/ingest/key-hash.js';
import { RECORD_KEY_HASH_SQL } from '../../core/src/storage/transaction-store.js';

describe('the duplicate filter of record keys', () => {
  let dir: string;
  let client: ClickHouseClient;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'key-hash-'));
    client = createAnalyticsClient({ path: path.join(dir, 'chdb') });
  });
  after(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes a key exactly as ClickHouse\'s murmurHash3_32 does, so the filter can be rebuilt from the engine', async () => {
    const keys: [string, string][] = [['A', ''], ['JADE_RIVER_BANK', 'tx-1'], ['SWIFTPAY', 'abc\\def'], ['B', 'x'.repeat(64)], ['MALLCO', '~!@#$%^&*()']];
    for (let i = 0; i < 50; i++) keys.push([`INST${i % 7}`, `t${i}-${'q'.repeat(i % 9)}`]);
    const rs = await client.query({
      query: `SELECT ${RECORD_KEY_HASH_SQL} AS h FROM (SELECT arrayJoin(arrayZip({i:Array(String)}, {t:Array(String)})) AS k, k.1 AS institution, k.2 AS tx_id)`,
      query_params: { i: keys.map((k) => k[0]), t: keys.map((k) => k[1]) }, format: 'JSONEachRow',
    });
    const engine = (await rs.json<{ h: number }>()).map((r) => Number(r.h));
    assert.deepEqual(keys.map(([institution, txId]) => recordKeyHash(institution, txId)), engine);
  });

  it('never misses a key it was given, and answers "maybe seen" for about 1% of new keys at its rated load', () => {
    const filter = new KeyFilter(20); // 1 Mi bits, rated ~100k keys at 1%
    for (let i = 0; i < 100_000; i++) filter.addAndCheck(recordKeyHash('BANK', `seen-${i}`));
    for (let i = 0; i < 100_000; i++) assert.equal(filter.addAndCheck(recordKeyHash('BANK', `seen-${i}`)), true, `seen-${i} was missed`);
    let falsePositives = 0;
    for (let i = 0; i < 20_000; i++) if (filter.addAndCheck(recordKeyHash('BANK', `new-${i}`))) falsePositives++;
    assert.ok(falsePositives / 20_000 < 0.03, `false-positive share ${falsePositives / 20_000}`);
    assert.equal(filter.bytes, 2 ** 17);
  });
});
