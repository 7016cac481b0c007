import type { Department } from './departments.js';

export const TYPOLOGY_IDS = [
  'credit_to_real_estate', 'credit_to_securities', 'structuring', 'cycle',
  'rapid_pass_through', 'fan_in', 'fan_out', 'cross_border_split',
] as const;
export type TypologyId = (typeof TYPOLOGY_IDS)[number];
/**
 * Alerts the platform raises about itself rather than about fund flows (shared
 * INTERFACES.md): `data_integrity`, stored data that no longer match their anchors;
 * `indicator_breach`, a risk indicator of an institution over its threshold for a period
 * (the joint review of a whole lender or platform rather than of one flow).
 */
export const PLATFORM_ALERT_TYPOLOGIES = ['data_integrity', 'indicator_breach'] as const;
export type PlatformAlertTypology = (typeof PLATFORM_ALERT_TYPOLOGIES)[number];
/**
 * Alerts of learned models rather than of rules (shared INTERFACES.md): `cross_border_anomaly`,
 * a remittance an unsupervised model trained on the stored history finds out of the ordinary.
 */
export const MODEL_ALERT_TYPOLOGIES = ['cross_border_anomaly'] as const;
export type ModelAlertTypology = (typeof MODEL_ALERT_TYPOLOGIES)[number];
/** What an alert can be about: a detection typology, a learned model or a platform alert. */
export type AlertTypology = TypologyId | ModelAlertTypology | PlatformAlertTypology;

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type CaseStatus = 'open' | 'confirmed' | 'dismissed' | 'escalated';
export type Decision = 'confirm' | 'dismiss' | 'request_info';

/** Where an alert's case stands on the ledger. */
export interface AlertLedgerStatus {
  /** Ledger transaction that recorded the alert (latest version of it). */
  alertTxId?: string;
  /** Ledger transaction that opened the case. */
  caseTxId?: string;
  blockNumber?: number;
  alertHash?: string;
}

/** One condition that held when the alert was raised (shared INTERFACES.md). */
export interface AlertCondition {
  condition: string;
  value: string | number;
  threshold: string | number;
  text: string;
}

/** How the severity was reached: the amount band, then one step per negative-list hit. */
export interface SeverityBasis {
  amount: string;
  /** Amount from which the base is `high`, and below which it is `low` (CNY). */
  highFrom: number;
  lowBelow: number;
  base: Severity;
  /** Steps added by negative-list hits (flagged account, high-risk jurisdiction). */
  raisedBy: number;
}

/** An alert in the shape the API and the CLI return it (shared INTERFACES.md). */
export interface Alert {
  id: string;
  typology: AlertTypology;
  ruleVersion: string;
  severity: Severity;
  departments: Department[];
  txIds: string[];
  /**
   * Present when `txIds` is capped (a hot account's pattern can rest on very many records):
   * how many records the alert rests on in all, and how many `txIds` lists (the earliest and
   * the largest).
   */
  evidenceCapped?: { records: number; shown: number };
  accounts: string[];
  amount: string;
  firstTs: string;
  lastTs: string;
  caseId: string;
  status: CaseStatus;
  ledger: AlertLedgerStatus;
  /** Institutions whose records the alert rests on. */
  institutions: string[];
  /** Each routed department's current opinion on the case, as on the ledger (absent: none yet). */
  decisions?: Partial<Record<Department, Decision>>;
  /** When the case must be decided by, before it is escalated (from the ledger). */
  deadline?: string;
  /** The conditions that held, when the detector recorded them. */
  explanation?: AlertCondition[];
  /** When the alert was first raised / last updated (processing time, ISO). */
  raisedAt: string;
  updatedAt: string;
}
