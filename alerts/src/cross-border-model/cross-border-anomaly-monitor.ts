/**
 * Runs the cross-border model: trains it on the `windowDays` of stored history before the
 * latest remittance (at start and on a schedule), records each model on the ledger — its
 * logic version and training window in the key, the hash of its parameters and trees as the
 * value, next to the rule set's — and scores every remittance stored after the training, as
 * ingestion reports them, raising an alert for each one at or above the cut-off.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Department } from '../../../core/src/domain/departments.js';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import type { AlertDocument } from '../alert-store.js';
import type { CrossBorderAnomalyAlerts } from './cross-border-anomaly-alerts.js';
import {
  CROSS_BORDER_MODEL_DEFAULTS, scoreRemittances, trainCrossBorderModel, type CrossBorderModel, type CrossBorderModelParams,
} from './cross-border-anomaly-model.js';
import { remittanceFeatures } from './cross-border-features.js';

const DAY_MS = 86_400_000;

export interface CrossBorderAnomalyMonitorOptions {
  client: ClickHouseClient;
  alerts: CrossBorderAnomalyAlerts;
  ledger: SupervisionLedger;
  operator: Department;
  params?: CrossBorderModelParams;
  /** Days of history a model is trained on. */
  windowDays?: number;
}

/** The ledger key of a model: logic version and training window (the value is its hash). */
export const modelLedgerVersion = (m: Pick<CrossBorderModel, 'logic' | 'window'>): string => `${m.logic}/${m.window.from}..${m.window.to}`;

export class CrossBorderAnomalyMonitor {
  readonly #o: Readonly<CrossBorderAnomalyMonitorOptions>;
  #model: CrossBorderModel | undefined;
  #scoredUpTo = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: Readonly<CrossBorderAnomalyMonitorOptions>) {
    this.#o = options;
  }

  /** The model in use, if enough history has been stored to train one. */
  get model(): CrossBorderModel | undefined {
    return this.#model;
  }

  /** Trains on the latest window of history and records the model on the ledger; remittances stored so far are its training, not alerted. */
  retrain(): Promise<CrossBorderModel | undefined> {
    return this.#serial(async () => {
      const result = await this.#o.client.query({
        query: `SELECT toString(max(toUnixTimestamp64Milli(ts))) AS latest, toString(max(seq)) AS upto, count() AS n FROM detection_events WHERE type = 'cross_border_out'`,
        format: 'JSONEachRow',
      });
      const [stats] = await result.json<{ latest: string; upto: string; n: number }>();
      if (!stats || Number(stats.n) === 0) return this.#model;
      const latest = Number(stats.latest);
      const model = await trainCrossBorderModel(this.#o.client, { fromMs: latest - (this.#o.windowDays ?? 90) * DAY_MS, toMs: latest }, this.#o.params ?? CROSS_BORDER_MODEL_DEFAULTS);
      if (!model) return this.#model;
      const version = modelLedgerVersion(model);
      const anchored = await this.#o.ledger.getRuleSet(this.#o.operator, version);
      if (anchored?.hash !== model.hash) await this.#o.ledger.anchorRuleSet(this.#o.operator, { version, hash: model.hash });
      this.#model = model;
      this.#scoredUpTo = Math.max(this.#scoredUpTo, Number(stats.upto));
      return model;
    });
  }

  /** Scores the remittances stored after the last scoring, up to `uptoSeq`; answers the alerts raised. */
  scoreNew(uptoSeq: number): Promise<AlertDocument[]> {
    return this.#serial(async () => {
      const model = this.#model;
      if (!model || uptoSeq <= this.#scoredUpTo) return [];
      const rows = await remittanceFeatures(this.#o.client, {
        fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, uptoMs: Number.MAX_SAFE_INTEGER, afterSeq: this.#scoredUpTo, uptoSeq,
      });
      const raised: AlertDocument[] = [];
      for (const r of scoreRemittances(model, rows)) {
        if (!r.anomalous) continue;
        const doc = await this.#o.alerts.raise(r, model);
        if (doc) raised.push(doc);
      }
      this.#scoredUpTo = uptoSeq;
      return raised;
    });
  }

  /** One training or scoring at a time: a scoring never mixes two models. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
