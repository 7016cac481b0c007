/**
 * A quarter of ordinary activity: salaries, shopping, small transfers between people,
 * mortgages paid to developers, homes bought from savings, consumer loans spent on goods,
 * business loans paid to suppliers, busy merchants, payroll runs, red-packet collections,
 * single large cash deposits, modest remittances and securities bought from savings.
 *
 * Much of it deliberately comes close to a typology without meeting it (an exempt mortgage,
 * two deposits instead of three, a collection that stays far below the total, a business
 * hub rather than a personal one): that is what precision is measured against. Roles keep
 * people apart where two ordinary habits together would form a real pattern (a consumer
 * borrower never also buys a home or securities in the same quarter).
 */
import { DAY_MS, HOUR_MS, ScenarioBuilder } from './scenario-builder.js';

const SHOP_MCCS = ['5411', '5812', '5311', '5732', '5999', '5541'];
const EMPLOYER_SECTORS = ['C', 'I', 'M', 'G', 'P'];

interface Businesses {
  merchants: { account: string; mcc: string }[];
  employers: { account: string; sector: string }[];
  developers: string[];
  brokers: string[];
  suppliers: string[];
  smes: string[];
}

function businessesOf(b: ScenarioBuilder, people: number): Businesses {
  const n = (per: number, min: number): number => Math.max(min, Math.round(people / per));
  return {
    merchants: Array.from({ length: n(20, 10) }, () => ({ account: b.account('M'), mcc: b.random.pick(SHOP_MCCS) })),
    employers: Array.from({ length: n(40, 5) }, () => ({ account: b.account('E'), sector: b.random.pick(EMPLOYER_SECTORS) })),
    developers: Array.from({ length: 8 }, () => b.account('RE')),
    brokers: Array.from({ length: 5 }, () => b.account('SEC')),
    suppliers: Array.from({ length: n(50, 5) }, () => b.account('SUP')),
    smes: Array.from({ length: n(60, 4) }, () => b.account('SME')),
  };
}

/** One person's everyday life: salary, shopping, small transfers. */
function everyday(b: ScenarioBuilder, biz: Businesses, person: string, friends: readonly string[]): void {
  const employer = b.random.pick(biz.employers);
  const salary = b.random.amount(6_000, 40_000);
  for (let month = 0; month * 30 < b.days; month++) {
    b.add({ institution: b.bank(), type: 'transfer', from: employer.account, to: person, amount: salary, fromSector: employer.sector,
      at: b.startMs + month * 30 * DAY_MS + b.random.int(0, 3) * DAY_MS + 10 * HOUR_MS });
  }
  for (let i = b.random.int(15, 35); i > 0; i--) {
    const shop = b.random.pick(biz.merchants);
    b.add({ institution: b.anyInstitution(), type: 'payment', from: person, to: shop.account, toMcc: shop.mcc,
      amount: b.random.amount(15, 3_000), at: b.timeBetween(b.startMs, b.endMs) });
  }
  for (let i = b.random.int(1, 6); i > 0; i--) {
    b.add({ institution: b.anyInstitution(), type: 'transfer', from: person, to: b.random.pick(friends),
      amount: b.random.amount(50, 8_000), at: b.timeBetween(b.startMs, b.endMs) });
  }
  if (b.random.chance(0.2)) {
    b.add({ institution: b.bank(), type: 'cash_withdrawal', from: person, to: person, amount: b.random.amount(200, 5_000), at: b.timeBetween(b.startMs, b.endMs) });
  }
}

type Role = 'plain' | 'mortgage' | 'saver_home' | 'consumer_borrower' | 'investor' | 'large_cash' | 'remitter' | 'collector';

function roleOf(b: ScenarioBuilder): Role {
  const r = b.random.next();
  if (r < 0.05) return 'mortgage';
  if (r < 0.08) return 'saver_home';
  if (r < 0.18) return 'consumer_borrower';
  if (r < 0.23) return 'investor';
  if (r < 0.26) return 'large_cash';
  if (r < 0.29) return 'remitter';
  if (r < 0.31) return 'collector';
  return 'plain';
}

