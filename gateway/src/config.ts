import { availableParallelism } from 'node:os';
import path from 'node:path';
import { isDepartment, type Department } from '../../core/src/domain/departments.js';

/** The platform's configuration, read and validated once at startup (see .env.example). */
export interface PlatformConfig {
  host: string;
  port: number;
  dataDir: string;
  demoFeed: boolean;
  /** IANA zone the dashboards show times in (`SUPTECH_TIME_ZONE`, default Asia/Shanghai). */
  timeZone: string;
  /** Level of the platform's log (`SUPTECH_LOG_LEVEL`); each HTTP request is logged at `debug`. */
  logLevel: 'error' | 'warn' | 'info' | 'debug' | 'trace';
  clickhouse: { url?: string; username?: string; password?: string; database?: string };
  ledger: 'embedded' | 'fabric';
  /** Department whose identity signs batch anchors and alert records (the platform operator). */
  operatorDepartment: Department;
  sessionTtlMinutes: number;
  caseDeadlineDays: number;
  anchorIntervalMs: number;
  anchorBatchMax: number;
  detectIntervalMs: number;
  /** JSON rule set to run instead of the catalogue defaults (validated at startup). */
  ruleSetFile?: string;
  /** JSON routing table overriding the default typology → departments routes. */
  routingFile?: string;
  /** JSON indicator set to run instead of the default risk indicators (validated at startup). */
  indicatorSetFile?: string;
  /** Bounds of `POST /api/v1/transactions` (backpressure). */
  ingestLimits: IngestLimits;
  /** This gateway's partition (`SUPTECH_PARTITION`); unset: the one stored in the data directory, or a new random one. */
  partition?: string;
  /**
   * Where secrets live, apart from the data (`SUPTECH_SECRETS_DIR`): the pseudonymization key
   * and the departments' ledger signing keys. Unset: `<data dir>-secrets` (see {@link secretsDirOf}).
   */
  secretsDir?: string;
  /** The pseudonymization key given from outside (`SUPTECH_PSEUDONYMIZATION_KEY`, base64 of at least 32 bytes). */
  pseudonymizationKey?: Buffer;
  /** A file holding the pseudonymization key in base64 (`SUPTECH_PSEUDONYMIZATION_KEY_FILE`). */
  pseudonymizationKeyFile?: string;
  /** Minutes between integrity sweeps of the anchored batches (`SUPTECH_INTEGRITY_SWEEP_MINUTES`; 0: none). */
  integritySweepMinutes: number;
  /** Minutes between evaluations of the running quarter's risk indicators (`SUPTECH_INDICATOR_INTERVAL_MINUTES`; 0: only when read). */
  indicatorIntervalMinutes: number;
  /** Ingestion requests one API key may make a minute (`SUPTECH_INGEST_REQUESTS_PER_KEY_PER_MINUTE`; 0: no limit). */
  ingestRequestsPerKeyPerMinute: number;
  /**
   * HTTPS (`SUPTECH_TLS_CERT_FILE`, `SUPTECH_TLS_KEY_FILE`, PEM) and mutual TLS for institutions
   * (`SUPTECH_TLS_CLIENT_CA_FILE`: ingestion needs a client certificate from this CA naming the institution).
   */
  tls?: { certFile: string; keyFile: string; clientCaFile?: string };
  /** Who reads health's details (`SUPTECH_HEALTH_DETAILS`): `login` (default; the public answer is status and engines only) or `public`. */
  healthDetails: 'login' | 'public';
}

/** The secrets directory of a configuration: the configured one, or `<data dir>-secrets` beside the data directory. */
export function secretsDirOf(config: Readonly<Pick<PlatformConfig, 'dataDir' | 'secretsDir'>>): string {
  const dir = config.secretsDir ?? `${config.dataDir}-secrets`;
  const relative = path.relative(config.dataDir, dir);
  // Inside the data directory, a backup of the data would carry the key that re-identifies it.
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new ConfigError(`SUPTECH_SECRETS_DIR=${dir}: must lie outside the data directory ${config.dataDir}`);
  }
  return dir;
}

function base64Key(env: Env, name: string): Buffer | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const key = Buffer.from(raw.trim(), 'base64');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw.trim()) || key.length < 32) {
    throw new ConfigError(`${name}: must be the base64 of at least 32 random bytes (e.g. openssl rand -base64 32)`);
  }
  return key;
}

