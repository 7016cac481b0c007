import type { AccessDirectory } from './auth/session-store.js';
import type { UserAdministration } from './auth/user-administration.js';
import type { ApiKeyAdministration } from './auth/api-key-administration.js';
import type { IngestionService } from './ingest/ingestion-service.js';
import type { RecordProofService } from './anchoring/record-proof.js';
import type { AlertStore } from '../../alerts/src/alert-store.js';
import type { LaggingTypology } from '../../alerts/src/typology-progress.js';
import type { JointReviewService } from '../../alerts/src/joint-review-service.js';
import type { CaseDiscussion } from '../../alerts/src/case-discussion.js';
import type { CaseTriage } from '../../alerts/src/case-triage.js';
import type { PlatformConfig } from './config.js';
import type { QuarterlyReportService } from './reports/index.js';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Pseudonymizer } from './ingest/pseudonymizer.js';
import type { IntegrityStatus } from './integrity/integrity-sweep.js';
import type { ListGovernance } from '../../alerts/src/rules/index.js';
import type { IndicatorMonitor } from '../../alerts/src/indicators/index.js';

/** Engine readiness, as `GET /api/v1/health` reports it. */
export interface HealthStatus {
  status: 'ok' | 'degraded';
  /** This gateway's partition (qualifies its batch ids). */
  partition?: string;
  /** `halted` when the ledger refused a batch that retrying cannot cure (an operational alert). */
  anchoring?: { state: 'running' | 'halted'; anchoredUpToSeq?: number; reason?: string; batchId?: string; since?: string };
  /** `checkedAt`: the last good probe (engines are probed in the background, health reads the latest). */
  analytics: { engine: 'chdb' | 'clickhouse'; ok: boolean; records?: number; checkedAt?: string };
  ledger: { backend: 'embedded' | 'fabric'; ok: boolean; height?: number; checkedAt?: string };
  /** The last integrity sweep: `violated` names the batches whose stored data no longer match their anchors. */
  integrity?: IntegrityStatus;
  detection: {
    processedSeq: number; ingestedSeq: number;
    /** Typologies whose query failed: each has examined records only up to its `uptoSeq`. */
    lagging: LaggingTypology[];
  };
}

/** What the HTTP layer is built from; wired in one place (platform.ts). */
export interface PlatformComponents {
  config: PlatformConfig;
  access: AccessDirectory;
  /** The analytics store (lists and reports read it directly). */
  client: ClickHouseClient;
  pseudonymizer: Pseudonymizer;
  /** Departments' negative- and allow-list entries, maker-checker on the ledger. */
  lists: ListGovernance;
  users: UserAdministration;
  /** Institutions' API keys (rotation, revocation) for the operator's admins. */
  apiKeys: ApiKeyAdministration;
  ingestion: IngestionService;
  proofs: RecordProofService;
  alerts: AlertStore;
  review: JointReviewService;
  discussion: CaseDiscussion;
  triage: CaseTriage;
  health: () => Promise<HealthStatus>;
  /** The quarterly joint report (its routes are absent without it). */
  reports?: QuarterlyReportService;
  /** Risk indicators (their route is absent without them). */
  indicators?: IndicatorMonitor;
  /** Static files of the dashboard, by URL path. */
  ui?: Map<string, { body: string | Uint8Array; contentType: string }>;
}