/** The habit that goes with a role; most come close to a typology without meeting it. */
function habit(b: ScenarioBuilder, biz: Businesses, person: string, role: Role, friends: readonly string[]): void {
  const at = b.timeBetween(b.startMs, b.endMs - 5 * DAY_MS);
  switch (role) {
    case 'mortgage': {
      // Mortgages are exempt: the loan goes to the developer the same week.
      const amount = b.random.amount(500_000, 2_500_000);
      b.add({ institution: b.bank(), type: 'loan_disbursement', from: b.account('LOAN'), to: person, amount, loanPurpose: 'mortgage', at });
      b.add({ institution: b.bank(), type: 'payment', from: person, to: b.random.pick(biz.developers), toSector: 'K', amount, at: at + b.random.int(1, 72) * HOUR_MS });
      break;
    }
    case 'saver_home':
      b.add({ institution: b.bank(), type: 'payment', from: person, to: b.random.pick(biz.developers), toMcc: '6513', amount: b.random.amount(100_000, 600_000), at });
      break;
    case 'consumer_borrower': {
      const amount = b.random.amount(20_000, 200_000);
      b.add({ institution: b.bank(), type: 'loan_disbursement', from: b.account('LOAN'), to: person, amount, loanPurpose: 'consumer', at });
      const shop = b.random.pick(biz.merchants);
      b.add({ institution: b.anyInstitution(), type: 'payment', from: person, to: shop.account, toMcc: '5511', amount: Math.round(amount * 90) / 100, at: at + b.random.int(1, 240) * HOUR_MS });
      // A property-management fee to a real-estate party: small, below the final-payment floor.
      if (b.random.chance(0.3)) b.add({ institution: b.bank(), type: 'payment', from: person, to: b.random.pick(biz.developers), toMcc: '6513', amount: b.random.amount(300, 9_000), at: at + b.random.int(1, 30) * DAY_MS });
      break;
    }
    case 'investor':
      b.add({ institution: b.bank(), type: 'payment', from: person, to: b.random.pick(biz.brokers), toSector: 'J67', amount: b.random.amount(10_000, 150_000), at });
      break;
    case 'large_cash':
      // One or two large deposits in a day: never the three that make structuring.
      b.add({ institution: b.bank(), type: 'cash_deposit', from: person, to: person, amount: b.random.amount(40_000, 49_999), at });
      if (b.random.chance(0.5)) b.add({ institution: b.bank(), type: 'cash_deposit', from: person, to: person, amount: b.random.amount(40_000, 49_999), at: at + b.random.int(1, 20) * HOUR_MS });
      break;
    case 'remitter': {
      // Tuition or family support abroad: one or two remittances, not a split.
      const country = b.random.pick(['US', 'GB', 'AU', 'CA', 'SG', 'HK']);
      b.add({ institution: b.bank(), type: 'cross_border_out', from: person, to: b.account('F'), toCountry: country, amount: b.random.amount(20_000, 190_000), at });
      if (b.random.chance(0.4)) b.add({ institution: b.bank(), type: 'cross_border_out', from: person, to: b.account('F'), toCountry: b.random.pick(['US', 'JP']), amount: b.random.amount(100_000, 190_000), at: at + b.random.int(1, 6) * DAY_MS });
      break;
    }
    case 'collector':
      // A group collection (a wedding, a trip): many friends, small amounts, far below the total.
      for (let i = b.random.int(10, 16); i > 0; i--) {
        b.add({ institution: b.random.pick(['PAY_ALIX', 'ECOM_JDX']), type: 'transfer', from: b.random.pick(friends), to: person, amount: b.random.amount(100, 2_000), at: at + b.random.int(0, 20) * HOUR_MS });
      }
      break;
    case 'plain':
      break;
  }
}

/** Business activity: busy merchants' takings are already in shopping; here loans, suppliers, payroll. */
function businessActivity(b: ScenarioBuilder, biz: Businesses, people: readonly string[]): void {
  for (const sme of biz.smes) {
    const at = b.timeBetween(b.startMs, b.endMs - 10 * DAY_MS);
    const amount = b.random.amount(200_000, 3_000_000);
    b.add({ institution: b.bank(), type: 'loan_disbursement', from: b.account('LOAN'), to: sme, amount, loanPurpose: 'business', at });
    // Business loans paid to suppliers, as intended.
    for (let i = b.random.int(2, 5); i > 0; i--) {
      b.add({ institution: b.bank(), type: 'payment', from: sme, to: b.random.pick(biz.suppliers), toSector: 'C', fromSector: 'C', amount: Math.round(amount * 15) / 100, at: at + b.random.int(1, 20) * DAY_MS });
    }
    // Payroll: a business hub paying many people in one day is not a personal fan-out.
    for (let i = b.random.int(10, 20); i > 0; i--) {
      b.add({ institution: b.bank(), type: 'transfer', from: sme, to: b.random.pick(people), fromSector: 'C', amount: b.random.amount(5_000, 20_000), at: at + 25 * DAY_MS + b.random.int(0, 8) * HOUR_MS });
    }
  }
}

/** Generate the background of a scenario into the builder. */
export function addBackgroundActivity(b: ScenarioBuilder, people: number): void {
  const biz = businessesOf(b, people);
  const persons = Array.from({ length: people }, () => b.account('P'));
  for (const person of persons) {
    everyday(b, biz, person, persons);
    habit(b, biz, person, roleOf(b), persons);
  }
  businessActivity(b, biz, persons);
}
