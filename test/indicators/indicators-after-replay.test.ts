/**
 * After a replay of a generated scenario (background activity and planted typologies, late
 * records) through `suptech replay`, the quarter's figures of `suptech indicators --json`
 * equal those recomputed here from the stored records and alerts, read straight from
 * ClickHouse and aggregated in TypeScript — a second implementation of each definition.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ClickHouseClient } from '@clickhouse/client';
import { drainPending } from 'chdb';
import { createAnalyticsClient } from '../../core/src/storage/analytics-client.js';
import { generateScenario } from '../../alerts/src/scenarios/index.js';
import { parseIndicatorQuarter, type IndicatorValue } from '../../alerts/src/indicators/index.js';

const run = promisify(execFile);

interface Row { institution: string; tx_id: string; type: string; from_account: string; to_account: string; amount: string; t: number; loan_purpose: string; from_sector: string; to_sector: string; to_mcc: string; to_country: string }

const cents = (amount: string): number => Math.round(Number(amount) * 100);
const round = (x: number): number => Math.round(x * 1e9) / 1e9;

/** Sums by key. */
function tally(entries: Iterable<[string, number]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of entries) out.set(k, (out.get(k) ?? 0) + v);
  return out;
}

describe('Indicators after a replay of a generated scenario', function () {
  this.timeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'suptech-ind-replay-'));
  const dataDir = join(dir, 'data');
  let figures: IndicatorValue[];
  let client: ClickHouseClient;
  let rows: Row[];
  let tracedLoans: Set<string>;
  const q3 = parseIndicatorQuarter('2026Q3');
  const inQ3 = (r: Row): boolean => r.t >= Date.parse(q3.from) && r.t < Date.parse(q3.to);
  const quarterFigure = (indicator: string): Map<string, IndicatorValue> => new Map(figures
    .filter((f) => f.indicator === indicator && f.period === '2026Q3').map((f) => [`${f.institution}/${f.segment ?? ''}`, f]));

  before(async () => {
    const scenario = generateScenario({ seed: 1313, people: 120, instancesPerTypology: 2 });
    const file = join(dir, 'records.ndjson');
    writeFileSync(file, scenario.records.map((r) => JSON.stringify(r)).join('\n'));
    await run(process.execPath, ['bin/suptech.js', 'replay', file, '--data-dir', dataDir, '--quiet'], { maxBuffer: 64 * 1024 * 1024 });
    const { stdout } = await run(process.execPath, ['bin/suptech.js', 'indicators', '--data-dir', dataDir, '--quarter', '2026Q3', '--json'], { maxBuffer: 256 * 1024 * 1024 });
    figures = JSON.parse(stdout) as IndicatorValue[];
    client = createAnalyticsClient({ path: join(dataDir, 'chdb') });
    rows = await (await client.query({
      query: `SELECT CAST(institution, 'String') AS institution, tx_id, CAST(type, 'String') AS type, from_account, to_account, toString(amount) AS amount,
        toUnixTimestamp64Milli(ts) AS t, CAST(loan_purpose, 'String') AS loan_purpose, CAST(from_sector, 'String') AS from_sector,
        CAST(to_sector, 'String') AS to_sector, CAST(to_mcc, 'String') AS to_mcc, CAST(to_country, 'String') AS to_country FROM transactions FINAL`,
      format: 'JSONEachRow',
    })).json<Row>();
    const docs = await (await client.query({ query: 'SELECT doc FROM alerts_state FINAL', format: 'JSONEachRow' })).json<{ doc: string }>();
    tracedLoans = new Set();
    for (const { doc } of docs) {
      const a = JSON.parse(doc) as { typology: string; status: string; mergedInto?: string; evidence: { institution: string; txId: string; role: string }[] };
      if (a.typology !== 'credit_to_real_estate' || a.status === 'dismissed' || a.mergedInto !== undefined) continue;
      for (const e of a.evidence) if (e.role === 'loan') tracedLoans.add(`${e.institution}/${e.txId}`);
    }
  });
  after(async () => {
    await client?.close();
    await drainPending();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dataDir}-secrets`, { recursive: true, force: true });
  });

  it('replays enough to judge: credit traced to property, cash deposits and outflows in the quarter', () => {
    assert.ok(tracedLoans.size > 0, 'detection traced loans to real estate');
    assert.ok(rows.filter(inQ3).some((r) => r.type === 'cross_border_out'));
    assert.ok(figures.length > 0);
  });

  it('credit_to_real_estate_share: traced consumer and business credit over all of it, by lender', () => {
    const loans = rows.filter((r) => inQ3(r) && r.type === 'loan_disbursement' && ['consumer', 'business'].includes(r.loan_purpose));
    const total = tally(loans.map((r) => [r.institution, cents(r.amount)]));
    const traced = tally(loans.filter((r) => tracedLoans.has(`${r.institution}/${r.tx_id}`)).map((r) => [r.institution, cents(r.amount)]));
    const shown = quarterFigure('credit_to_real_estate_share');
    assert.deepEqual([...shown.keys()].sort(), [...total.keys()].map((i) => `${i}/`).sort());
    assert.ok([...traced.values()].some((v) => v > 0));
    for (const [institution, sum] of total) {
      const f = shown.get(`${institution}/`)!;
      assert.equal(f.value, round((traced.get(institution) ?? 0) / sum), institution);
      assert.equal(f.base, sum / 100);
    }
  });

  it('structuring_density: deposits from 40,000 to under 50,000 over all cash deposits', () => {
    const deposits = rows.filter((r) => inQ3(r) && r.type === 'cash_deposit');
    const count = tally(deposits.map((r) => [r.institution, 1]));
    const band = tally(deposits.filter((r) => cents(r.amount) >= 4_000_000 && cents(r.amount) < 5_000_000).map((r) => [r.institution, 1]));
    const shown = quarterFigure('structuring_density');
    assert.equal(shown.size, count.size);
    for (const [institution, n] of count) assert.equal(shown.get(`${institution}/`)?.value, round((band.get(institution) ?? 0) / n), institution);
  });

  it('cross_border_outflow by corridor and its concentration', () => {
    const out = rows.filter((r) => inQ3(r) && r.type === 'cross_border_out');
    const byCorridor = tally(out.map((r) => [`${r.institution}/${r.to_country}`, cents(r.amount)]));
    const shown = quarterFigure('cross_border_outflow');
    assert.deepEqual([...shown.keys()].sort(), [...byCorridor.keys()].sort());
    for (const [key, sum] of byCorridor) assert.equal(shown.get(key)?.value, sum / 100, key);
    const totals = tally(out.map((r) => [r.institution, cents(r.amount)]));
    const concentration = quarterFigure('cross_border_concentration');
    for (const [institution, total] of totals) {
      const hhi = [...byCorridor].filter(([k]) => k.startsWith(`${institution}/`)).reduce((s, [, v]) => s + (v / total) ** 2, 0);
      assert.ok(Math.abs((concentration.get(`${institution}/`)?.value ?? NaN) - hhi) < 1e-8, `${institution}: ${String(concentration.get(`${institution}/`)?.value)} vs ${hhi}`);
    }
  });

  it('pass_through_velocity: what personal recipients send on within 24 hours, capped at what they received', () => {
    const nonPersonal = new Set(rows.flatMap((r) => [...(r.from_sector ? [r.from_account] : []), ...(r.to_sector || r.to_mcc ? [r.to_account] : [])]));
    const transfers = rows.filter((r) => r.type === 'transfer');
    const bySender = new Map<string, Row[]>();
    for (const r of transfers) bySender.set(r.from_account, [...(bySender.get(r.from_account) ?? []), r]);
    const incoming = transfers.filter((r) => inQ3(r) && cents(r.amount) >= 1_000_000 && r.from_account !== r.to_account && !nonPersonal.has(r.to_account));
    const base = tally(incoming.map((r) => [r.institution, cents(r.amount)]));
    const forwarded = tally(incoming.map((r) => {
      const onward = (bySender.get(r.to_account) ?? []).filter((o) => o.t > r.t && o.t <= r.t + 86_400_000).reduce((s, o) => s + cents(o.amount), 0);
      return [r.institution, Math.min(cents(r.amount), onward)];
    }));
    const shown = quarterFigure('pass_through_velocity');
    assert.equal(shown.size, base.size);
    for (const [institution, sum] of base) assert.equal(shown.get(`${institution}/`)?.value, round((forwarded.get(institution) ?? 0) / sum), institution);
  });
});
