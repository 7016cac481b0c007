/**
 * Planted instances of every typology, each labelled with the records that constitute it.
 * Every instance uses fresh accounts, lies comfortably inside the typology's default
 * thresholds and windows (boundaries are the unit tests' job) and spans several
 * institutions, since cross-institution flows are what the platform is for.
 */
import type { TypologyId } from '../../../core/src/domain/alert.js';
import { BANKS, DAY_MS, HOUR_MS, PLATFORMS, type DraftRecord, type ScenarioBuilder } from './scenario-builder.js';

/** One planted occurrence of a typology and the records it rests on. */
export interface PlantedInstance {
  typology: TypologyId;
  /** `institution/txId` of every constituting record. */
  evidenceKeys: string[];
  /** Accounts of the instance (raw ids as generated). */
  accounts: string[];
}

const keysOf = (records: readonly DraftRecord[]): string[] => records.map((r) => `${r.institution}/${r.txId}`);
const accountsOf = (records: readonly DraftRecord[]): string[] => [...new Set(records.flatMap((r) => [r.from, r.to]))];

type Planter = (b: ScenarioBuilder, at: number) => DraftRecord[];

/** Loan → up to 2 personal hops → restricted party, each hop 60–100% of the previous. */
function creditDiversion(restricted: { sector: string; mcc: string; kind: string }): Planter {
  return (b, at) => {
    const borrower = b.account('P');
    let amount = b.random.amount(60_000, 800_000);
    const records = [b.add({ institution: b.random.pick(BANKS), type: 'loan_disbursement', from: b.account('LOAN'), to: borrower,
      amount, loanPurpose: b.random.pick(['consumer', 'business'] as const), at })];
    let holder = borrower;
    let t = at;
    for (let hops = b.random.int(0, 2); hops > 0; hops--) {
      const next = b.account('P');
      amount = Math.round(amount * b.random.amount(0.6, 1) * 100) / 100;
      t += b.random.int(1, 96) * HOUR_MS;
      records.push(b.add({ institution: b.random.pick([...BANKS, ...PLATFORMS]), type: 'transfer', from: holder, to: next, amount, at: t }));
      holder = next;
    }
    const final = Math.max(10_000, Math.round(amount * b.random.amount(0.6, 1) * 100) / 100);
    const tag = b.random.chance(0.5) ? { toSector: restricted.sector } : { toMcc: restricted.mcc };
    records.push(b.add({ institution: b.random.pick(BANKS), type: 'payment', from: holder, to: b.account(restricted.kind), amount: final, ...tag,
      at: t + b.random.int(1, 30) * DAY_MS }));
    return records;
  };
}

const structuring: Planter = (b, at) => {
  const who = b.account('P');
  const type = b.random.chance(0.7) ? 'cash_deposit' : 'cash_withdrawal';
  return Array.from({ length: b.random.int(3, 5) }, (_, i) => b.add({
    institution: b.random.pick(BANKS), type, from: who, to: who, amount: b.random.amount(40_000, 49_999), at: at + i * b.random.int(1, 5) * HOUR_MS,
  }));
};

const cycle: Planter = (b, at) => {
  const ring = Array.from({ length: b.random.int(3, 5) }, () => b.account('P'));
  const first = b.random.amount(20_000, 300_000);
  let t = at;
  return ring.map((from, i) => {
    t += i === 0 ? 0 : b.random.int(1, 30) * HOUR_MS;
    const amount = i === 0 ? first : Math.round(first * b.random.amount(0.85, 1.15) * 100) / 100;
    return b.add({ institution: b.random.pick([...BANKS, ...PLATFORMS]), type: 'transfer', from, to: ring[(i + 1) % ring.length]!, amount, at: t });
  });
};

const rapidPassThrough: Planter = (b, at) => {
  const conduit = b.account('P');
  const received = b.random.amount(60_000, 500_000);
  const records = [b.add({ institution: b.random.pick(BANKS), type: 'transfer', from: b.account('P'), to: conduit, amount: received, at })];
  const n = b.random.int(2, 4);
  const onward = Math.round(received * b.random.amount(0.92, 1) * 100) / 100;
  for (let i = 0; i < n; i++) {
    records.push(b.add({ institution: b.random.pick([...BANKS, ...PLATFORMS]), type: 'transfer', from: conduit, to: b.account('P'),
      amount: Math.round((onward / n) * 100) / 100 + (i === 0 ? 0.01 * n : 0), at: at + (i + 1) * b.random.int(1, 5) * HOUR_MS }));
  }
  return records;
};

function fan(direction: 'in' | 'out'): Planter {
  return (b, at) => {
    const hub = b.account('P');
    return Array.from({ length: b.random.int(10, 15) }, (_, i) => {
      const other = b.account('P');
      const [from, to] = direction === 'in' ? [other, hub] : [hub, other];
      return b.add({ institution: b.random.pick([...BANKS, ...PLATFORMS]), type: 'transfer', from, to, amount: b.random.amount(11_000, 40_000), at: at + i * b.random.int(10, 90) * 60_000 });
    });
  };
}

const crossBorderSplit: Planter = (b, at) => {
  const who = b.account('P');
  const countries = ['HK', 'SG', 'US', 'AE', 'GB'];
  const first = b.random.pick(countries);
  return Array.from({ length: b.random.int(3, 4) }, (_, i) => b.add({
    institution: b.random.pick(BANKS), type: 'cross_border_out', from: who, to: b.account('F'),
    toCountry: i === 1 ? b.random.pick(countries.filter((c) => c !== first)) : i === 0 ? first : b.random.pick(countries),
    amount: b.random.amount(105_000, 195_000), at: at + i * b.random.int(6, 40) * HOUR_MS,
  }));
};

const PLANTERS: Record<TypologyId, Planter> = {
  credit_to_real_estate: creditDiversion({ sector: 'K', mcc: '6513', kind: 'RE' }),
  credit_to_securities: creditDiversion({ sector: 'J67', mcc: '6211', kind: 'SEC' }),
  structuring,
  cycle,
  rapid_pass_through: rapidPassThrough,
  fan_in: fan('in'),
  fan_out: fan('out'),
  cross_border_split: crossBorderSplit,
};

/** Plant `perTypology` instances of every typology at random times in the scenario. */
export function plantTypologies(b: ScenarioBuilder, perTypology: number): PlantedInstance[] {
  const instances: PlantedInstance[] = [];
  for (const [typology, plant] of Object.entries(PLANTERS) as [TypologyId, Planter][]) {
    for (let i = 0; i < perTypology; i++) {
      // Early enough that the longest instance (a credit path of ~40 days) ends inside the quarter.
      const records = plant(b, b.timeBetween(b.startMs, b.endMs - 45 * DAY_MS));
      instances.push({ typology, evidenceKeys: keysOf(records), accounts: accountsOf(records) });
    }
  }
  return instances;
}
