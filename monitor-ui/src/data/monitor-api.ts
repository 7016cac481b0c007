/**
 * The REST client of the dashboard: one method per route it uses, each answering a validated
 * payload. Failures are typed (`ApiError`) so pages can tell "refused" from "not built yet".
 */
import type { TriageView, AlertStats, CaseDetail, CaseView, Decision, DiscussionEntry, QuarterSummary, Session, StatsBucket, Alert } from './contract.js';
import {
  parseAlertList, parseCaseDetail, parseCaseView, parseDiscussion, parseDiscussionEntry, parseErrorBody, parseQueue, parseQuarters,
  parseSession, parseStats, parseTriage,
} from './payload-guards.js';

/** A request the API answered with an error status, or with a body that failed validation. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the network failed, 200 when the body was malformed. */
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface MonitorApiOptions {
  /** Origin of the gateway; '' for the page's own origin. */
  baseUrl: string;
  getToken: () => string | undefined;
  /** Called when the gateway no longer accepts the session (401). */
  onUnauthorized: () => void;
}

export interface AlertQuery {
  typology?: string;
  status?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export interface MonitorApi {
  login(username: string, password: string): Promise<Session>;
  /** Ends the session on the gateway (token and cookie). */
  logout(): Promise<void>;
  /** Asks the gateway whether the session still holds (a 401 logs out, with the reason). */
  checkSession(): Promise<void>;
  listAlerts(query: AlertQuery): Promise<Alert[]>;
  alertStats(bucket: StatsBucket, from: string, to: string): Promise<AlertStats>;
  myQueue(): Promise<CaseView[]>;
  getCase(caseId: string): Promise<CaseDetail>;
  submitOpinion(caseId: string, decision: Decision, comment: string): Promise<CaseView>;
  listQuarters(): Promise<QuarterSummary[]>;
  /** Signs the quarter's report off for the caller's department; `reportHash` is the report as read. */
  signOffReport(quarter: string, reportHash?: string): Promise<void>;
  /** Where the report itself is read; the session cookie authenticates the browser there. */
  reportUrl(quarter: string, format: 'html' | 'pdf'): string;
  /** The case's discussion thread, oldest first. */
  listDiscussion(caseId: string): Promise<DiscussionEntry[]>;
  /** Adds to the thread; answers the entry as stored, with its ledger transaction. */
  postDiscussion(caseId: string, text: string, addressing?: { askedDepartment?: string; replyTo?: string }): Promise<DiscussionEntry>;
  /** The department's assignments and acknowledgements. */
  triage(): Promise<TriageView>;
  /** Assigns the case, for the department, to a colleague ('' unassigns). */
  assign(caseId: string, assignee: string): Promise<void>;
  /** Acknowledges cases for the department, all or none. */
  acknowledge(caseIds: readonly string[]): Promise<void>;
  /** A CSV download (alerts with filters, the queue, or a case's evidence); the cookie authenticates it. */
  exportUrl(kind: 'alerts' | 'queue' | 'evidence', params?: Record<string, string | undefined>): string;
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function validated<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new ApiError(200, 'MALFORMED_RESPONSE', `The gateway sent a malformed ${what}.`);
  return value;
}

export function createMonitorApi(options: Readonly<MonitorApiOptions>): MonitorApi {
  async function request(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${path}`, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError(0, 'NETWORK', `The gateway cannot be reached (${String(cause)}).`);
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (response.ok) return payload;
    const error = parseErrorBody(payload);
    // A 401 on login means bad credentials, elsewhere an expired session.
    if (response.status === 401 && path !== '/api/v1/session') options.onUnauthorized();
    throw new ApiError(response.status, error?.error ?? `HTTP_${response.status}`, error?.message ?? response.statusText);
  }

  const encode = encodeURIComponent;
  return {
    async login(username, password) {
      return validated(parseSession(await request('POST', '/api/v1/session', { username, password })), 'session');
    },
    async logout() {
      await request('DELETE', '/api/v1/session');
    },
    async checkSession() {
      await request('GET', '/api/v1/me');
    },
    async listAlerts(query) {
      return validated(parseAlertList(await request('GET', `/api/v1/alerts${queryString({ ...query })}`)), 'alert list');
    },
    async alertStats(bucket, from, to) {
      return validated(parseStats(await request('GET', `/api/v1/alerts/stats${queryString({ bucket, from, to })}`)), 'statistics');
    },
    async myQueue() {
      return validated(parseQueue(await request('GET', '/api/v1/queue')), 'queue');
    },
    async getCase(caseId) {
      return validated(parseCaseDetail(await request('GET', `/api/v1/cases/${encode(caseId)}`)), 'case');
    },
    async submitOpinion(caseId, decision, comment) {
      const payload = await request('POST', `/api/v1/cases/${encode(caseId)}/opinions`, { decision, comment });
      const caseView = typeof payload === 'object' && payload !== null ? parseCaseView((payload as { case?: unknown }).case) : undefined;
      return validated(caseView, 'case');
    },
    async listQuarters() {
      return validated(parseQuarters(await request('GET', '/api/v1/reports')), 'report list');
    },
    async signOffReport(quarter, reportHash) {
      await request('POST', `/api/v1/reports/${encode(quarter)}/sign-off`, reportHash ? { reportHash } : {});
    },
    reportUrl(quarter, format) {
      return `${options.baseUrl}/api/v1/reports/${encode(quarter)}.${format}`;
    },
    async listDiscussion(caseId) {
      return validated(parseDiscussion(await request('GET', `/api/v1/cases/${encode(caseId)}/discussion`)), 'discussion');
    },
    async postDiscussion(caseId, text, addressing = {}) {
      const payload = await request('POST', `/api/v1/cases/${encode(caseId)}/discussion`, { text, ...addressing });
      const entry = typeof payload === 'object' && payload !== null ? parseDiscussionEntry((payload as { entry?: unknown }).entry) : undefined;
      return validated(entry, 'discussion entry');
    },
    async triage() {
      return validated(parseTriage(await request('GET', '/api/v1/triage')), 'triage');
    },
    async assign(caseId, assignee) {
      await request('POST', `/api/v1/cases/${encode(caseId)}/assignment`, { assignee });
    },
    async acknowledge(caseIds) {
      await request('POST', '/api/v1/triage/acknowledge', { caseIds });
    },
    exportUrl(kind, params = {}) {
      const { caseId, ...rest } = params;
      const path = kind === 'alerts' ? '/api/v1/alerts.csv' : kind === 'queue' ? '/api/v1/queue.csv' : `/api/v1/cases/${encode(caseId ?? '')}/evidence.csv`;
      return `${options.baseUrl}${path}${queryString(rest)}`;
    },
  };
}
