import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../../core/src/domain/alert.js';
import { openEmbeddedLedger, type EmbeddedLedger } from '../../core/src/ledger/embedded/index.js';
import { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import { DEMO_INSTITUTIONS } from '../../core/src/domain/institution-registry.js';
import type { IncomingTransactionRecord } from '../../core/src/domain/transaction-record.js';
import type { Logger } from '../../core/src/logger.js';
import { applySchema } from '../../core/src/storage/analytics-client.js';
import { AlertPipeline } from '../../alerts/src/alert-pipeline.js';
import { ALERT_STORE_SCHEMA, AlertStore } from '../../alerts/src/alert-store.js';
import type { AlertPublisher } from '../../alerts/src/alert-publisher.js';
import { DETECTION_PROGRESS_SCHEMA } from '../../alerts/src/detection-progress.js';
import { TYPOLOGY_PROGRESS_SCHEMA } from '../../alerts/src/typology-progress.js';
import { createDetectionEngine } from '../../alerts/src/detection/index.js';
import { EVIDENCE_CAP, EVIDENCE_FIRST } from '../../alerts/src/typologies/evidence-cap.js';
import { DEFAULT_ROUTING } from '../../alerts/src/routing.js';
import { NO_LISTS, severityOf } from '../../alerts/src/rules/index.js';
import { loadRecords } from '../../alerts/src/scenarios/index.js';
import { openDetectionStore, type DetectionStore } from './support/detection-store.js';
import { HOUR, T0, rec } from './support/records.js';

/** Records between one pair of accounts (the API accepts them): 200,000 within 24 hours. */
const HOT_RECORDS = 200_000;
/** Process memory growth (chDB runs in this process) the whole test may cause. */
const MEMORY_BOUND_BYTES = 2 * 1024 ** 3;

function hotPair(count: number): IncomingTransactionRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    txId: `hot-${i}`, institution: 'BANK_A', ts: new Date(T0 + Math.floor((i * 86_000_000) / count)).toISOString(),
    type: 'transfer', from: 'hot-sender', to: 'hot-recipient', amount: (1_000 + (i % 9_000)).toFixed(2),
  }));
}

describe('Detection on skewed data', function () {
  this.timeout(120_000);
  let store: DetectionStore;
  let ledgerDir: string;
  let embedded: EmbeddedLedger;
  let pipeline: AlertPipeline;
  let seq = 0;
  let peakRss = 0;
  let sampler: NodeJS.Timeout;
  const startRss = process.memoryUsage.rss();
  const raised: Alert[] = [];
  const errors: string[] = [];
  const publisher: AlertPublisher = { alertRaised: (a) => raised.push(a), alertUpdated: () => undefined, caseUpdated: () => undefined };
  const logger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (o, m) => errors.push(`${m ?? ''} ${JSON.stringify(o)}`) };

  const ingest = async (records: readonly IncomingTransactionRecord[]): Promise<void> => {
    seq = (await loadRecords(store.client, records, seq)).uptoSeq;
    pipeline.notify(seq);
    await pipeline.caughtUp(seq);
  };

  before(async () => {
    sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); }, 50);
    store = await openDetectionStore();
    await applySchema(store.client, [...ALERT_STORE_SCHEMA, ...DETECTION_PROGRESS_SCHEMA, ...TYPOLOGY_PROGRESS_SCHEMA]);
    ledgerDir = mkdtempSync(join(tmpdir(), 'hot-account-ledger-'));
    embedded = await openEmbeddedLedger({ directory: ledgerDir });
    const alerts = new AlertStore({ client: store.client });
    await alerts.load();
    pipeline = new AlertPipeline({
      client: store.client, engine: createDetectionEngine({ client: store.client }), store: alerts, ledger: new SupervisionLedger(embedded),
      operator: 'PBOC', routing: DEFAULT_ROUTING, institutions: DEMO_INSTITUTIONS, severityOf: (i) => severityOf(i, NO_LISTS),
      publisher, caseDeadlineDays: 14, logger, retryBaseMs: 50,
    });
    await pipeline.start(0);
  });
  after(async () => {
    clearInterval(sampler);
    await pipeline.stop();
    await embedded.close?.();
    await store.close();
    rmSync(ledgerDir, { recursive: true, force: true });
  });

  it('examines a hot account pair with every typology, then alerts a fan-in on other accounts, with memory bounded', async () => {
    await ingest(hotPair(HOT_RECORDS));
    assert.deepEqual(pipeline.lagging(), [], 'no typology failed on the hot pair');
    assert.deepEqual(errors, []);
    assert.equal(raised.length, 0, 'one pair of accounts is no pattern');

    const payers = Array.from({ length: 10 }, (_, i) => rec({ type: 'transfer', from: `payer-${i}`, to: 'collector', amount: 12_000, offsetMs: 2 * HOUR + i * 60_000 }));
    await ingest(payers);
    const fanIn = raised.find((a) => a.typology === 'fan_in');
    assert.ok(fanIn, 'the fan-in on other accounts was alerted');
    assert.deepEqual([...fanIn.txIds].sort(), payers.map((p) => p.txId).sort());
    assert.equal(fanIn.evidenceCapped, undefined, 'ten records are not capped');
    assert.deepEqual(pipeline.lagging(), []);
    assert.ok(peakRss - startRss < MEMORY_BOUND_BYTES, `process memory grew by ${Math.round((peakRss - startRss) / 2 ** 20)} MB`);
  });

  it('caps the evidence of a fan-in over thousands of senders to the first and largest records, and says so', async () => {
    const senders = 3_000;
    const transfers = Array.from({ length: senders }, (_, i) => rec({
      type: 'transfer', from: `sender-${i}`, to: 'mule', amount: i === 2_000 ? 900_000 : 100 + (i % 50), offsetMs: 3 * HOUR + i * 1_000,
    }));
    await ingest(transfers);
    const alert = raised.find((a) => a.typology === 'fan_in' && a.accounts.includes('mule'));
    assert.ok(alert, 'the fan-in was alerted');
    assert.deepEqual(alert.evidenceCapped, { records: senders, shown: EVIDENCE_CAP });
    assert.equal(alert.txIds.length, EVIDENCE_CAP);
    const listed = new Set(alert.txIds);
    assert.ok(transfers.slice(0, EVIDENCE_FIRST).every((t) => listed.has(t.txId)), 'the first records are listed');
    assert.ok(listed.has(transfers[2_000]!.txId), 'the largest record is listed');
    assert.deepEqual(pipeline.lagging(), []);
  });
});
