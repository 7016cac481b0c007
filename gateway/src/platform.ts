import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { ConfigError, type PlatformConfig } from './config.js';
import { buildApp } from './app.js';
import { AccessDirectory } from './auth/session-store.js';
import { SessionFile } from './auth/session-file.js';
import { UserAdministration } from './auth/user-administration.js';
import { ApiKeyAdministration } from './auth/api-key-administration.js';
import path from 'node:path';
import type { CredentialsFile } from './auth/credential-bootstrap.js';
import { openPlatformCore, type PlatformCore } from './platform-core.js';
import type { HealthStatus } from './platform-components.js';
import { EngineProbe } from './engine-probe.js';
import { LiveAlertPublisher } from './live/live-alert-publisher.js';
import { DemoFeed } from './demo/demo-feed.js';
import { bundleMonitorUi } from '../../monitor-ui/build.js';
import { chromiumPathFromEnv, QuarterlyReportService, ReportPrinter } from './reports/index.js';

/** A running platform: HTTP API, live socket, dashboards, background detection and anchoring. */
export interface RunningPlatform {
  app: FastifyInstance;
  core: PlatformCore;
  access: AccessDirectory;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Pino logger options, or `false` for silence (tests). */
  log?: pino.LoggerOptions | false;
  /** Where log lines go (default stdout); tests capture them to check what is logged. */
  logStream?: pino.DestinationStream;
}

/**
 * Fastify's `https` server options when TLS is configured: the certificate and key, and for
 * mutual TLS the institutions' CA, with certificates requested but not demanded at the
 * handshake (departments' browsers have none; ingestion checks them, institution-certificates.ts).
 */
async function httpsOptions(config: PlatformConfig): Promise<{ https?: object }> {
  if (!config.tls) return {};
  const read = async (file: string, variable: string): Promise<Buffer> => readFile(file).catch((error: unknown) => {
    throw new ConfigError(`${variable}=${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const { certFile, keyFile, clientCaFile } = config.tls;
  return {
    https: {
      cert: await read(certFile, 'SUPTECH_TLS_CERT_FILE'), key: await read(keyFile, 'SUPTECH_TLS_KEY_FILE'),
      ...(clientCaFile ? { ca: await read(clientCaFile, 'SUPTECH_TLS_CLIENT_CA_FILE'), requestCert: true, rejectUnauthorized: false } : {}),
    },
  };
}

/** How long health waits for fresh engine probes before answering the latest readings. */
const HEALTH_WAIT_MS = 300;

/** Starts everything and listens on `config.host:config.port` (port 0 picks a free one). */
export async function startPlatform(config: PlatformConfig, options: StartOptions = {}): Promise<RunningPlatform> {
  const level = { level: config.logLevel };
  const logger = options.log === false ? pino({ level: 'silent' })
    : options.logStream ? pino(options.log ?? level, options.logStream) : pino(options.log ?? level);
  // TLS files first: a missing one stops the start before any engine is opened.
  const https = await httpsOptions(config);
  const core = await openPlatformCore(config, logger);
  // Sessions survive a restart (digests only, in auth/sessions.json): a restart logs nobody out.
  const access = new AccessDirectory({
    directory: core.auth.directory, sessionTtlMinutes: config.sessionTtlMinutes,
    sessions: new SessionFile({ path: path.join(config.dataDir, 'auth', 'sessions.json') }),
  });
  const restored = await access.restore();
  if (restored > 0) logger.info({ sessions: restored }, `${restored} session(s) restored from before the restart`);
  // Engines probed in the background: health answers from memory, at once, however busy they are.
  const analyticsProbe = new EngineProbe({
    probe: async () => ({ records: await core.records.maxSeq(), anchoredUpToSeq: await core.batches.anchoredUpToSeq() }),
  });
  const ledgerProbe = new EngineProbe({ probe: () => core.ledger.backend.height() });
  await Promise.all([analyticsProbe.refresh(), ledgerProbe.refresh()]);
  const health = async (): Promise<HealthStatus> => {
    const [{ value: stored, ...analytics }, { value: height, ...ledger }] = await Promise.all([analyticsProbe.fresh(HEALTH_WAIT_MS), ledgerProbe.fresh(HEALTH_WAIT_MS)]);
    // A typology behind the others is an operational alert: health says which, since when and why.
    const lagging = core.pipeline.lagging();
    const halt = core.anchorer.halted;
    const anchoredUpToSeq = stored?.anchoredUpToSeq;
    const integrity = core.integrity.status;
    return {
      status: analytics.ok && ledger.ok && lagging.length === 0 && !halt && integrity.state !== 'violated' ? 'ok' : 'degraded',
      integrity,
      partition: core.partition.id,
      anchoring: halt ? { state: 'halted', anchoredUpToSeq, reason: halt.reason, batchId: halt.batchId, since: halt.since } : { state: 'running', anchoredUpToSeq },
      analytics: { engine: config.clickhouse.url ? 'clickhouse' : 'chdb', ...analytics, ...(stored ? { records: stored.records } : {}) },
      ledger: { backend: config.ledger, ...ledger, ...(height === undefined ? {} : { height }) },
      detection: { processedSeq: core.pipeline.processedSeq, ingestedSeq: stored?.records ?? 0, lagging },
    };
  };
  const { files } = await bundleMonitorUi({ timeZone: config.timeZone });
  const reports = new QuarterlyReportService({
    client: core.client, ledger: core.ledger, reader: config.operatorDepartment, printer: new ReportPrinter({ executablePath: chromiumPathFromEnv() }),
  });
  const app = await buildApp(
    { config, access, client: core.client, pseudonymizer: core.pseudonymizer, lists: core.lists, users: new UserAdministration({ directory: core.auth.directory, directoryPath: path.join(config.dataDir, 'auth', 'directory.json'), access }), apiKeys: new ApiKeyAdministration({ directory: core.auth.directory, directoryPath: path.join(config.dataDir, 'auth', 'directory.json'), operator: config.operatorDepartment }), ingestion: core.ingestion, proofs: core.proofs, alerts: core.alerts, review: core.review, discussion: core.discussion, triage: core.triage, indicators: core.indicators, health, reports, ui: files },
    { loggerInstance: logger, ...https },
  );
  const live = new LiveAlertPublisher({ httpServer: app.server, access });
  const detach = core.publisher.attach(live);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `${config.tls ? 'https' : 'http'}://${config.host}:${port}`;
  let feed: DemoFeed | undefined;
  if (config.demoFeed) {
    // The feed sends as the demo institutions, with the keys of the hand-over file; once the
    // operator has deleted it, there are no keys to send with.
    const credentials = await readFile(core.auth.credentialsPath, 'utf8').then((text) => JSON.parse(text) as CredentialsFile, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (credentials) {
      feed = new DemoFeed({ baseUrl: url, institutions: credentials.institutions, logger });
      feed.start();
    } else logger.warn(`demo feed off: ${core.auth.credentialsPath} (the institutions' API keys) was deleted`);
  }
  return {
    app, core, access, url,
    async close() {
      feed?.stop();
      analyticsProbe.stop();
      ledgerProbe.stop();
      detach();
      live.close();
      await app.close();
      await reports.close();
      await core.close();
    },
  };
}
