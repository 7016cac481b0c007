import { randomInt } from 'node:crypto';
import type { Logger } from '../../../core/src/logger.js';
import { PLANTED_FLOWS, shuffled, type RawRecord } from './planted-flows.js';

export interface DemoFeedOptions {
  baseUrl: string;
  institutions: readonly { code: string; apiKey: string }[];
  logger: Logger;
  /** Background records per tick (one tick a second). */
  recordsPerTick?: number;
  /** A planted risky flow every this many ticks, each typology in turn. */
  plantEvery?: number;
}

const pick = <T>(list: readonly T[]): T => list[randomInt(list.length)]!;

/**
 * Synthetic reports for a newcomer's first minutes: background transfers and shop
 * payments from several institutions, and every few seconds a planted risky flow of the
 * next typology in turn (planted-flows.ts) — credit reaching property or securities,
 * structuring, cycles, pass-through, fan-in/out, split remittances — reported out of order,
 * what the platform exists to catch. It posts to the public ingestion API with each
 * institution's own key, like a real reporter.
 */
export class DemoFeed {
  readonly #o: Readonly<DemoFeedOptions>;
  #timer: NodeJS.Timeout | undefined;
  #tick = 0;
  #serial = 0;
  #planted = 0;

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
    if (this.#tick % (this.#o.plantEvery ?? 10) === 3) for (const r of this.#plantNext()) add(r);
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

  /** The next typology's planted flow, round-robin, so every typology shows within a couple of minutes. */
  #plantNext(): RawRecord[] {
    const flow = PLANTED_FLOWS[this.#planted++ % PLANTED_FLOWS.length]!;
    const records = flow.plant({ institutions: this.#o.institutions.map((i) => i.code), id: (prefix) => this.#id(prefix), now: Date.now() });
    return shuffled(records);
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
