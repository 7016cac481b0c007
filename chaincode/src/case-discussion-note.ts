/**
 * One entry of a case's discussion, as the ledger keeps it: not the text (it may quote
 * personal data and stays off-chain with the gateway), only its SHA-256, who wrote it and
 * when. Anyone holding the text can check it against this record; nobody can rewrite it.
 */
import type { Caller, Department } from './access-policy.js';
import { ContractError } from './contract-error.js';
import type { ReviewCase } from './ledger-records.js';
import { asFields, department, optionalText, text, timestamp } from './validate.js';

export interface CaseNoteRecord {
  caseId: string;
  noteId: string;
  noteHash: string;
  department: Department;
  at: string;
  by?: string;
}

const HASH = /^[0-9a-f]{64}$/;

/** World-state id of a note: case and note id, so a case's notes share a prefix. */
export function caseNoteId(caseId: string, noteId: string): string {
  return `${caseId}/${noteId}`;
}

/**
 * The note a caller may record on `reviewCase`: only a department the case is routed to
 * discusses it. Recording the same note again is idempotent; another hash under the same
 * id is a conflict (a note is never edited).
 */
export function recordNote(
  reviewCase: ReviewCase, existing: CaseNoteRecord | undefined, noteId: string, noteHash: string, caller: Caller, now: Date,
): CaseNoteRecord | undefined {
  if (!reviewCase.departments.includes(caller.department)) {
    throw new ContractError('ACCESS_DENIED', `case ${reviewCase.caseId} is not routed to ${caller.department}`);
  }
  if (existing) {
    if (existing.noteHash === noteHash) return undefined;
    throw new ContractError('CONFLICT', `note ${noteId} of case ${reviewCase.caseId} is recorded with another hash`);
  }
  return {
    caseId: reviewCase.caseId, noteId, noteHash, department: caller.department, at: now.toISOString(),
    ...(caller.user ? { by: caller.user } : {}),
  };
}

export function readCaseNote(value: unknown): CaseNoteRecord {
  const f = asFields(value, 'case note');
  const by = optionalText(f.by, 'by');
  return {
    caseId: text(f.caseId, 'caseId'), noteId: text(f.noteId, 'noteId'), noteHash: text(f.noteHash, 'noteHash', HASH),
    department: department(f.department, 'department'), at: timestamp(f.at, 'at'), ...(by ? { by } : {}),
  };
}
