import fabricContractApi from 'fabric-contract-api';
import { identifyCaller, requireMayMutate, requireReviewer } from './access-policy.js';
import { canonicalJson } from './canonical-json.js';
import { ContractError } from './contract-error.js';
import { CONTRACT_EVENTS } from './contract-events.js';
import { JointReviewCase } from './joint-review-case.js';
import { KEY_TYPES } from './ledger-keys.js';
import { readAlert, readBatch, readCase, readReport, readRuleSet, DECISIONS } from './ledger-records.js';
import type { AlertRecord, BatchAnchor, ReviewCase, RuleSetAnchor } from './ledger-records.js';
import { anchorQuarterlyReport, signOffQuarterlyReport } from './quarterly-report-anchor.js';
import { approveEntry, proposeEntry, readListEntry, readListEntryProposal, withdrawEntry } from './list-entry-approval.js';
import {
  readAlertInput, readBatchInput, readCaseOpening, readHash, readQuarter, readRuleSetInput,
} from './transaction-inputs.js';
import { department, oneOf, text } from './validate.js';
import { readCaseHistory } from './case-history.js';
import { caseNoteId, readCaseNote, recordNote } from './case-discussion-note.js';
import { readRecord, requireRecord, txTime, writeRecord } from './world-state.js';

// fabric-contract-api is CommonJS whose decorators are attached with Object.assign, which
// ESM named imports cannot see; the default import works under both ESM and CommonJS.
const { Contract, Info, Returns, Transaction } = fabricContractApi;
// A value and a type of the same name, so that tsc's emitted decorator metadata names the
// Context class: Fabric recognises the context parameter by it and does not count it as an
// argument. Lint cannot see that metadata use.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { Context } = fabricContractApi;
type Context = InstanceType<typeof Context>;

/**
 * The supervision contract shared by PBOC, NFRA, SAMR, CAC and SAFE. Thin by design:
 * each function identifies the caller, reads and validates, delegates the decision to a
 * pure module, and writes canonical JSON with one event. Every function returns a string
 * of canonical JSON (`null` for a getter whose key is absent).
 */
@Info({ title: 'SupervisionContract', description: 'Joint supervision: batch anchors, alerts, joint-review cases, rule sets, quarterly reports, list entries' })
export class SupervisionContract extends Contract {
  constructor() {
    super('SupervisionContract');
  }

  /** Anchors a batch's Merkle root; the same batch again returns the stored anchor. */
  @Transaction()
  @Returns('string')
  async anchorBatch(ctx: Context, batchJson: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireMayMutate(caller, 'anchor a batch');
    const input = readBatchInput(batchJson);
    const existing = await readRecord(ctx, KEY_TYPES.batch, input.batchId, readBatch);
    if (existing !== undefined) {
      const same = existing.merkleRoot === input.merkleRoot && existing.count === input.count
        && existing.firstTs === input.firstTs && existing.lastTs === input.lastTs;
      if (!same) throw new ContractError('CONFLICT', `batch ${input.batchId} is already anchored with root ${existing.merkleRoot}`);
      return canonicalJson(existing);
    }
    const anchor: BatchAnchor = { ...input, submittedBy: caller.department, anchoredAt: txTime(ctx).toISOString() };
    return writeRecord(ctx, KEY_TYPES.batch, input.batchId, anchor, CONTRACT_EVENTS.batchAnchored);
  }

  @Transaction(false)
  @Returns('string')
  async getBatch(ctx: Context, batchId: string): Promise<string> {
    identifyCaller(ctx.clientIdentity);
    return canonicalJson(await readRecord(ctx, KEY_TYPES.batch, text(batchId, 'batchId'), readBatch) ?? null);
  }

  /** Records an alert, or a new version of it when its hash changed; the same hash is a no-op. */
  @Transaction()
  @Returns('string')
  async recordAlert(ctx: Context, alertJson: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireMayMutate(caller, 'record an alert');
    const input = readAlertInput(alertJson);
    const existing = await readRecord(ctx, KEY_TYPES.alert, input.alertId, readAlert);
    if (existing?.alertHash === input.alertHash) return canonicalJson(existing);
    const record: AlertRecord = {
      ...input, version: (existing?.version ?? 0) + 1, recordedBy: caller.department, recordedAt: txTime(ctx).toISOString(),
    };
    return writeRecord(ctx, KEY_TYPES.alert, input.alertId, record, CONTRACT_EVENTS.alertRecorded);
  }

  /** Opens a joint-review case on a recorded alert; opening it again returns the stored case. */
  @Transaction()
  @Returns('string')
  async openCase(ctx: Context, caseJson: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireMayMutate(caller, 'open a case');
    const opening = readCaseOpening(caseJson);
    const existing = await readRecord(ctx, KEY_TYPES.case, opening.caseId, readCase);
    if (existing !== undefined) {
      if (existing.alertId !== opening.alertId) {
        throw new ContractError('CONFLICT', `case ${opening.caseId} already exists for alert ${existing.alertId}`);
      }
      return canonicalJson(existing);
    }
    await requireRecord(ctx, KEY_TYPES.alert, opening.alertId, readAlert);
    const opened = JointReviewCase.open(opening, caller.department, txTime(ctx));
    return writeRecord(ctx, KEY_TYPES.case, opening.caseId, opened.record, CONTRACT_EVENTS.caseOpened);
  }

