/**
 * The alert stream's filters, search and order, kept in the URL (`#/alerts?q=…&sort=amount:desc`)
 * so that a filtered view can be bookmarked, shared with a colleague, and survives a reload.
 * Pure: parsing, writing, matching and ordering, so it is tested without a browser.
 */
import type { Alert } from './contract.js';

export type AlertSortKey = 'raised' | 'severity' | 'typology' | 'amount' | 'status';
export interface AlertSort { key: AlertSortKey; descending: boolean }

export interface AlertView {
  /** Account pseudonym, record id (txId), case id or alert id; matched exactly or as a prefix. */
  q: string;
  typology: string;
  status: string;
  severity: string;
  sort: AlertSort;
}

const SORT_KEYS: readonly AlertSortKey[] = ['raised', 'severity', 'typology', 'amount', 'status'];
export const DEFAULT_SORT: AlertSort = { key: 'raised', descending: true };

export function parseAlertView(search: string): AlertView {
  const p = new URLSearchParams(search);
  const [key, direction] = (p.get('sort') ?? '').split(':');
  const sort = SORT_KEYS.includes(key as AlertSortKey)
    ? { key: key as AlertSortKey, descending: direction !== 'asc' }
    : DEFAULT_SORT;
  return { q: (p.get('q') ?? '').trim(), typology: p.get('typology') ?? '', status: p.get('status') ?? '', severity: p.get('severity') ?? '', sort };
}

/** The query string of a view, leaving out what is at its default. */
export function writeAlertView(view: AlertView): string {
  const p = new URLSearchParams();
  if (view.q) p.set('q', view.q);
  if (view.typology) p.set('typology', view.typology);
  if (view.status) p.set('status', view.status);
  if (view.severity) p.set('severity', view.severity);
  if (view.sort.key !== DEFAULT_SORT.key || view.sort.descending !== DEFAULT_SORT.descending) {
    p.set('sort', `${view.sort.key}:${view.sort.descending ? 'desc' : 'asc'}`);
  }
  return p.toString();
}

export function isFiltering(view: AlertView): boolean {
  return Boolean(view.q || view.typology || view.status || view.severity);
}

/** Whether the search text names this alert: one of its accounts, records, its case or itself. */
export function matchesSearch(alert: Alert, q: string): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  const hit = (value: string): boolean => value.toLowerCase().startsWith(needle);
  return hit(alert.caseId) || hit(alert.id) || alert.accounts.some(hit) || alert.txIds.some(hit);
}

export function matchesView(alert: Alert, view: AlertView): boolean {
  return (!view.typology || alert.typology === view.typology) && (!view.status || alert.status === view.status) &&
    (!view.severity || alert.severity === view.severity) && matchesSearch(alert, view.q);
}

const SEVERITY_RANK: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const STATUS_RANK: Record<string, number> = { open: 0, escalated: 1, confirmed: 2, dismissed: 3 };

function compareBy(key: AlertSortKey): (a: Alert, b: Alert) => number {
  switch (key) {
    case 'severity': return (a, b) => (SEVERITY_RANK[a.severity] ?? 0) - (SEVERITY_RANK[b.severity] ?? 0);
    case 'typology': return (a, b) => a.typology.localeCompare(b.typology);
    case 'amount': return (a, b) => Number(a.amount) - Number(b.amount);
    case 'status': return (a, b) => (STATUS_RANK[a.status] ?? 0) - (STATUS_RANK[b.status] ?? 0);
    default: return (a, b) => a.raisedAt.localeCompare(b.raisedAt);
  }
}

/** The alerts in the view's order; ties fall back to newest first, then id, so the order is stable. */
export function sortAlerts(alerts: readonly Alert[], sort: AlertSort): Alert[] {
  const primary = compareBy(sort.key);
  const sign = sort.descending ? -1 : 1;
  return [...alerts].sort((a, b) => sign * primary(a, b) || b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id));
}
