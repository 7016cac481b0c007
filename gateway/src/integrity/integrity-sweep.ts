import type { ClickHouseClient } from '@clickhouse/client';
import type { Department } from '../../../core/src/domain/departments.js';
import type { Logger } from '../../../core/src/logger.js';
import type { SupervisionLedger } from '../../../core/src/ledger/supervision-ledger.js';
import type { BatchStore, StoredBatch } from '../../../core/src/storage/batch-store.js';
import type { StoredRow } from '../../../core/src/storage/transaction-store.js';
import { DataIntegrityAlerts, type IntegrityViolation } from '../../../alerts/src/data-integrity-alerts.js';
import { MerkleTree } from '../anchoring/merkle-tree.js';
import { recordHash } from '../ingest/record-hash.js';
import { AnchoredBatchContents, type AnchoredMember } from './anchored-batch-contents.js';

/** Where the integrity of the stored data stands, as `GET /api/v1/health` reports it. */
export interface IntegrityStatus {
  /** `not_swept` until the first sweep has finished. */
  state: 'ok' | 'violated' | 'not_swept';
  lastSweepAt?: string;
  batchesChecked?: number;
  recordsChecked?: number;
  /** Batches found wrong by the last sweep, with their `data_integrity` alert. */
  violations: { batchId: string; alertId: string; altered: number; deleted: number; inserted: number; anchor?: string }[];
}

/** What one sweep found. */
export interface SweepReport {
  batchesChecked: number;
  recordsChecked: number;
  violations: IntegrityViolation[];
}

const keyOf = (r: { institution: string; txId: string }): string => `${r.institution}\u0000${r.txId}`;

/**
 * The integrity sweep: recomputes every anchored batch from storage and holds it against the
 * ledger. For each batch, the recorded members must give the anchored Merkle root and count;
 * each member's stored record must still hash to its leaf (else `altered`) and still exist
 * (else `deleted`); and no other record may sit in the batch's sequence range (else
 * `inserted`). A batch found wrong raises a `data_integrity` alert and turns health degraded
 * until a sweep finds it right again.
 */
export class IntegritySweep {
  readonly #o: Readonly<{ batches: BatchStore; ledger: SupervisionLedger; reader: Department; alerts: DataIntegrityAlerts; logger: Logger; clock?: () => Date }>;
  readonly #contents: AnchoredBatchContents;
  #status: IntegrityStatus = { state: 'not_swept', violations: [] };
  #running: Promise<SweepReport> | undefined;

  constructor(options: Readonly<{ client: ClickHouseClient; batches: BatchStore; ledger: SupervisionLedger; reader: Department; alerts: DataIntegrityAlerts; logger: Logger; clock?: () => Date }>) {
    this.#o = options;
    this.#contents = new AnchoredBatchContents({ client: options.client });
  }

  get status(): IntegrityStatus {
    return this.#status;
  }

  /** Sweeps every anchored batch once (a sweep already running is joined, not doubled). */
  sweep(): Promise<SweepReport> {
    this.#running ??= this.#sweep().finally(() => { this.#running = undefined; });
    return this.#running;
  }