  /** The caller's department's opinion on a case routed to it; revisable until the case closes. */
  @Transaction()
  @Returns('string')
  async submitOpinion(ctx: Context, caseId: string, decision: string, commentHash: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireReviewer(caller, 'record an opinion');
    const checkedDecision = oneOf(decision, 'decision', DECISIONS);
    const hash = readHash(commentHash, 'commentHash');
    const current = JointReviewCase.of(await this.#requireCase(ctx, caseId));
    const next = current.withOpinion(caller, checkedDecision, hash, txTime(ctx), ctx.stub.getTxID());
    return writeRecord(ctx, KEY_TYPES.case, caseId, next.record, CONTRACT_EVENTS.caseUpdated);
  }

  /** Joint review widening by a routed department while the case is open. */
  @Transaction()
  @Returns('string')
  async addDepartment(ctx: Context, caseId: string, addedDepartment: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireMayMutate(caller, 'widen a case');
    const added = department(addedDepartment, 'department');
    const current = JointReviewCase.of(await this.#requireCase(ctx, caseId));
    const next = current.widenedWith(caller, added, txTime(ctx));
    if (next === current) return canonicalJson(current.record);
    return writeRecord(ctx, KEY_TYPES.case, caseId, next.record, CONTRACT_EVENTS.caseUpdated);
  }

  /** Escalates an open case whose deadline has passed at the transaction's time. */
  @Transaction()
  @Returns('string')
  async escalateOverdue(ctx: Context, caseId: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireMayMutate(caller, 'escalate a case');
    const current = JointReviewCase.of(await this.#requireCase(ctx, caseId));
    const next = current.escalatedIfOverdue(txTime(ctx));
    if (next === current) return canonicalJson(current.record);
    return writeRecord(ctx, KEY_TYPES.case, caseId, next.record, CONTRACT_EVENTS.caseUpdated);
  }

  @Transaction(false)
  @Returns('string')
  async getCase(ctx: Context, caseId: string): Promise<string> {
    identifyCaller(ctx.clientIdentity);
    return canonicalJson(await readRecord(ctx, KEY_TYPES.case, text(caseId, 'caseId'), readCase) ?? null);
  }

  /** Every committed version of a case, oldest first: `[{ txId, timestamp, value }]`. */
  @Transaction(false)
  @Returns('string')
  async getCaseHistory(ctx: Context, caseId: string): Promise<string> {
    identifyCaller(ctx.clientIdentity);
    return canonicalJson(await readCaseHistory(ctx, text(caseId, 'caseId')));
  }

  /** Anchors a rule-set version's hash; a version is immutable once anchored. */
  @Transaction()
  @Returns('string')
  async anchorRuleSet(ctx: Context, ruleSetJson: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireMayMutate(caller, 'anchor a rule set');
    const input = readRuleSetInput(ruleSetJson);
    const existing = await readRecord(ctx, KEY_TYPES.ruleSet, input.version, readRuleSet);
    if (existing !== undefined) {
      if (existing.hash !== input.hash) throw new ContractError('CONFLICT', `rule set ${input.version} is already anchored with hash ${existing.hash}`);
      return canonicalJson(existing);
    }
    const anchor: RuleSetAnchor = { ...input, anchoredBy: caller.department, anchoredAt: txTime(ctx).toISOString() };
    return writeRecord(ctx, KEY_TYPES.ruleSet, input.version, anchor, CONTRACT_EVENTS.ruleSetAnchored);
  }

  @Transaction(false)
  @Returns('string')
  async getRuleSet(ctx: Context, version: string): Promise<string> {
    identifyCaller(ctx.clientIdentity);
    return canonicalJson(await readRecord(ctx, KEY_TYPES.ruleSet, text(version, 'version'), readRuleSet) ?? null);
  }

  /** Anchors a quarterly report's hash (replaceable only until the first sign-off). */
  @Transaction()
  @Returns('string')
  async anchorReport(ctx: Context, quarter: string, reportHash: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireMayMutate(caller, 'anchor a report');
    const q = readQuarter(quarter);
    const existing = await readRecord(ctx, KEY_TYPES.report, q, readReport);
    const next = anchorQuarterlyReport(existing, q, readHash(reportHash, 'reportHash'), caller.department, txTime(ctx));
    if (next === undefined) return canonicalJson(existing);
    return writeRecord(ctx, KEY_TYPES.report, q, next, CONTRACT_EVENTS.reportAnchored);
  }

  /** The caller's department signs off the anchored report; one sign-off per department. */
  @Transaction()
  @Returns('string')
  async signOffReport(ctx: Context, quarter: string, reportHash: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireReviewer(caller, 'sign off a report');
    const q = readQuarter(quarter);
    const report = await requireRecord(ctx, KEY_TYPES.report, q, readReport);
    const next = signOffQuarterlyReport(report, readHash(reportHash, 'reportHash'), caller, txTime(ctx), ctx.stub.getTxID());
    if (next === undefined) return canonicalJson(report);
    return writeRecord(ctx, KEY_TYPES.report, q, next, CONTRACT_EVENTS.reportSignedOff);
  }

  @Transaction(false)
  @Returns('string')
  async getReport(ctx: Context, quarter: string): Promise<string> {
    identifyCaller(ctx.clientIdentity);
    return canonicalJson(await readRecord(ctx, KEY_TYPES.report, readQuarter(quarter), readReport) ?? null);
  }

  /** A department proposes a negative- or allow-list entry; it is active at once only if nobody else must approve it. */
  @Transaction()
  @Returns('string')
  async proposeListEntry(ctx: Context, entryJson: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireMayMutate(caller, 'propose a list entry');
    const input = readListEntryProposal(entryJson);
    const existing = await readRecord(ctx, KEY_TYPES.listEntry, input.entryId, readListEntry);
    const next = proposeEntry(existing, input, caller, txTime(ctx), ctx.stub.getTxID());
    return writeRecord(ctx, KEY_TYPES.listEntry, input.entryId, next, CONTRACT_EVENTS.listEntryChanged);
  }

  /** A department whose alerts the entry would change approves it (the checker of maker-checker). */
  @Transaction()
  @Returns('string')
  async approveListEntry(ctx: Context, entryId: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireReviewer(caller, 'approve a list entry');
    const entry = await requireRecord(ctx, KEY_TYPES.listEntry, text(entryId, 'entryId'), readListEntry);
    const next = approveEntry(entry, caller, txTime(ctx), ctx.stub.getTxID());
    if (next === entry) return canonicalJson(entry);
    return writeRecord(ctx, KEY_TYPES.listEntry, entryId, next, CONTRACT_EVENTS.listEntryChanged);
  }

  /** The owner, or a department whose approval it needs, withdraws an entry. */
  @Transaction()
  @Returns('string')
  async withdrawListEntry(ctx: Context, entryId: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireMayMutate(caller, 'withdraw a list entry');
    const entry = await requireRecord(ctx, KEY_TYPES.listEntry, text(entryId, 'entryId'), readListEntry);
    const next = withdrawEntry(entry, caller, txTime(ctx), ctx.stub.getTxID());
    if (next === entry) return canonicalJson(entry);
    return writeRecord(ctx, KEY_TYPES.listEntry, entryId, next, CONTRACT_EVENTS.listEntryChanged);
  }

  @Transaction(false)
  @Returns('string')
  async getListEntry(ctx: Context, entryId: string): Promise<string> {
    identifyCaller(ctx.clientIdentity);
    return canonicalJson(await readRecord(ctx, KEY_TYPES.listEntry, text(entryId, 'entryId'), readListEntry) ?? null);
  }

  /** Records the hash of one entry of a case's discussion, by a department the case is routed to. */
  @Transaction()
  @Returns('string')
  async recordCaseNote(ctx: Context, caseId: string, noteId: string, noteHash: string): Promise<string> {
    const caller = identifyCaller(ctx.clientIdentity);
    requireMayMutate(caller, 'write in a case discussion');
    const reviewCase = await this.#requireCase(ctx, caseId);
    const id = caseNoteId(reviewCase.caseId, text(noteId, 'noteId'));
    const existing = await readRecord(ctx, KEY_TYPES.caseNote, id, readCaseNote);
    const next = recordNote(reviewCase, existing, noteId, readHash(noteHash, 'noteHash'), caller, txTime(ctx));
    if (next === undefined) return canonicalJson(existing);
    return writeRecord(ctx, KEY_TYPES.caseNote, id, next, CONTRACT_EVENTS.caseNoteRecorded);
  }

  @Transaction(false)
  @Returns('string')
  async getCaseNote(ctx: Context, caseId: string, noteId: string): Promise<string> {
    identifyCaller(ctx.clientIdentity);
    return canonicalJson(await readRecord(ctx, KEY_TYPES.caseNote, caseNoteId(text(caseId, 'caseId'), text(noteId, 'noteId')), readCaseNote) ?? null);
  }

  /** Fabric calls this for a function name the contract does not define. */
  override async unknownTransaction(ctx: Context): Promise<void> {
    const { fcn } = ctx.stub.getFunctionAndParameters();
    throw new ContractError('UNKNOWN_TRANSACTION', `the supervision contract has no function ${fcn}`);
  }

  async #requireCase(ctx: Context, caseId: string): Promise<ReviewCase> {
    return requireRecord(ctx, KEY_TYPES.case, text(caseId, 'caseId'), readCase);
  }
}
