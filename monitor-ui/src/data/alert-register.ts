/**
 * The department's register of alerts for the session: the backlog from the REST API plus every
 * live event, keyed by alert id, newest first, with the case view of each alert once one is known
 * (that is where the departments' decisions live). Live events are applied once per animation
 * frame and listeners hear one change per frame, however many events arrived.
 */
import type { Alert, CaseView } from './contract.js';
import { createFrameScheduler } from './frame-scheduler.js';
import type { Disposer, LiveFeed } from './live-feed.js';

/** What one flush changed. */
export interface RegisterChange {
  /** Alerts seen for the first time (for counters and charts). */
  added: Alert[];
  /** True when anything in the register changed. */
  changed: boolean;
}

export interface AlertRegisterOptions {
  feed: LiveFeed;
  /** Oldest alerts beyond this many are forgotten to bound memory. */
  maxKept?: number;
}

const DEFAULT_MAX_KEPT = 20_000;

/** Newest first by raise time; id breaks ties so the order is stable. */
function isNewer(a: Alert, b: Alert): boolean {
  return a.raisedAt === b.raisedAt ? a.id > b.id : a.raisedAt > b.raisedAt;
}

export class AlertRegister {
  readonly #alerts = new Map<string, Alert>();
  readonly #cases = new Map<string, CaseView>();
  /** Newest first. */
  #ordered: Alert[] = [];
  #pendingAlerts: Alert[] = [];
  #pendingCases: CaseView[] = [];
  readonly #listeners = new Set<(change: RegisterChange) => void>();
  readonly #disposers: Disposer[];
  readonly #scheduler = createFrameScheduler(() => { this.#flush(); });
  readonly #maxKept: number;

  constructor(options: Readonly<AlertRegisterOptions>) {
    this.#maxKept = options.maxKept ?? DEFAULT_MAX_KEPT;
    const queueAlert = (alert: Alert): void => { this.#pendingAlerts.push(alert); this.#scheduler.schedule(); };
    this.#disposers = [
      options.feed.on('alert:raised', queueAlert),
      options.feed.on('alert:updated', queueAlert),
      options.feed.on('case:updated', (c) => { this.#pendingCases.push(c); this.#scheduler.schedule(); }),
    ];
  }

  /** Adds the REST backlog; live events already received win over older backlog copies. */
  loadBacklog(alerts: readonly Alert[]): void {
    this.#pendingAlerts = [...alerts, ...this.#pendingAlerts];
    this.#flush();
  }

  /** Records case views fetched by a page (queue, case view) so rows show their decisions. */
  noteCases(cases: readonly CaseView[]): void {
    this.#pendingCases.push(...cases);
    this.#scheduler.schedule();
  }

  get size(): number { return this.#ordered.length; }
  /** Alerts newest first; do not mutate. */
  get ordered(): readonly Alert[] { return this.#ordered; }
  caseOf(alert: Alert): CaseView | undefined { return this.#cases.get(alert.caseId); }
  get(alertId: string): Alert | undefined { return this.#alerts.get(alertId); }

  subscribe(listener: (change: RegisterChange) => void): Disposer {
    this.#listeners.add(listener);
    return () => { this.#listeners.delete(listener); };
  }

  dispose(): void {
    this.#scheduler.cancel();
    for (const dispose of this.#disposers) dispose();
    this.#listeners.clear();
  }

  #flush(): void {
    const added: Alert[] = [];
    let changed = false;
    for (const alert of this.#pendingAlerts) {
      const known = this.#alerts.get(alert.id);
      if (known && known.updatedAt > alert.updatedAt) continue;
      this.#alerts.set(alert.id, alert);
      if (known) this.#replace(known, alert);
      else { this.#insert(alert); added.push(alert); }
      changed = true;
    }
    for (const caseView of this.#pendingCases) changed = this.#applyCase(caseView) || changed;
    this.#pendingAlerts = [];
    this.#pendingCases = [];
    this.#trim();
    if (!changed) return;
    for (const listener of this.#listeners) listener({ added, changed });
  }

  #applyCase(caseView: CaseView): boolean {
    const known = this.#cases.get(caseView.caseId);
    if (known && known.ledger.blockNumber > caseView.ledger.blockNumber) return false;
    this.#cases.set(caseView.caseId, caseView);
    // The case's status is the alert's status; keep the row in step without waiting for alert:updated.
    const alert = this.#alerts.get(caseView.alertId);
    if (alert && alert.status !== caseView.status) {
      const updated = { ...alert, status: caseView.status };
      this.#alerts.set(alert.id, updated);
      this.#replace(alert, updated);
    }
    return true;
  }

  /** Binary search for the first position whose alert is not newer than `alert`. */
  #positionOf(alert: Alert): number {
    let low = 0;
    let high = this.#ordered.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (isNewer(this.#ordered[mid]!, alert)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #insert(alert: Alert): void {
    this.#ordered.splice(this.#positionOf(alert), 0, alert);
  }

  #replace(previous: Alert, next: Alert): void {
    const at = this.#positionOf(previous);
    if (this.#ordered[at]?.id === previous.id && previous.raisedAt === next.raisedAt) {
      this.#ordered[at] = next;
      return;
    }
    this.#ordered = this.#ordered.filter((a) => a.id !== previous.id);
    this.#insert(next);
  }

  #trim(): void {
    if (this.#ordered.length <= this.#maxKept) return;
    for (const dropped of this.#ordered.splice(this.#maxKept)) {
      this.#alerts.delete(dropped.id);
      this.#cases.delete(dropped.caseId);
    }
  }
}
