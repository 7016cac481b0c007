/**
 * The bookkeeping shared by background activity and planted typologies: institutions, the
 * accounts of businesses (always reported with their sector or MCC, so they are never
 * personal whatever order records arrive in), unique record ids and event times.
 */
import type { IncomingTransactionRecord } from '../../../core/src/domain/transaction-record.js';
import { SeededRandom } from './seeded-random.js';

export const BANKS = ['BANK_ICBX', 'BANK_CCBX', 'BANK_CMBX'] as const;
export const PLATFORMS = ['PAY_ALIX', 'ECOM_JDX'] as const;
export const INSTITUTIONS = [...BANKS, ...PLATFORMS] as const;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** A record with its event time in epoch ms, before it gets an arrival time. */
export type DraftRecord = IncomingTransactionRecord;

export class ScenarioBuilder {
  readonly random: SeededRandom;
  readonly records: DraftRecord[] = [];
  private ids = 0;
  private accounts = 0;

  constructor(readonly seed: number, readonly startMs: number, readonly days: number) {
    this.random = new SeededRandom(seed);
  }

  get endMs(): number {
    return this.startMs + this.days * DAY_MS;
  }

  /** A fresh account id; `kind` makes scenarios readable (`P` person, `M` merchant…). */
  account(kind: string): string {
    this.accounts++;
    return `${kind}${this.seed}-${this.accounts}`;
  }

  /** A random event time within [fromMs, toMs). */
  timeBetween(fromMs: number, toMs: number): number {
    return Math.floor(fromMs + this.random.next() * (toMs - fromMs));
  }

  /** Record one transaction; returns it (its `txId` unique across institutions). */
  add(fields: Omit<DraftRecord, 'txId' | 'ts'> & { at: number }): DraftRecord {
    this.ids++;
    const { at, ...rest } = fields;
    const record: DraftRecord = { txId: `T${this.seed}-${this.ids}`, ts: new Date(Math.round(at)).toISOString(), ...rest };
    // Amounts are cents: float arithmetic (e.g. 90% of an amount) must not leak a third decimal
    // into a record the gateway would rightly refuse.
    if (typeof record.amount === 'number') record.amount = Math.round(record.amount * 100) / 100;
    this.records.push(record);
    return record;
  }

  bank(): string {
    return this.random.pick(BANKS);
  }

  anyInstitution(): string {
    return this.random.pick(INSTITUTIONS);
  }
}