/** A partition id: letters, digits and `_`, at most 32 (no `-`, so batch ids `B-<partition>-<first>-<last>` parse). */
export const PARTITION_PATTERN = /^[A-Za-z0-9_]{1,32}$/;

/** How much ingestion work one request, and all requests together, may hold. */
export interface IngestLimits {
  /** Largest request body (413 beyond). */
  maxBodyBytes: number;
  /** Most records in one request (413 beyond). */
  maxRecordsPerRequest: number;
  /** Body bytes of the requests in flight (declared Content-Length; 429 beyond, one request is always admitted). */
  maxBytesInFlight: number;
  /** Worker threads that prepare records (parse, validate, pseudonymize, hash); 0: on the event loop. */
  workers: number;
  /** log2 of the bits of the in-memory duplicate filter (27: 16 MiB, ~14 million keys at 1% false positives). */
  keyFilterLog2Bits: number;
  /** Parsed records of the requests in flight (429 beyond, one request is always admitted). */
  maxRecordsInFlight: number;
  /** Rejections listed in one answer; the answer gives the total beyond that. */
  maxRejectionsListed: number;
  /** The `Retry-After` of a 429, in seconds. */
  retryAfterSeconds: number;
}

export class ConfigError extends Error {}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw}: must be an integer between ${min} and ${max}`);
  }
  return value;
}

/** An IANA time zone the runtime knows (`Intl` refuses any other). */
function timeZoneOf(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: raw });
  } catch {
    throw new ConfigError(`${name}: "${raw}" is not an IANA time zone (e.g. Asia/Shanghai)`);
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name}=${raw}: must be one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

/** The TLS files, both or neither; a client CA only with them. */
function tlsOf(env: Env): Pick<PlatformConfig, 'tls'> {
  const [cert, key, ca] = [env.SUPTECH_TLS_CERT_FILE, env.SUPTECH_TLS_KEY_FILE, env.SUPTECH_TLS_CLIENT_CA_FILE].map((v) => (v ? path.resolve(v) : undefined));
  if (!cert && !key) {
    if (ca) throw new ConfigError(`SUPTECH_TLS_CLIENT_CA_FILE=${ca}: needs SUPTECH_TLS_CERT_FILE and SUPTECH_TLS_KEY_FILE (mutual TLS is TLS)`);
    return {};
  }
  if (!cert || !key) throw new ConfigError(`${cert ? 'SUPTECH_TLS_KEY_FILE' : 'SUPTECH_TLS_CERT_FILE'}: must be set with ${cert ? 'SUPTECH_TLS_CERT_FILE' : 'SUPTECH_TLS_KEY_FILE'}`);
  return { tls: { certFile: cert, keyFile: key, ...(ca ? { clientCaFile: ca } : {}) } };
}

/** Reads the configuration from the environment; a bad value fails fast naming the variable. */
export function loadConfig(env: Env = process.env): PlatformConfig {
  const operator = env.SUPTECH_OPERATOR_DEPARTMENT ?? 'PBOC';
  if (!isDepartment(operator)) throw new ConfigError(`SUPTECH_OPERATOR_DEPARTMENT=${operator}: not a department code`);
  const url = env.CLICKHOUSE_URL;
  if (url !== undefined && url !== '' && !/^https?:\/\//.test(url)) {
    throw new ConfigError(`CLICKHOUSE_URL=${url}: must be an http(s) URL`);
  }
  const partition = env.SUPTECH_PARTITION;
  if (partition !== undefined && partition !== '' && !PARTITION_PATTERN.test(partition)) {
    throw new ConfigError(`SUPTECH_PARTITION=${partition}: must be 1 to 32 letters, digits or _`);
  }
  const secretsDir = env.SUPTECH_SECRETS_DIR ? path.resolve(env.SUPTECH_SECRETS_DIR) : undefined;
  const dataDir = path.resolve(env.SUPTECH_DATA_DIR ?? 'data');
  if (secretsDir !== undefined) secretsDirOf({ dataDir, secretsDir });
  return {
    partition: partition || undefined,
    secretsDir,
    integritySweepMinutes: integer(env, 'SUPTECH_INTEGRITY_SWEEP_MINUTES', 15, 0, 7 * 24 * 60),
    indicatorIntervalMinutes: integer(env, 'SUPTECH_INDICATOR_INTERVAL_MINUTES', 5, 0, 7 * 24 * 60),
    ingestRequestsPerKeyPerMinute: integer(env, 'SUPTECH_INGEST_REQUESTS_PER_KEY_PER_MINUTE', 6000, 0, 10_000_000),
    ...tlsOf(env),
    healthDetails: oneOf(env, 'SUPTECH_HEALTH_DETAILS', ['login', 'public'], 'login'),
    pseudonymizationKey: base64Key(env, 'SUPTECH_PSEUDONYMIZATION_KEY'),
    pseudonymizationKeyFile: env.SUPTECH_PSEUDONYMIZATION_KEY_FILE ? path.resolve(env.SUPTECH_PSEUDONYMIZATION_KEY_FILE) : undefined,
    host: env.HOST ?? '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65535),
    dataDir,
    demoFeed: oneOf(env, 'SUPTECH_DEMO_FEED', ['0', '1'], '1') === '1',
    logLevel: oneOf(env, 'SUPTECH_LOG_LEVEL', ['error', 'warn', 'info', 'debug', 'trace'], 'info'),
    timeZone: timeZoneOf(env, 'SUPTECH_TIME_ZONE', 'Asia/Shanghai'),
    clickhouse: {
      url: url || undefined, username: env.CLICKHOUSE_USER, password: env.CLICKHOUSE_PASSWORD,
      database: env.CLICKHOUSE_DATABASE,
    },
    ledger: oneOf(env, 'SUPTECH_LEDGER', ['embedded', 'fabric'], 'embedded'),
    operatorDepartment: operator,
    sessionTtlMinutes: integer(env, 'SUPTECH_SESSION_TTL_MINUTES', 480, 1, 7 * 24 * 60),
    caseDeadlineDays: integer(env, 'SUPTECH_CASE_DEADLINE_DAYS', 10, 1, 365),
    anchorIntervalMs: integer(env, 'SUPTECH_ANCHOR_INTERVAL_MS', 250, 50, 600_000),
    anchorBatchMax: integer(env, 'SUPTECH_ANCHOR_BATCH_MAX', 50_000, 1, 1_000_000),
    detectIntervalMs: integer(env, 'SUPTECH_DETECT_INTERVAL_MS', 100, 10, 60_000),
    ruleSetFile: env.SUPTECH_RULE_SET_FILE ? path.resolve(env.SUPTECH_RULE_SET_FILE) : undefined,
    routingFile: env.SUPTECH_ROUTING_FILE ? path.resolve(env.SUPTECH_ROUTING_FILE) : undefined,
    indicatorSetFile: env.SUPTECH_INDICATOR_SET_FILE ? path.resolve(env.SUPTECH_INDICATOR_SET_FILE) : undefined,
    ingestLimits: {
      workers: integer(env, 'SUPTECH_INGEST_WORKERS', defaultIngestWorkers(), 0, 64),
      keyFilterLog2Bits: integer(env, 'SUPTECH_INGEST_KEY_FILTER_LOG2_BITS', 27, 16, 32),
      maxBodyBytes: integer(env, 'SUPTECH_INGEST_MAX_BODY_BYTES', 64 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxRecordsPerRequest: integer(env, 'SUPTECH_INGEST_MAX_RECORDS', 100_000, 1, 10_000_000),
      maxBytesInFlight: integer(env, 'SUPTECH_INGEST_INFLIGHT_BYTES', 64 * 1024 * 1024, 1, 16 * 1024 * 1024 * 1024),
      maxRecordsInFlight: integer(env, 'SUPTECH_INGEST_INFLIGHT_RECORDS', 200_000, 1, 100_000_000),
      maxRejectionsListed: integer(env, 'SUPTECH_INGEST_MAX_REJECTIONS_LISTED', 1000, 0, 1_000_000),
      retryAfterSeconds: integer(env, 'SUPTECH_INGEST_RETRY_AFTER_SECONDS', 1, 1, 3600),
    },
  };
}

/** Every core but one for record preparation (the event loop and the engine need one), at least one. */
function defaultIngestWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}