  async #sweep(): Promise<SweepReport> {
    const report: SweepReport = { batchesChecked: 0, recordsChecked: 0, violations: [] };
    const found: IntegrityStatus['violations'] = [];
    for (const batch of await this.#o.batches.list()) {
      const { violation, records } = await this.checkBatch(batch);
      report.batchesChecked++;
      report.recordsChecked += records;
      if (!violation) continue;
      report.violations.push(violation);
      await this.#o.alerts.raise(violation);
      const alertId = DataIntegrityAlerts.alertIdOf(batch.batchId);
      const count = (p: string): number => violation.records.filter((r) => r.problem === p).length;
      found.push({ batchId: batch.batchId, alertId, altered: count('altered'), deleted: count('deleted'), inserted: count('inserted'), ...(violation.anchor ? { anchor: violation.anchor } : {}) });
    }
    if (found.length > 0) {
      this.#o.logger.error({ violations: found }, `integrity sweep: ${found.length} anchored batch(es) no longer match storage: ${found.map((f) => f.batchId).join(', ')}`);
    }
    this.#status = {
      state: found.length > 0 ? 'violated' : 'ok', lastSweepAt: (this.#o.clock ?? (() => new Date()))().toISOString(),
      batchesChecked: report.batchesChecked, recordsChecked: report.recordsChecked, violations: found,
    };
    return report;
  }

  /** Checks one anchored batch against storage and the ledger. */
  async checkBatch(batch: Readonly<StoredBatch>): Promise<{ violation?: IntegrityViolation; records: number }> {
    const members = await this.#contents.members(batch.batchId);
    const onLedger = await this.#o.ledger.getBatch(this.#o.reader, batch.batchId);
    const problems: IntegrityViolation['records'] = [];
    const stored = await this.#storedCopies(members);
    const memberKeys = new Set(members.map(keyOf));
    for (const m of members) {
      const copies = stored.byKey.get(keyOf(m)) ?? [];
      if (copies.length === 0) problems.push({ institution: m.institution, txId: m.txId, problem: 'deleted' });
      else if (copies.some((row) => hashOf(row) !== m.recordHash)) problems.push({ institution: m.institution, txId: m.txId, problem: 'altered' });
    }
    const strangers = stored.inRange.filter((row) => !memberKeys.has(keyOf(row)));
    // A record of another batch (another partition's, on a shared cluster) is not an insertion.
    const anchoredElsewhere = await this.#contents.anchoredKeys(strangers);
    for (const row of strangers) {
      if (!anchoredElsewhere.has(keyOf(row))) problems.push({ institution: row.institution, txId: row.txId, problem: 'inserted' });
    }
    const recomputedRoot = members.length > 0 ? new MerkleTree(members.map((m) => m.recordHash)).root : '';
    let anchor: IntegrityViolation['anchor'];
    if (!onLedger) anchor = 'missing_on_ledger';
    else if (onLedger.merkleRoot !== recomputedRoot || onLedger.count !== members.length) anchor = 'members_altered';
    const storedCount = members.length - problems.filter((p) => p.problem === 'deleted').length;
    if (problems.length === 0 && anchor === undefined) return { records: members.length };
    return {
      records: members.length,
      violation: {
        batchId: batch.batchId, records: problems, ...(anchor ? { anchor } : {}),
        ...(onLedger ? { anchoredRoot: onLedger.merkleRoot, anchoredCount: onLedger.count } : {}),
        recomputedRoot, storedCount, firstTs: onLedger?.firstTs ?? batch.firstTs, lastTs: onLedger?.lastTs ?? batch.lastTs,
      },
    };
  }

  /** The stored copies of the members (by key), and every record in the members' sequence range. */
  async #storedCopies(members: readonly AnchoredMember[]): Promise<{ byKey: Map<string, StoredRow[]>; inRange: StoredRow[] }> {
    const byKey = new Map<string, StoredRow[]>();
    if (members.length === 0) return { byKey, inRange: [] };
    let first = Number.MAX_SAFE_INTEGER;
    let last = 0;
    for (const m of members) { first = Math.min(first, m.seq); last = Math.max(last, m.seq); }
    const inRange = await this.#contents.recordsInRange(first, last);
    const add = (row: StoredRow): void => { byKey.set(keyOf(row), [...(byKey.get(keyOf(row)) ?? []), row]); };
    for (const row of inRange) add(row);
    // A member whose copy is not in the range may have had its sequence number changed: look it up by key.
    const missing = members.filter((m) => !byKey.has(keyOf(m)));
    for (const row of await this.#contents.recordsOf(missing)) add(row);
    return { byKey, inRange };
  }
}

/** The record hash recomputed from a stored row (its sequence number and stored hash are not part of it). */
function hashOf(row: StoredRow): string {
  const { seq: _seq, recordHash: _stored, ...record } = row;
  return recordHash(record);
}
