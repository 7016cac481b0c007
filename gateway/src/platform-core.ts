import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { ConfigError, secretsDirOf, type PlatformConfig } from './config.js';
import { applySchema, createAnalyticsClient } from '../../core/src/storage/analytics-client.js';
import { TransactionStore } from '../../core/src/storage/transaction-store.js';
import { BatchStore } from '../../core/src/storage/batch-store.js';
import { Pseudonymizer } from './ingest/pseudonymizer.js';
import { IngestionService } from './ingest/ingestion-service.js';
import { PreparationPool } from './ingest/preparation/preparation-pool.js';
import { AnchoringHaltedError, BatchAnchorer } from './anchoring/batch-anchorer.js';
import { RecordProofService } from './anchoring/record-proof.js';
import { loadOrCreatePartition, type PartitionIdentity } from './anchoring/partition.js';
import { reconcileAnchors } from './anchoring/anchor-reconciliation.js';
import { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import type { Ledger } from '../../core/src/ledger/ledger.js';
import { openEmbeddedLedger } from '../../core/src/ledger/embedded/index.js';
import { loadPseudonymizationKey } from './secrets.js';
import { DEMO_INSTITUTIONS, type Institution } from '../../core/src/domain/institution-registry.js';
import { loadOrCreateCredentials, type AuthDirectory } from './auth/credential-bootstrap.js';
import { warnIfCredentialsFileRemains } from './auth/credentials-handover.js';
import type { Logger } from '../../core/src/logger.js';
import { createDetectionEngine } from '../../alerts/src/detection/index.js';
import { ALERT_STORE_SCHEMA, AlertStore } from '../../alerts/src/alert-store.js';
import { DETECTION_PROGRESS_SCHEMA } from '../../alerts/src/detection-progress.js';
import { TYPOLOGY_PROGRESS_SCHEMA } from '../../alerts/src/typology-progress.js';
import { CASE_COMMENTS_SCHEMA, CaseCommentStore } from '../../alerts/src/case-comments.js';
import { CASE_DISCUSSION_SCHEMA, CaseDiscussion } from '../../alerts/src/case-discussion.js';
import { CASE_TRIAGE_SCHEMA, CaseTriage } from '../../alerts/src/case-triage.js';
import { AlertPipeline } from '../../alerts/src/alert-pipeline.js';
import { PublisherFanout } from '../../alerts/src/publisher-fanout.js';
import { JointReviewService } from '../../alerts/src/joint-review-service.js';
import { relayCaseEvents } from '../../alerts/src/case-event-relay.js';
import { DEFAULT_ROUTING } from '../../alerts/src/routing.js';
import { ListGovernance, loadDetectionLists, ruleSetHash, severityOf, validateRuleSet, type DetectionLists } from '../../alerts/src/rules/index.js';
import { parseRoutingTable } from '../../alerts/src/routing-config.js';
import { EscalationSweeper } from '../../alerts/src/escalation-sweeper.js';
import { DataIntegrityAlerts } from '../../alerts/src/data-integrity-alerts.js';
import { IntegritySweep } from './integrity/integrity-sweep.js';
import { CrossBorderAnomalyAlerts } from '../../alerts/src/cross-border-model/cross-border-anomaly-alerts.js';
import { CrossBorderAnomalyMonitor } from '../../alerts/src/cross-border-model/cross-border-anomaly-monitor.js';
import { DEFAULT_INDICATOR_SET, IndicatorBreachCases, IndicatorMonitor, quarterOfInstant, validateIndicatorSet } from '../../alerts/src/indicators/index.js';

/** The platform without its HTTP face: engines, ingestion, anchoring, detection, review. */
export interface PlatformCore {
  config: PlatformConfig;
  client: ClickHouseClient;
  ledger: SupervisionLedger;
  auth: { directory: AuthDirectory; credentialsPath: string; created: boolean };
  institutions: readonly Institution[];
  records: TransactionStore;
  pseudonymizer: Pseudonymizer;
  ingestion: IngestionService;
  anchorer: BatchAnchorer;
  batches: BatchStore;
  /** This gateway's partition: it qualifies the batch ids it anchors. */
  partition: PartitionIdentity;
  proofs: RecordProofService;
  alerts: AlertStore;
  pipeline: AlertPipeline;
  review: JointReviewService;
  /** Case discussion threads (texts off-chain, hashes on the ledger). */
  discussion: CaseDiscussion;
  /** Each department's assignments and acknowledgements of its cases. */
  triage: CaseTriage;
  publisher: PublisherFanout;
  escalation: EscalationSweeper;
  /** Departments' list entries (scoped, approved on the ledger). */
  lists: ListGovernance;
  /** Recomputes anchored batches from storage against the ledger; raises `data_integrity` alerts. */
  integrity: IntegritySweep;
  /** Risk indicators by institution and period; breaches open joint reviews. */
  indicators: IndicatorMonitor;
  /** The cross-border anomaly model: trained on stored history, scoring remittances as they are stored. */
  crossBorder: CrossBorderAnomalyMonitor;
  /** Waits until every stored record is anchored and examined by detection. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

async function openLedger(config: PlatformConfig): Promise<Ledger> {
  if (config.ledger === 'fabric') {
    // Loaded only when selected: the Fabric SDK and its gRPC stack stay out of the default path.
    const fabricModule = '../../core/src/ledger/fabric/index.js';
    const { openFabricLedgerFromEnv } = (await import(fabricModule)) as { openFabricLedgerFromEnv: (o: { dataDir: string }) => Promise<Ledger> };
    return openFabricLedgerFromEnv({ dataDir: config.dataDir });
  }
  // The departments' signing keys live with the secrets, each in its own directory.
  return openEmbeddedLedger({
    directory: path.join(config.dataDir, 'ledger'), keysDirectory: path.join(secretsDirOf(config), 'ledger-keys'),
    legacyKeysDirectories: [path.join(config.dataDir, 'ledger', 'keys')],
  });
}

/** Reads and validates a JSON configuration file; a bad one stops startup naming the variable and the field. */
async function readJsonConfig<T>(file: string | undefined, variable: string, parse: (value: unknown) => T): Promise<T | undefined> {
  if (!file) return undefined;
  try {
    return parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new ConfigError(`${variable}=${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The departments share the detection model's parameters tamper-evidently: its hash is on the ledger. */
async function anchorActiveRuleSet(ledger: SupervisionLedger, config: PlatformConfig, ruleSet: Parameters<typeof ruleSetHash>[0]): Promise<void> {
  const hash = ruleSetHash(ruleSet);
  const anchored = await ledger.getRuleSet(config.operatorDepartment, ruleSet.version);
  // Already on the ledger: nothing to write (every CLI run would otherwise add a block).
  if (anchored?.hash === hash) return;
  await ledger.anchorRuleSet(config.operatorDepartment, { version: ruleSet.version, hash });
}

/** Severity from the amount and the negative list, with the lists re-read at most every 2 s. */
function severityWithLists(client: ClickHouseClient): (incident: Parameters<typeof severityOf>[0]) => Promise<ReturnType<typeof severityOf>> {
  let lists: DetectionLists | undefined;
  let loadedAt = 0;
  return async (incident) => {
    if (!lists || Date.now() - loadedAt > 2000) {
      lists = await loadDetectionLists(client);
      loadedAt = Date.now();
    }
    return severityOf(incident, lists);
  };
}

/**
 * The composition root: every adapter is created and wired here, nowhere else.
 * Background loops (anchoring, detection) start only when `start` is true.
 */
export async function openPlatformCore(config: PlatformConfig, logger: Logger, options: { start?: boolean } = {}): Promise<PlatformCore> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  // Only the platform's user reads the data, whatever modes the engines give their files.
  await chmod(config.dataDir, 0o700);
  const secretsDir = secretsDirOf(config);
  await warnIfCredentialsFileRemains(config.dataDir, logger);
  // Configuration files first: a bad one must fail before any engine is opened.
  const ruleSet = await readJsonConfig(config.ruleSetFile, 'SUPTECH_RULE_SET_FILE', validateRuleSet);
  const routing = (await readJsonConfig(config.routingFile, 'SUPTECH_ROUTING_FILE', parseRoutingTable)) ?? DEFAULT_ROUTING;
  const indicatorSet = (await readJsonConfig(config.indicatorSetFile, 'SUPTECH_INDICATOR_SET_FILE', validateIndicatorSet)) ?? DEFAULT_INDICATOR_SET;
  // The key before any engine: a missing or different key stops the start with nothing opened.
  const pseudonymization = await loadPseudonymizationKey({
    dataDir: config.dataDir, secretsDir, envKey: config.pseudonymizationKey, keyFile: config.pseudonymizationKeyFile,
    onNote: (message) => logger.warn(message),
  });
  logger.info({ version: pseudonymization.version, source: pseudonymization.source }, `pseudonymization key version ${String(pseudonymization.version)} from ${pseudonymization.source}`);
  const client = createAnalyticsClient({ ...config.clickhouse, path: path.join(config.dataDir, 'chdb') });
  const engine = createDetectionEngine({ client, ...(ruleSet ? { ruleSet } : {}) });
  let ledger: SupervisionLedger | undefined;
  let auth: Awaited<ReturnType<typeof loadOrCreateCredentials>>;
  let partition: PartitionIdentity;
  const batches = new BatchStore({ client });
  try {
    await applySchema(client, [...engine.schemaStatements(), ...ALERT_STORE_SCHEMA, ...DETECTION_PROGRESS_SCHEMA, ...TYPOLOGY_PROGRESS_SCHEMA, ...CASE_COMMENTS_SCHEMA, ...CASE_DISCUSSION_SCHEMA, ...CASE_TRIAGE_SCHEMA]);
    ledger = new SupervisionLedger(await openLedger(config));
    auth = await loadOrCreateCredentials(config.dataDir, DEMO_INSTITUTIONS);
    await anchorActiveRuleSet(ledger, config, engine.ruleSet());
    partition = await loadOrCreatePartition(config.dataDir, config.partition, () => batches.anchoredUpToSeq());
    if (partition.origin !== 'stored') {
      logger.info({ partition: partition.id, origin: partition.origin }, `partition ${partition.id} (${partition.origin}) stored in the data directory`);
    }
    if (partition.legacyUpToSeq !== undefined && partition.origin !== 'stored') {
      logger.info({ legacyUpToSeq: partition.legacyUpToSeq }, 'data directory predates partitions: its batches keep their unqualified ids; new batches are qualified');
    }
    // Only a running platform reconciles (it may write); `verify` must see the ledger as it is.
    if (options.start !== false) await reconcileAnchors({ batches, ledger, submitter: config.operatorDepartment, logger });
  } catch (error) {
    // A failed start releases what it opened: the data directory must be usable by the next attempt.
    await ledger?.backend.close().catch(() => undefined);
    await client.close().catch(() => undefined);
    throw error;
  }
  const institutions = auth.directory.institutions;
  const records = new TransactionStore({ client });
  const anchorer = new BatchAnchorer({
    records, batches, ledger, submitter: config.operatorDepartment, maxBatchSize: config.anchorBatchMax, partition: partition.id,
    onHalted: (halt) => logger.error({ halt }, `anchoring halted: the ledger refused batch ${halt.batchId} (${halt.code}), which retrying cannot resolve: ${halt.reason}`),
  });
  const alerts = new AlertStore({ client });
  await alerts.load();
  const publisher = new PublisherFanout();
  const review = new JointReviewService({ ledger, alerts, comments: new CaseCommentStore({ client }), publisher });
  const discussion = new CaseDiscussion({ client, ledger, review, publisher });
  const triage = new CaseTriage({
    client, review,
    members: (department) => auth.directory.users.filter((u) => u.department === department && (u.role === 'analyst' || u.role === 'reviewer')).map((u) => u.username),
  });
  const pipeline = new AlertPipeline({
    client, engine, store: alerts, ledger, operator: config.operatorDepartment, routing, institutions,
    severityOf: severityWithLists(client), publisher, caseDeadlineDays: config.caseDeadlineDays, logger,
  });
  const crossBorder = new CrossBorderAnomalyMonitor({
    client, ledger, operator: config.operatorDepartment,
    alerts: new CrossBorderAnomalyAlerts({ store: alerts, ledger, operator: config.operatorDepartment, publisher, routing, institutions, caseDeadlineDays: config.caseDeadlineDays }),
  });
  // Highest seq ingestion reported and the model has not scored yet (scored on a short timer, off the ingestion path).
  let remittancesUpTo = 0;
  const pseudonymizer = new Pseudonymizer({ key: pseudonymization.key });
  // The CLI (start: false) prepares on its own thread; a running platform uses worker threads.
  const preparation = new PreparationPool({ key: pseudonymization.key, workers: options.start === false ? 0 : config.ingestLimits.workers });
  const ingestion = new IngestionService({
    store: records,
    pool: preparation,
    keyFilterLog2Bits: config.ingestLimits.keyFilterLog2Bits,
    onCommitted: (rows) => anchorer.committed(rows),
    onIngested: (uptoSeq) => { pipeline.notify(uptoSeq); remittancesUpTo = uptoSeq; },
  });
  const proofs = new RecordProofService({ records, batches, ledger, reader: config.operatorDepartment });
  const lists = new ListGovernance({ client, ledger, routing });
  const integrity = new IntegritySweep({
    client, batches, ledger, reader: config.operatorDepartment, logger,
    alerts: new DataIntegrityAlerts({ store: alerts, ledger, operator: config.operatorDepartment, publisher, caseDeadlineDays: config.caseDeadlineDays }),
  });
  const indicators = new IndicatorMonitor({
    client, set: indicatorSet, routing, institutions,
    // Figures change only with stored records or with alerts (traced loans, case states).
    freshness: async () => `${await records.maxSeq()}:${alerts.all().length}:${alerts.all().reduce((n, a) => n + a.version, 0)}`,
    cases: new IndicatorBreachCases({ store: alerts, ledger, operator: config.operatorDepartment, publisher, caseDeadlineDays: config.caseDeadlineDays }),
  });
  // Which definitions produced a figure is checkable on the ledger, as for the rule set.
  await indicators.anchorDefinitions(ledger, config.operatorDepartment);
  const escalation = new EscalationSweeper({ ledger, alerts, review, operator: config.operatorDepartment, logger });
  const timers: NodeJS.Timeout[] = [];
  const stopRelay = relayCaseEvents({ ledger: ledger.backend, review, logger });
  if (options.start !== false) {
    await pipeline.start(await records.maxSeq());
    if (config.integritySweepMinutes > 0) {
      timers.push(setInterval(() => { integrity.sweep().catch((err: unknown) => logger.error({ err }, 'integrity sweep failed; will retry')); }, config.integritySweepMinutes * 60_000));
    }
    // Indicators are evaluated continuously: the current quarter every few minutes, so a breach opens its review without anyone asking.
    if (config.indicatorIntervalMinutes > 0) {
      timers.push(setInterval(() => { indicators.evaluate(quarterOfInstant(new Date()).id).catch((err: unknown) => logger.error({ err }, 'indicator evaluation failed; will retry')); }, config.indicatorIntervalMinutes * 60_000));
    }
    // The model trains at start (in the background) and daily; new remittances are scored every 2 s.
    const retrain = (): void => { crossBorder.retrain().catch((err: unknown) => logger.error({ err }, 'cross-border model training failed; will retry')); };
    retrain();
    timers.push(setInterval(retrain, 24 * 3_600_000));
    timers.push(setInterval(() => {
      if (crossBorder.model) crossBorder.scoreNew(remittancesUpTo).catch((err: unknown) => logger.error({ err }, 'cross-border scoring failed; will retry'));
    }, 2000));
    timers.push(setInterval(() => { escalation.sweep().catch((err: unknown) => logger.error({ err }, 'escalation sweep failed')); }, 60_000));
    timers.push(setInterval(() => { if (!anchorer.halted) anchorer.anchorPending().catch((err: unknown) => { if (!(err instanceof AnchoringHaltedError)) logger.error({ err }, 'anchoring failed; will retry'); }); }, config.anchorIntervalMs));
  }
  return {
    config, client, ledger, auth, institutions, records, pseudonymizer, ingestion, anchorer, batches, partition, proofs, alerts, pipeline, review, discussion, triage, publisher, escalation, lists, integrity, indicators, crossBorder,
    async settle() {
      const upto = await records.maxSeq();
      await anchorer.anchorPending();
      pipeline.notify(upto);
      await pipeline.caughtUp(upto);
    },
    async close() {
      for (const t of timers) clearInterval(t);
      stopRelay();
      await pipeline.stop();
      if (!anchorer.halted) await anchorer.anchorPending().catch(() => undefined);
      await preparation.close();
      await ledger.backend.close();
      await client.close();
    },
  };
}
