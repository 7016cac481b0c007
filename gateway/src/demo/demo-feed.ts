import { randomInt } from 'node:crypto';
import type { Logger } from '../../../core/src/logger.js';

export interface DemoFeedOptions {
  baseUrl: string;
  institutions: readonly { code: string; apiKey: string }[];
  logger: Logger;
  /** Background records per tick (one tick a second). */
  recordsPerTick?: number;
  /** A planted risky flow every this many ticks. */
  plantEvery?: number;
}

type RawRecord = Record<string, string | number>;

const pick = <T>(list: readonly T[]): T => list[randomInt(list.length)]!;

/**
 * Synthetic reports for a newcomer's first minutes: background transfers and shop
 * payments from several institutions, and now and then a planted flow of consumer or
 * business credit reaching a property developer through personal accounts at other
 * institutions, reported out of order — what the platform exists to catch. It posts to
 * the public ingestion API with each institution's own key, like a real reporter.
 */
export class DemoFeed {
  readonly #o: Readonly<DemoFeedOptions>;
  #timer: NodeJS.Timeout | undefined;
  #tick = 0;
  #serial = 0;

  constructor(options: Readonly<DemoFeedOptions>) {
    this.#o = options;
  }

  start(): void {
    this.#timer = setInterval(() => { void this.#step(); }, 1000);
    this.#timer.unref();
    void this.#step();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  async #step(): Promise<void> {
    this.#tick++;
    const byInstitution = new Map<string, RawRecord[]>();
    const add = (r: RawRecord): void => {
      const list = byInstitution.get(String(r.institution)) ?? [];
      list.push(r);
      byInstitution.set(String(r.institution), list);
    };
    for (let i = 0; i < (this.#o.recordsPerTick ?? 20); i++) add(this.#background());
    if (this.#tick % (this.#o.plantEvery ?? 15) === 3) for (const r of this.#plantedCreditFlow()) add(r);
    await Promise.all([...byInstitution].map(([code, records]) => this.#post(code, records)));
  }

  #id(prefix: string): string {
    return `${prefix}-${Date.now().toString(36)}-${(this.#serial++).toString(36)}`;
  }

  #background(): RawRecord {
    const now = Date.now() - randomInt(0, 3_600_000);
    const institution = pick(this.#o.institutions).code;
    const person = (): string => `62${String(randomInt(10_000_000, 10_000_400)).padStart(14, '0')}`;
    if (randomInt(3) === 0) {
      return { txId: this.#id('pay'), institution, ts: new Date(now).toISOString(), type: 'payment', from: person(),
        to: `MCH${randomInt(100, 140)}`, amount: (randomInt(500, 80_000) / 100).toFixed(2), toMcc: pick(['5411', '5812', '5999', '4111']) };
    }
    return { txId: this.#id('trf'), institution, ts: new Date(now).toISOString(), type: 'transfer', from: person(), to: person(),
      amount: (randomInt(1_000, 500_000) / 100).toFixed(2) };
  }

  /** Loan → (0–2 personal hops at other institutions) → property developer; sent in shuffled order. */
  #plantedCreditFlow(): RawRecord[] {
    const codes = this.#o.institutions.map((i) => i.code);
    const lender = pick(codes.filter((c) => c !== 'SWIFTPAY'));
    const borrower = `BRW${randomInt(1e9, 9e9)}`;
    const start = Date.now() - randomInt(2, 20) * 86_400_000;
    let amount = randomInt(200, 2_000) * 1_000;
    const flow: RawRecord[] = [{
      txId: this.#id('loan'), institution: lender, ts: new Date(start).toISOString(), type: 'loan_disbursement',
      from: `LOANACCT-${lender}`, to: borrower, amount, loanPurpose: pick(['consumer', 'business']),
    }];
    let holder = borrower;
    const hops = randomInt(0, 3);
    for (let h = 1; h <= hops; h++) {
      const next = `HOP${randomInt(1e9, 9e9)}`;
      amount = Math.round(amount * (0.9 + Math.random() * 0.09));
      flow.push({ txId: this.#id('hop'), institution: h === 1 ? 'SWIFTPAY' : pick(codes), ts: new Date(start + h * 3_600_000).toISOString(),
        type: 'transfer', from: holder, to: next, amount });
      holder = next;
    }
    flow.push({ txId: this.#id('home'), institution: pick(codes), ts: new Date(start + (hops + 1) * 3_600_000 + 86_400_000).toISOString(),
      type: 'payment', from: holder, to: `DEV${randomInt(10, 40)}`, amount: Math.round(amount * 0.95), toSector: 'K', toMcc: '6513' });
    return flow.sort(() => Math.random() - 0.5);
  }

  async #post(code: string, records: RawRecord[]): Promise<void> {
    const key = this.#o.institutions.find((i) => i.code === code)?.apiKey;
    if (!key) return;
    try {
      const response = await fetch(`${this.#o.baseUrl}/api/v1/transactions`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(records),
      });
      if (!response.ok) this.#o.logger.warn({ status: response.status, institution: code }, 'demo feed: submission refused');
    } catch (error) {
      this.#o.logger.warn({ err: error }, 'demo feed: platform not reachable');
    }
  }
}
