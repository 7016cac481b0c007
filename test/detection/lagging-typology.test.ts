import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Alert } from '../../core/src/domain/alert.js';
import { openEmbeddedLedger, type EmbeddedLedger } from '../../core/src/ledger/embedded/index.js';
import { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import { DEMO_INSTITUTIONS } from '../../core/src/domain/institution-registry.js';
import type { Logger } from '../../core/src/logger.js';
import { applySchema } from '../../core/src/storage/analytics-client.js';
import { AlertPipeline } from '../../alerts/src/alert-pipeline.js';
import { ALERT_STORE_SCHEMA, AlertStore } from '../../alerts/src/alert-store.js';
import type { AlertPublisher } from '../../alerts/src/alert-publisher.js';
import { DETECTION_PROGRESS_SCHEMA } from '../../alerts/src/detection-progress.js';
import { TYPOLOGY_PROGRESS_SCHEMA } from '../../alerts/src/typology-progress.js';
import { createDetectionEngine } from '../../alerts/src/detection/index.js';
import { typologyQueryTag } from '../../alerts/src/detection/typology-client.js';
import { DEFAULT_ROUTING } from '../../alerts/src/routing.js';
import { NO_LISTS, severityOf } from '../../alerts/src/rules/index.js';
import { loadRecords } from '../../alerts/src/scenarios/index.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';
import { HOUR, rec } from './support/records.js';

/**
 * The analytics client with a fault in one typology's query: while `broken`, fan_in's queries
 * (which the engine opens with their typology's tag) read a table that does not exist, so
 * ClickHouse itself refuses them (UNKNOWN_TABLE), as it would a query over a dropped table.
 */
function withBrokenFanIn(client: ClickHouseClient, state: { broken: boolean }): ClickHouseClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
      return (params: Parameters<ClickHouseClient['query']>[0]) => {
        if (!state.broken || !params.query.startsWith(typologyQueryTag('fan_in'))) return target.query(params);
        return target.query({ ...params, query: params.query.replaceAll('detection_events', 'detection_events_gone') });
      };
    },
  });
}

describe('A typology whose query fails', () => {
  let store: DetectionStore;
  let ledgerDir: string;
  let embedded: EmbeddedLedger;
  const fault = { broken: true };
  const raised: Alert[] = [];
  const logged: string[] = [];
  const publisher: AlertPublisher = { alertRaised: (a) => raised.push(a), alertUpdated: () => undefined, caseUpdated: () => undefined };
  const logger: Logger = {
    debug: () => undefined, info: () => undefined, warn: (o, m) => logged.push(`${m ?? ''} ${JSON.stringify(o)}`), error: (o, m) => logged.push(`${m ?? ''} ${JSON.stringify(o)}`),
  };

  before(async () => {
    store = await openDetectionStore();
    await applySchema(store.client, [...ALERT_STORE_SCHEMA, ...DETECTION_PROGRESS_SCHEMA, ...TYPOLOGY_PROGRESS_SCHEMA]);
    ledgerDir = mkdtempSync(join(tmpdir(), 'lagging-ledger-'));
    embedded = await openEmbeddedLedger({ directory: ledgerDir });
  });
  after(async () => {
    await embedded.close?.();
    await store.close();
    rmSync(ledgerDir, { recursive: true, force: true });
  });

  const pipeline = async (): Promise<AlertPipeline> => {
    const client = withBrokenFanIn(store.client, fault);
    const alerts = new AlertStore({ client: store.client });
    await alerts.load();
    return new AlertPipeline({
      client: store.client, engine: createDetectionEngine({ client }), store: alerts, ledger: new SupervisionLedger(embedded),
      operator: 'PBOC', routing: DEFAULT_ROUTING, institutions: DEMO_INSTITUTIONS, severityOf: (i) => severityOf(i, NO_LISTS),
      publisher, caseDeadlineDays: 14, logger, retryBaseMs: 50,
    });
  };
  const until = async (what: string, condition: () => boolean): Promise<void> => {
    for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(condition(), `timed out waiting until ${what}`);
  };

  it('keeps its watermark where it failed while the others go on, and examines those records once the cause is gone, across a restart', async () => {
    const hub = 'hub-account';
    const records = [
      ...Array.from({ length: 10 }, (_, i) => rec({ type: 'transfer', from: `payer-${i}`, to: hub, amount: 10_000, offsetMs: i * HOUR })),
      ...[0, 1, 2].map((h) => rec({ type: 'cash_deposit', from: 'saver', to: 'saver', amount: 45_000, offsetMs: h * HOUR })),
    ];
    const range = await loadRecords(store.client, records);

    const first = await pipeline();
    await first.start(range.uptoSeq);
    await first.caughtUp(range.uptoSeq);
    assert.deepEqual(raised.map((a) => a.typology), ['structuring'], 'the other typologies went on');
    const [lagging, ...none] = first.lagging();
    assert.equal(none.length, 0);
    assert.equal(lagging?.typology, 'fan_in');
    assert.equal(lagging?.uptoSeq, range.afterSeq, 'fan_in has examined nothing of the range');
    assert.match(lagging?.error ?? '', /detection_events_gone/);
    assert.ok(logged.some((l) => l.startsWith('typology failed; it keeps its watermark')), 'the failure is logged as such');
    // Still failing: it is retried with backoff, and stays where it was.
    await until('fan_in was retried', () => (first.lagging()[0]?.failures ?? 0) >= 2);
    assert.equal(first.lagging()[0]?.uptoSeq, range.afterSeq);
    await first.stop();

    // The cause goes away while the platform is down; after the restart fan_in resumes from its own watermark.
    fault.broken = false;
    const second = await pipeline();
    await second.start(range.uptoSeq);
    assert.equal(second.lagging()[0]?.typology, 'fan_in', 'the lag survived the restart');
    await until('fan_in caught up', () => second.lagging().length === 0);
    await until('the fan-in was alerted', () => raised.some((a) => a.typology === 'fan_in'));
    const fanIn = raised.find((a) => a.typology === 'fan_in')!;
    assert.equal(fanIn.txIds.length, 10);
    assert.deepEqual(raised.map((a) => a.typology).sort(), ['fan_in', 'structuring'], 'nothing raised twice');
    await second.stop();
  });
});
