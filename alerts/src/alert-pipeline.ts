import type { ClickHouseClient } from '@clickhouse/client';
import type { Severity, TypologyId } from '../../core/src/domain/alert.js';
import type { Department } from '../../core/src/domain/departments.js';
import type { Institution } from '../../core/src/domain/institution-registry.js';
import type { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';
import type { Logger } from '../../core/src/logger.js';
import { alertHash, growAlertDocument, newAlertDocument, toAlert, withCaseState } from './alert-factory.js';
import type { AlertPublisher } from './alert-publisher.js';
import type { AlertDocument, AlertStore } from './alert-store.js';
import { DetectionProgress } from './detection-progress.js';
import { TypologyProgress, type LaggingTypology } from './typology-progress.js';
import { REPAIR_DETECTION_EVENTS_SQL } from './detection/detection-schema.js';
import { TYPOLOGY_IDS } from '../../core/src/domain/alert.js';
import { routeAlert, type RoutingTable } from './routing.js';
import type { Incident, SeqRange } from './typology.js';

/** An existing alert seen as an incident, to fold it into another. */
function asIncident(doc: AlertDocument): Incident {
  return {
    // Only detection alerts are folded (the store finds alerts of the incident's own typology).
    typology: doc.typology as TypologyId, incidentKey: doc.incidentKeys[0] ?? doc.id, evidence: doc.evidence, accounts: doc.accounts,
    amount: doc.amount, firstTs: doc.firstTs, lastTs: doc.lastTs,
  };
}

/** What the pipeline needs of the detection engine (alerts/src/detection). */
export interface DetectionEngineLike {
  ruleVersion(typology: string): string;
  detect(
    range: SeqRange,
    options?: {
      onIncidents?: (typology: TypologyId, incidents: Incident[]) => Promise<void>;
      typologies?: readonly TypologyId[];
      rangeOf?: (typology: TypologyId) => SeqRange;
    },
  ): Promise<{ incidents: Incident[]; errors: { typology: string; error: Error }[]; timings?: { typology: string; ms: number }[] }>;
}

export interface AlertPipelineOptions {
  client: ClickHouseClient;
  engine: DetectionEngineLike;
  store: AlertStore;
  ledger: SupervisionLedger;
  /** Department whose identity records alerts and opens cases. */
  operator: Department;
  routing: RoutingTable;
  institutions: readonly Institution[];
  severityOf: (incident: Incident) => Severity | Promise<Severity>;
  publisher: AlertPublisher;
  caseDeadlineDays: number;
  logger: Logger;
  clock?: () => Date;
  /** First wait before a failed typology is tried again; doubles with each failure, up to 60 s. */
  retryBaseMs?: number;
}

const MAX_RETRY_MS = 60_000;

/**
 * The continuous detection scheduler: told the highest ingested seq, it runs the engine
 * over the records not yet examined, merges incidents into alerts, records each new or
 * grown alert on the ledger (and opens its case), publishes it live, and only then moves
 * its durable watermark. After a crash the same records are examined again; incidents
 * merge into the alerts that already cover them, so nothing is lost and nothing doubled.
 *
 * A typology whose query fails does not hold the others back, and is not skipped either: it
 * keeps its own durable watermark where it failed (typology-progress.ts), is retried with
 * backoff over everything from there, and is reported as lagging (health, logs) until it
 * has caught up.
 */
export class AlertPipeline {
  readonly #o: Readonly<AlertPipelineOptions>;
  readonly #progress: DetectionProgress;
  readonly #typologyProgress: TypologyProgress;
  readonly #lagging = new Map<TypologyId, LaggingTypology & { retryAt: number }>();
  #retryTimer: NodeJS.Timeout | undefined;
  #processed = 0;
  /** Where each typology stands in memory (≥ #processed): every record up to it is examined by it. */
  readonly #position = new Map<TypologyId, number>();
  #target = 0;
  #loop: Promise<void> | undefined;
  #stopped = false;
  #waiters: { seq: number; resolve: () => void }[] = [];

  constructor(options: Readonly<AlertPipelineOptions>) {
    this.#o = options;
    this.#progress = new DetectionProgress({ client: options.client });
    this.#typologyProgress = new TypologyProgress({ client: options.client });
  }

  get processedSeq(): number { return this.#processed; }

  /** Typologies behind the others because their query failed: where each stands and why. */
  lagging(): LaggingTypology[] {
    return [...this.#lagging.values()].map(({ retryAt: _retryAt, ...state }) => state);
  }

  async start(initialTarget: number): Promise<void> {
    this.#processed = await this.#progress.load();
    // Records a crash left stored but not copied for detection (see REPAIR_DETECTION_EVENTS_SQL).
    await this.#o.client.command({ query: REPAIR_DETECTION_EVENTS_SQL, query_params: { afterSeq: this.#processed } });
    for (const state of await this.#typologyProgress.loadLagging()) {
      this.#lagging.set(state.typology, { ...state, retryAt: 0 });
      this.#o.logger.warn({ typology: state.typology, uptoSeq: state.uptoSeq, error: state.error }, 'typology resumes behind the others');
    }
    this.notify(initialTarget);
  }

  /** New records are stored up to `uptoSeq`; detection catches up in the background. */
  notify(uptoSeq: number): void {
    if (uptoSeq > this.#target) this.#target = uptoSeq;
    if (!this.#loop && !this.#stopped && (this.#target > this.#processed || this.#retryDue())) {
      this.#loop = this.#run().then(() => this.#catchUp()).finally(() => {
        this.#loop = undefined;
        if (this.#stopped) return;
        if (this.#target > this.#processed) setTimeout(() => this.notify(this.#target), 250).unref();
        else this.#scheduleRetry();
      });
    }
  }

  /** Resolves once detection has examined every record up to `seq`. */
  caughtUp(seq = this.#target): Promise<void> {
    if (this.#processed >= seq) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ seq, resolve }));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    await this.#loop;
  }

  #retryDue(): boolean {
    const now = Date.now();
    return [...this.#lagging.values()].some((l) => l.retryAt <= now);
  }

  #scheduleRetry(): void {
    clearTimeout(this.#retryTimer);
    if (this.#lagging.size === 0) return;
    const next = Math.min(...[...this.#lagging.values()].map((l) => l.retryAt));
    this.#retryTimer = setTimeout(() => this.notify(this.#target), Math.max(0, next - Date.now()));
    this.#retryTimer.unref();
  }

  #backoffMs(failures: number): number {
    return Math.min(MAX_RETRY_MS, (this.#o.retryBaseMs ?? 1000) * 2 ** (failures - 1));
  }

  /** A typology failed over records after `uptoSeq`: it stays there (durably) and is retried. */
  async #fellBehind(typology: TypologyId, uptoSeq: number, error: Error): Promise<void> {
    const before = this.#lagging.get(typology);
    const failures = (before?.failures ?? 0) + 1;
    const state: LaggingTypology = {
      typology, uptoSeq: before?.uptoSeq ?? uptoSeq, error: error.message, failures, since: before?.since ?? new Date().toISOString(),
    };
    await this.#typologyProgress.saveLagging(state);
    this.#lagging.set(typology, { ...state, retryAt: Date.now() + this.#backoffMs(failures) });
    this.#o.logger.error({ typology, uptoSeq: state.uptoSeq, failures, err: error }, 'typology failed; it keeps its watermark and is retried, the others go on');
  }

  /** Runs each lagging typology whose retry is due over everything it has not examined yet. */
  async #catchUp(): Promise<void> {
    for (const state of [...this.#lagging.values()]) {
      if (this.#stopped || state.retryAt > Date.now()) continue;
      const range = { afterSeq: state.uptoSeq, uptoSeq: this.#processed };
      try {
        const { errors } = await this.#o.engine.detect(range, {
          typologies: [state.typology],
          onIncidents: this.#applyAll,
        });
        const failed = errors.find((e) => e.typology === state.typology);
        if (failed) { await this.#fellBehind(state.typology, state.uptoSeq, failed.error); continue; }
        await this.#typologyProgress.saveCaughtUp(state.typology, range.uptoSeq);
        this.#lagging.delete(state.typology);
        this.#position.set(state.typology, range.uptoSeq);
        this.#o.logger.info({ typology: state.typology, range, failures: state.failures }, 'typology caught up');
      } catch (error) {
        this.#o.logger.error({ err: error, typology: state.typology }, 'catching up failed; will retry');
        return;
      }
    }
  }

  /**
   * Detection rounds, one after another as long as records are stored: a round starts as
   * soon as the previous one ends, with whatever is stored by then. Each typology runs over
   * everything stored after its own position (the same as the others' unless it just caught
   * up) up to the round's end, and each alert is applied (ledger, case, socket) as soon as its
   * typology has run. The durable watermark is the smallest position of the typologies that
   * are not lagging: after a crash the faster ones repeat a few records, whose incidents merge
   * into their alerts.
   */
  async #run(): Promise<void> {
    while (!this.#stopped && this.#target > this.#processed) {
      const started = performance.now();
      const from = this.#processed;
      const timings: { typology: string; ms: number }[] = [];
      let incidents = 0;
      this.#applyMs = 0;
      try {
        // Every typology of the round examines the same range. Handing each the newest records
        // as it starts (the engine's `rangeOf`) was measured on the running platform: each
        // refresh is one more query, and every query waits behind the ingestion insert in
        // flight in the embedded engine, so the rounds got slower, not the alerts faster.
        const ranges = new Map<TypologyId, SeqRange>();
        const range = { afterSeq: from, uptoSeq: this.#target };
        const result = await this.#o.engine.detect(range, {
          typologies: TYPOLOGY_IDS.filter((t) => !this.#lagging.has(t)),
          onIncidents: this.#applyAll,
          rangeOf: (typology) => {
            const own = { afterSeq: Math.max(this.#position.get(typology) ?? 0, from), uptoSeq: range.uptoSeq };
            ranges.set(typology, own);
            return own;
          },
        });
        incidents = result.incidents.length;
        timings.push(...(result.timings ?? []));
        // A failed typology's own watermark is saved before the common one moves: no record is ever skipped.
        for (const e of result.errors) await this.#fellBehind(e.typology as TypologyId, ranges.get(e.typology as TypologyId)?.afterSeq ?? from, e.error);
        for (const [typology, range] of ranges) if (!this.#lagging.has(typology)) this.#position.set(typology, range.uptoSeq);
        const active = TYPOLOGY_IDS.filter((t) => !this.#lagging.has(t)).map((t) => this.#position.get(t) ?? this.#target);
        const upto = active.length > 0 ? Math.min(...active) : this.#target;
        await this.#progress.save(upto);
        // A round that found nothing is routine (several a second under load): debug; one with incidents: info.
        this.#o.logger[incidents > 0 ? 'info' : 'debug']({
          records: upto - from, incidents, totalMs: Math.round(performance.now() - started), applyMs: Math.round(this.#applyMs), timings,
        }, 'detection round');
        this.#processed = upto;
        this.#release();
      } catch (error) {
        // Ledger or store unavailable: keep the watermark, retry shortly.
        this.#o.logger.error({ err: error, afterSeq: from }, 'detection round failed; will retry');
        return;
      }
    }
  }

  #release(): void {
    const ready = this.#waiters.filter((w) => w.seq <= this.#processed);
    this.#waiters = this.#waiters.filter((w) => w.seq > this.#processed);
    for (const w of ready) w.resolve();
  }

  /** Applies a typology's incidents as soon as it has run (passed to the engine as `onIncidents`). */
  readonly #applyAll = async (_typology: TypologyId, found: readonly Incident[]): Promise<void> => {
    const started = performance.now();
    for (const incident of found) await this.#apply(incident);
    this.#applyMs += performance.now() - started;
  };

  /** Time spent applying incidents (ledger, case, store, socket) in the current round, for its log line. */
  #applyMs = 0;

  async #apply(incident: Incident): Promise<void> {
    const now = (this.#o.clock ?? (() => new Date()))();
    const severity = await this.#o.severityOf(incident);
    const [existing, ...joined] = this.#o.store.findAllFor(incident.typology, incident.incidentKey, incident.evidence);
    if (!existing) {
      const kinds = [...new Set(incident.evidence.map((e) => e.institution))]
        .map((code) => this.#o.institutions.find((i) => i.code === code)?.kind);
      const departments = routeAlert(this.#o.routing, incident.typology, kinds);
      const doc = newAlertDocument(incident, this.#o.engine.ruleVersion(incident.typology), departments, severity, now);
      await this.#record(doc, true);
      this.#o.publisher.alertRaised(toAlert(doc));
      return;
    }
    // A late record can join incidents that looked separate: fold the younger alerts into
    // the oldest, so the stream ends where a batch run over the same records would.
    let grown = growAlertDocument(existing, incident, severity, now);
    for (const other of joined) {
      grown = growAlertDocument(grown ?? existing, asIncident(other), other.severity, now) ?? grown;
    }
    if (!grown) return;
    await this.#record(grown, false);
    for (const other of joined) {
      const absorbed = { ...other, mergedInto: grown.id, version: other.version + 1, updatedAt: now.toISOString() };
      await this.#o.store.save(absorbed);
    }
    this.#o.publisher.alertUpdated(toAlert(grown));
  }

  /** Anchors the alert version (and opens its case when new), then stores the document. */
  async #record(doc: AlertDocument, opening: boolean): Promise<void> {
    const { ledger, operator } = this.#o;
    const hash = alertHash(toAlert(doc));
    const recorded = await ledger.recordAlert(operator, {
      alertId: doc.id, alertHash: hash, typology: doc.typology, ruleVersion: doc.ruleVersion, departments: doc.departments,
    });
    doc.ledger = { ...doc.ledger, alertTxId: recorded.txId, blockNumber: recorded.blockNumber, alertHash: hash };
    if (opening) {
      const opened = await ledger.openCase(operator, {
        caseId: doc.caseId, alertId: doc.id, departments: doc.departments, deadlineDays: this.#o.caseDeadlineDays,
      });
      doc.ledger.caseTxId = opened.txId;
      doc.ledger.blockNumber = opened.blockNumber;
      Object.assign(doc, withCaseState(doc, opened.result));
    }
    await this.#o.store.save(doc);
  }
}
