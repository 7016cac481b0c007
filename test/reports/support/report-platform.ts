/**
 * The real platform on a temp directory, loaded with the report scenario and reviewed:
 * the ledger is created with one extra channel organisation (`BANK`) so that a test can
 * show the contract refusing a sign-off by an organisation outside the five departments.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert, Decision } from '../../../core/src/domain/alert.js';
import type { Department } from '../../../core/src/domain/departments.js';
import { openEmbeddedLedger } from '../../../core/src/ledger/embedded/index.js';
import { startPlatform, type TestPlatform } from '../../support/platform.js';
import { allFlows, type PlantedFlow } from './report-scenario.js';

export interface ReportPlatform extends TestPlatform {
  /** The alert a planted flow raised. */
  alertOf(flow: PlantedFlow): Alert;
  /** Rows of a bound ClickHouse query over the platform's analytics store. */
  rows<T>(query: string, params?: Record<string, unknown>): Promise<T[]>;
  decide(flow: PlantedFlow, department: Department, decision: Decision): Promise<void>;
}

export async function startReportPlatform(): Promise<ReportPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'suptech-report-'));
  const ledger = await openEmbeddedLedger({ directory: join(dataDir, 'ledger'), extraOrganizations: ['BANK'] });
  await ledger.close();
  const platform = await startPlatform({ dataDir });
  // Each institution reports its records of a flow in event-time order (out-of-order arrival is detection's concern, not the report's).
  for (const record of allFlows().flatMap((f) => f.records)) {
    const institution = record.institution as string;
    const { status, body } = await platform.postTransactions([record], platform.apiKeyOf(institution));
    if (status !== 200) throw new Error(`posting ${institution}: ${status} ${JSON.stringify(body)}`);
  }
  await platform.settle();
  const core = platform.platform.core;
  const alertOf = (flow: PlantedFlow): Alert => {
    const found = core.alerts.all().find((a) => a.typology === flow.typology && a.txIds.includes(`${flow.id}-loan`));
    if (!found) throw new Error(`no ${flow.typology} alert for flow ${flow.id}`);
    return found;
  };
  return Object.assign(platform, {
    alertOf,
    async rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
      const rs = await core.client.query({ query, query_params: params, format: 'JSONEachRow' });
      return rs.json<T>();
    },
    async decide(flow: PlantedFlow, department: Department, decision: Decision): Promise<void> {
      const { username } = platform.user(department, 'reviewer');
      const session = { token: 'test', username, department, role: 'reviewer' as const, expiresAt: new Date(Date.now() + 3_600_000) };
      await core.review.submitOpinion(session, alertOf(flow).caseId, decision, `${department} ${decision} ${flow.id}`);
    },
  });
}
