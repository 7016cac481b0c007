/**
 * A real embedded ledger in a temp directory with a hand-driven clock, and the typed
 * supervision wrapper over it: contract tests exercise the contract the way the gateway
 * does, through signed proposals and committed blocks.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Department } from '../../core/src/domain/departments.js';
import { TransactionRefusedError } from '../../core/src/ledger/ledger-errors.js';
import type { LedgerEvent } from '../../core/src/ledger/ledger.js';
import { openEmbeddedLedger, type EmbeddedLedger } from '../../core/src/ledger/embedded/index.js';
import { SupervisionLedger } from '../../core/src/ledger/supervision-ledger.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** A clock the test moves by hand. */
export class ManualClock {
  #now: number;

  constructor(start: string) {
    this.#now = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.#now);

  advance(ms: number): void {
    this.#now += ms;
  }
}

export interface ContractFixture {
  ledger: EmbeddedLedger;
  /** The contract as each department's system identity (no role attribute). */
  supervision: SupervisionLedger;
  clock: ManualClock;
  /** Every event committed so far, in order. */
  events: LedgerEvent[];
  /** The contract as a user of a given role (`suptech.role`, `suptech.user` attributes). */
  asUser(role: string, user?: string): SupervisionLedger;
  close(): Promise<void>;
}

export async function openContractFixture(start = '2026-07-01T08:00:00.000Z'): Promise<ContractFixture> {
  const directory = await mkdtemp(join(tmpdir(), 'suptech-contract-'));
  const clock = new ManualClock(start);
  const ledger = await openEmbeddedLedger({ directory, clock: clock.now, extraOrganizations: ['BANK'] });
  const events: LedgerEvent[] = [];
  const dispose = ledger.subscribe((event) => { events.push(event); }, { afterBlock: 0 });
  return {
    ledger, clock, events,
    supervision: new SupervisionLedger(ledger),
    asUser: (role, user = `${role}-user`) => new SupervisionLedger(ledger.withAttributes({ 'suptech.role': role, 'suptech.user': user })),
    close: async () => {
      dispose();
      await ledger.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A SHA-256 hex digest, the shape of every hash the gateway anchors. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Asserts that `promise` is refused by the contract with `code`; returns the refusal. */
export async function assertRefused(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<TransactionRefusedError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TransactionRefusedError, `expected a contract refusal, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.ok(error.message.startsWith(`${code}: `), error.message);
    if (pattern !== undefined) assert.match(error.message, pattern);
    return error;
  }
  assert.fail(`expected a ${code} refusal, but the transaction was committed`);
}

/** Records an alert and opens its case routed to `departments`. */
export async function openCaseFor(
  supervision: SupervisionLedger, caseId: string, departments: Department[], deadlineDays?: number,
): Promise<void> {
  const alertId = `alert-${caseId}`;
  await supervision.recordAlert(departments[0] ?? 'PBOC', {
    alertId, alertHash: sha256(alertId), typology: 'credit_to_real_estate', ruleVersion: '1.0.0', departments,
  });
  await supervision.openCase(departments[0] ?? 'PBOC', { caseId, alertId, departments, deadlineDays });
}

/** Waits until queued event deliveries have run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
