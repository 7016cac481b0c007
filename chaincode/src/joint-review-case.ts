import { ContractError } from './contract-error.js';
import { requireRouted, type Caller, type Department } from './access-policy.js';
import type { CaseOpening } from './transaction-inputs.js';
import type { Decision, Opinion, ReviewCase } from './ledger-records.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A joint-review case as a pure state machine. Every transition returns a new case and
 * never reads a clock: the contract passes in the transaction's timestamp.
 *
 * open ──all routed confirm──▶ confirmed
 *      ──all routed dismiss──▶ dismissed
 *      ──all decided, a confirm and a dismiss among them──▶ escalated (disagreement)
 *      ──escalateOverdue after the deadline──▶ escalated (deadline)
 * A `request_info` opinion keeps the case open; opinions are revisable while it is open.
 */
export class JointReviewCase {
  readonly record: Readonly<ReviewCase>;

  private constructor(record: ReviewCase) {
    this.record = record;
  }

  /** A new case routed to `opening.departments`, due `deadlineDays` after `now`. */
  static open(opening: CaseOpening, openedBy: Department, now: Date): JointReviewCase {
    const at = now.toISOString();
    return new JointReviewCase({
      caseId: opening.caseId, alertId: opening.alertId, departments: [...opening.departments], status: 'open',
      opinions: {}, openedAt: at, openedBy, updatedAt: at,
      deadline: new Date(now.getTime() + opening.deadlineDays * DAY_MS).toISOString(),
    });
  }

  static of(record: ReviewCase): JointReviewCase {
    return new JointReviewCase(record);
  }

  get isOpen(): boolean {
    return this.record.status === 'open';
  }

  /** Records (or revises) the caller's department's opinion, then settles the case if it can. */
  withOpinion(caller: Caller, decision: Decision, commentHash: string, now: Date, txId: string): JointReviewCase {
    requireRouted(caller, this.record.departments, this.record.caseId);
    this.#requireOpen('take an opinion');
    const opinion: Opinion = { department: caller.department, decision, commentHash, at: now.toISOString(), txId, by: caller.user };
    const opinions = { ...this.record.opinions, [caller.department]: opinion };
    return new JointReviewCase(settle({ ...this.record, opinions, updatedAt: opinion.at }, opinion.at));
  }

  /**
   * Joint review widening: a routed department brings `department` into the case.
   * Adding a department already routed changes nothing (returns this same case).
   */
  widenedWith(caller: Caller, department: Department, now: Date): JointReviewCase {
    requireRouted(caller, this.record.departments, this.record.caseId);
    this.#requireOpen('be widened');
    if (this.record.departments.includes(department)) return this;
    const departments = [...this.record.departments, department].sort();
    return new JointReviewCase({ ...this.record, departments, updatedAt: now.toISOString() });
  }

  /**
   * Escalates a case still open after its deadline. Repeating it on a case already
   * escalated changes nothing, so a scheduler may retry safely.
   */
  escalatedIfOverdue(now: Date): JointReviewCase {
    if (this.record.status === 'escalated') return this;
    this.#requireOpen('be escalated');
    if (now.getTime() <= Date.parse(this.record.deadline)) {
      throw new ContractError('NOT_OVERDUE', `case ${this.record.caseId} is due ${this.record.deadline}, not overdue at ${now.toISOString()}`);
    }
    const at = now.toISOString();
    return new JointReviewCase({ ...this.record, status: 'escalated', escalationReason: 'deadline', closedAt: at, updatedAt: at });
  }

  #requireOpen(action: string): void {
    if (!this.isOpen) {
      throw new ContractError('CASE_CLOSED', `case ${this.record.caseId} is ${this.record.status} and can no longer ${action}`);
    }
  }
}

/** Closes the case once every routed department has spoken, if their decisions allow. */
function settle(c: ReviewCase, at: string): ReviewCase {
  const decisions = c.departments.map((d) => c.opinions[d]?.decision);
  if (decisions.some((d) => d === undefined)) return c;
  if (decisions.every((d) => d === 'confirm')) return { ...c, status: 'confirmed', closedAt: at };
  if (decisions.every((d) => d === 'dismiss')) return { ...c, status: 'dismissed', closedAt: at };
  if (decisions.includes('confirm') && decisions.includes('dismiss')) {
    return { ...c, status: 'escalated', escalationReason: 'disagreement', closedAt: at };
  }
  return c;
}
