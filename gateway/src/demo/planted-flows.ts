/**
 * The risky flows the demo feed plants among its background traffic, one per typology, so
 * that a newcomer sees every detector at work and every department its own alerts within
 * two minutes. Each flow satisfies its typology's default rule (alerts/src/typologies) with
 * a margin, uses fresh personal accounts (never reported with a sector or an MCC), and lies
 * in the recent past: records are sent at once, in shuffled order, as real reporters do.
 */
import { randomInt } from 'node:crypto';

export type RawRecord = Record<string, string | number>;

export interface PlantContext {
  /** Institution codes of the demo (banks and platforms). */
  institutions: readonly string[];
  /** A fresh record id with a readable prefix. */
  id: (prefix: string) => string;
  /** The current time (epoch ms). */
  now: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const pick = <T>(list: readonly T[]): T => list[randomInt(list.length)]!;
const account = (prefix: string): string => `${prefix}${randomInt(1e9, 9e9)}`;
const at = (ms: number): string => new Date(ms).toISOString();
const banks = (c: PlantContext): string[] => c.institutions.filter((i) => i.endsWith('_BANK'));

/** Loan → 0–2 personal hops → a payment into a restricted sector (real estate or securities). */
function creditFlow(c: PlantContext, sector: { toSector: string; toMcc: string; payee: string }, viaPlatform: boolean): RawRecord[] {
  const lender = pick(banks(c));
  const borrower = account('BRW');
  const start = c.now - randomInt(2, 20) * DAY;
  let amount = randomInt(200, 2_000) * 1_000;
  const flow: RawRecord[] = [{
    txId: c.id('loan'), institution: lender, ts: at(start), type: 'loan_disbursement',
    from: `LOANACCT-${lender}`, to: borrower, amount, loanPurpose: pick(['consumer', 'business']),
  }];
  let holder = borrower;
  const hops = viaPlatform ? randomInt(1, 3) : randomInt(0, 3);
  for (let h = 1; h <= hops; h++) {
    const next = account('HOP');
    amount = Math.round(amount * (0.9 + Math.random() * 0.09));
    // The first hop through the payment platform brings the market regulator in.
    const institution = h === 1 && viaPlatform ? 'SWIFTPAY' : pick(c.institutions);
    flow.push({ txId: c.id('hop'), institution, ts: at(start + h * HOUR), type: 'transfer', from: holder, to: next, amount });
    holder = next;
  }
  flow.push({
    txId: c.id('pay'), institution: pick(c.institutions), ts: at(start + (hops + 1) * HOUR + DAY), type: 'payment',
    from: holder, to: account(sector.payee), amount: Math.round(amount * 0.95), toSector: sector.toSector, toMcc: sector.toMcc,
  });
  return flow;
}

/** Four cash deposits just under the 50,000 reporting threshold within a few hours. */
function structuring(c: PlantContext): RawRecord[] {
  const holder = account('CASH');
  const institution = pick(banks(c));
  const start = c.now - randomInt(6, 20) * HOUR;
  return [0, 1, 2, 3].map((i) => ({
    txId: c.id('cash'), institution, ts: at(start + i * 70 * 60_000), type: 'cash_deposit',
    from: holder, to: holder, amount: randomInt(42_000, 49_900),
  }));
}

/** A → B → C → A within two days, each transfer within 10% of the first. */
function cycle(c: PlantContext): RawRecord[] {
  const ring = [account('RING'), account('RING'), account('RING')];
  const start = c.now - randomInt(2, 4) * DAY;
  const base = randomInt(60, 300) * 1_000;
  return ring.map((from, i) => ({
    txId: c.id('ring'), institution: pick(c.institutions), ts: at(start + i * 5 * HOUR), type: 'transfer',
    from, to: ring[(i + 1) % ring.length]!, amount: Math.round(base * (1 - i * 0.03)),
  }));
}

/** A personal account receives a large transfer and sends 95% of it on to three others within hours. */
function rapidPassThrough(c: PlantContext): RawRecord[] {
  const conduit = account('CDT');
  const start = c.now - randomInt(4, 20) * HOUR;
  const incoming = randomInt(100, 800) * 1_000;
  const onward = [0.4, 0.35, 0.2].map((share, i) => ({
    txId: c.id('fwd'), institution: pick(c.institutions), ts: at(start + (i + 1) * 40 * 60_000), type: 'transfer',
    from: conduit, to: account('RCV'), amount: Math.round(incoming * share),
  }));
  return [{ txId: c.id('in'), institution: pick(banks(c)), ts: at(start), type: 'transfer', from: account('SRC'), to: conduit, amount: incoming }, ...onward];
}

/** Twelve payers into one account (fan-in), or one payer out to twelve (fan-out), within a day. */
function fan(c: PlantContext, direction: 'in' | 'out'): RawRecord[] {
  const hub = account(direction === 'in' ? 'SINK' : 'SPRD');
  const start = c.now - randomInt(4, 18) * HOUR;
  return Array.from({ length: 12 }, (_, i) => {
    const other = account('CPTY');
    return {
      txId: c.id(`fan${direction}`), institution: pick(c.institutions), ts: at(start + i * 20 * 60_000), type: 'transfer',
      from: direction === 'in' ? other : hub, to: direction === 'in' ? hub : other, amount: randomInt(12_000, 30_000),
    };
  });
}

/** Four outward remittances just under 200,000 to three countries within a few days. */
function crossBorderSplit(c: PlantContext): RawRecord[] {
  const sender = account('FX');
  const institution = pick(banks(c));
  const start = c.now - randomInt(2, 5) * DAY;
  return ['HK', 'SG', 'AE', 'HK'].map((country, i) => ({
    txId: c.id('fx'), institution, ts: at(start + i * 9 * HOUR), type: 'cross_border_out',
    from: sender, to: account('BENE'), amount: randomInt(150_000, 199_000), toCountry: country,
  }));
}

/** One planter per typology, in the order the demo plants them (the department each reaches first is in the comment). */
export const PLANTED_FLOWS: readonly { typology: string; plant: (c: PlantContext) => RawRecord[] }[] = [
  { typology: 'credit_to_real_estate', plant: (c) => creditFlow(c, { toSector: 'K', toMcc: '6513', payee: 'DEV' }, false) }, // NFRA, PBOC
  { typology: 'cross_border_split', plant: crossBorderSplit }, // SAFE
  { typology: 'credit_to_securities', plant: (c) => creditFlow(c, { toSector: 'J67', toMcc: '6211', payee: 'BRK' }, true) }, // + SAMR
  { typology: 'structuring', plant: structuring },
  { typology: 'cycle', plant: cycle },
  { typology: 'rapid_pass_through', plant: rapidPassThrough },
  { typology: 'fan_in', plant: (c) => fan(c, 'in') },
  { typology: 'fan_out', plant: (c) => fan(c, 'out') },
];

/** Fisher–Yates: reporters send in no particular order, and detection must not care. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
