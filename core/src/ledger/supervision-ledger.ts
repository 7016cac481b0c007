import type { Department } from '../domain/departments.js';
import type { Decision } from '../domain/alert.js';
import { supportsAttributes, type CommittedTransaction, type Ledger } from './ledger.js';
import type {
  AlertRecord, BatchAnchor, CaseHistoryEntry, CaseNoteRecord, ListEntryRecord, ReportAnchor, ReviewCase, RuleSetAnchor,
} from './contract-model.js';

/** A committed transaction whose result is typed. */
export interface Committed<T> extends CommittedTransaction { result: T }

/**
 * Domain wrapper over a {@link Ledger}: the supervision contract's transactions with
 * typed arguments and results. Argument encoding is canonical JSON strings, so the same
 * calls work on the embedded ledger and on Fabric.
 */
export class SupervisionLedger {
  readonly #ledger: Ledger;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
  }

  get backend(): Ledger { return this.#ledger; }

  /**
   * The same ledger acting for one department user: where the backend carries identity
   * attributes (embedded), the contract sees `suptech.role` and `suptech.user` and applies
   * its role rules too; on Fabric the department's organisation identity signs.
   */
  actingFor(user: { username: string; role: string }): SupervisionLedger {
    if (!supportsAttributes(this.#ledger)) return this;
    return new SupervisionLedger(this.#ledger.withAttributes({ 'suptech.role': user.role, 'suptech.user': user.username }));
  }

  anchorBatch(as: Department, batch: Omit<BatchAnchor, 'submittedBy' | 'anchoredAt'>): Promise<Committed<BatchAnchor>> {
    return this.#submit(as, 'anchorBatch', [JSON.stringify(batch)]);
  }

  async getBatch(as: Department, batchId: string): Promise<BatchAnchor | undefined> {
    return this.#evaluateOptional<BatchAnchor>(as, 'getBatch', [batchId]);
  }

  recordAlert(as: Department, alert: Omit<AlertRecord, 'version' | 'recordedBy' | 'recordedAt'>): Promise<Committed<AlertRecord>> {
    return this.#submit(as, 'recordAlert', [JSON.stringify(alert)]);
  }

  openCase(as: Department, c: { caseId: string; alertId: string; departments: Department[]; deadlineDays?: number }): Promise<Committed<ReviewCase>> {
    return this.#submit(as, 'openCase', [JSON.stringify(c)]);
  }

  submitOpinion(as: Department, caseId: string, decision: Decision, commentHash: string): Promise<Committed<ReviewCase>> {
    return this.#submit(as, 'submitOpinion', [caseId, decision, commentHash]);
  }

  addDepartment(as: Department, caseId: string, department: Department): Promise<Committed<ReviewCase>> {
    return this.#submit(as, 'addDepartment', [caseId, department]);
  }

  escalateOverdue(as: Department, caseId: string): Promise<Committed<ReviewCase>> {
    return this.#submit(as, 'escalateOverdue', [caseId]);
  }

  async getCase(as: Department, caseId: string): Promise<ReviewCase | undefined> {
    return this.#evaluateOptional<ReviewCase>(as, 'getCase', [caseId]);
  }

  async getCaseHistory(as: Department, caseId: string): Promise<CaseHistoryEntry[]> {
    return (await this.#ledger.evaluate(as, 'getCaseHistory', [caseId])) as CaseHistoryEntry[];
  }

  anchorRuleSet(as: Department, ruleSet: { version: string; hash: string }): Promise<Committed<RuleSetAnchor>> {
    return this.#submit(as, 'anchorRuleSet', [JSON.stringify(ruleSet)]);
  }

  async getRuleSet(as: Department, version: string): Promise<RuleSetAnchor | undefined> {
    return this.#evaluateOptional<RuleSetAnchor>(as, 'getRuleSet', [version]);
  }

  anchorReport(as: Department, quarter: string, reportHash: string): Promise<Committed<ReportAnchor>> {
    return this.#submit(as, 'anchorReport', [quarter, reportHash]);
  }

  signOffReport(as: Department, quarter: string, reportHash: string): Promise<Committed<ReportAnchor>> {
    return this.#submit(as, 'signOffReport', [quarter, reportHash]);
  }

  async getReport(as: Department, quarter: string): Promise<ReportAnchor | undefined> {
    return this.#evaluateOptional<ReportAnchor>(as, 'getReport', [quarter]);
  }

  /** Anchors the hash of a case discussion entry (its text stays off-chain). */
  recordCaseNote(as: Department, caseId: string, noteId: string, noteHash: string): Promise<Committed<CaseNoteRecord>> {
    return this.#submit(as, 'recordCaseNote', [caseId, noteId, noteHash]);
  }

  async getCaseNote(as: Department, caseId: string, noteId: string): Promise<CaseNoteRecord | undefined> {
    return this.#evaluateOptional<CaseNoteRecord>(as, 'getCaseNote', [caseId, noteId]);
  }

  proposeListEntry(
    as: Department, entry: Pick<ListEntryRecord, 'entryId' | 'list' | 'kind' | 'value' | 'typologies' | 'reasonHash' | 'requiredApprovals'>,
  ): Promise<Committed<ListEntryRecord>> {
    return this.#submit(as, 'proposeListEntry', [JSON.stringify(entry)]);
  }

  approveListEntry(as: Department, entryId: string): Promise<Committed<ListEntryRecord>> {
    return this.#submit(as, 'approveListEntry', [entryId]);
  }

  withdrawListEntry(as: Department, entryId: string): Promise<Committed<ListEntryRecord>> {
    return this.#submit(as, 'withdrawListEntry', [entryId]);
  }

  async getListEntry(as: Department, entryId: string): Promise<ListEntryRecord | undefined> {
    return this.#evaluateOptional<ListEntryRecord>(as, 'getListEntry', [entryId]);
  }

  async #submit<T>(as: Department, fn: string, args: string[]): Promise<Committed<T>> {
    return (await this.#ledger.submit(as, fn, args)) as Committed<T>;
  }

  /** Contract getters answer `null` (canonical JSON) for a key that does not exist. */
  async #evaluateOptional<T>(as: Department, fn: string, args: string[]): Promise<T | undefined> {
    const value = await this.#ledger.evaluate(as, fn, args);
    return value === null || value === undefined ? undefined : (value as T);
  }
}
