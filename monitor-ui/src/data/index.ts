/** Data sources of the dashboard: REST client, live socket feed, and the session's alert register. */
export type {
  LinkedCase, Alert, AlertCondition, AlertStats, CaseDetail, CaseHistoryEntry, CaseStatus, SeverityBasis, CaseView, Decision, Department, DiscussionEntry, EvidenceRecord, EvidenceRole,
  CaseTriageState, OpinionView, ProofStatus, QuarterSummary, ReportSignOff, Role, ServerToClientEvents, Session, Severity, StatsBucket, TriageView,
  StatsPoint, TypologyId,
} from './contract.js';
export { ApiError, createMonitorApi, type AlertQuery, type MonitorApi, type MonitorApiOptions } from './monitor-api.js';
export { connectLiveFeed, type Disposer, type LiveFeed, type LiveStatus, type LiveEventName, type LiveEventPayloads } from './live-feed.js';
export { AlertRegister, type RegisterChange } from './alert-register.js';
export { TypologyTimeline, RANGES, type TimelineRange, type TimelineSeries } from './typology-timeline.js';
export { clearSession, loadSession, saveSession } from './session-store.js';
export { createFrameScheduler } from './frame-scheduler.js';
export { withLiveEntry } from './case-history-live.js';
export {
  DEFAULT_SORT, isFiltering, matchesSearch, matchesView, parseAlertView, sortAlerts, writeAlertView,
  type AlertSort, type AlertSortKey, type AlertView,
} from './alert-query.js';
