/**
 * Generated data with known answers for the quarterly report: credit flows planted in
 * 2026Q2, 2026Q3 and just past the end of Q3 (China Standard Time), each with its own
 * accounts, so that every figure can be worked out by hand and checked against ClickHouse.
 */
export interface PlantedFlow {
  id: string;
  /** What the alert should be. */
  typology: 'credit_to_real_estate';
  /** Institutions whose records carry the flow. */
  institutions: string[];
  /** Raw account ids (they must never appear in a report). */
  accounts: string[];
  /** The restricted payment, i.e. the alert's amount. */
  amount: string;
  records: Record<string, unknown>[];
}

interface FlowSpec {
  id: string;
  /** Local date-time in China Standard Time of the loan; the payment follows `gapHours` later. */
  at: string;
  loanAt: string;
  payAt: string;
  hopAt?: string;
  gapHours?: number;
  amount?: number;
}

function flow(spec: FlowSpec): PlantedFlow {
  const loanAccount = `RAWLOAN${spec.id}`;
  const borrower = `RAWACCT${spec.id}B`;
  const hop = `RAWACCT${spec.id}H`;
  const target = `RAWACCT${spec.id}T`;
  const start = Date.parse(`${spec.at}+08:00`);
  const gap = (spec.gapHours ?? 30) * 3_600_000;
  const ts = (ms: number): string => new Date(ms).toISOString();
  const amount = spec.amount ?? 280_000;
  const records: Record<string, unknown>[] = [
    { txId: `${spec.id}-loan`, institution: spec.loanAt, ts: ts(start), type: 'loan_disbursement', from: loanAccount, to: borrower, amount: '300000.00', loanPurpose: 'consumer' },
  ];
  let payer = borrower;
  if (spec.hopAt) {
    records.push({ txId: `${spec.id}-hop`, institution: spec.hopAt, ts: ts(start + gap / 2), type: 'transfer', from: borrower, to: hop, amount: '290000.00' });
    payer = hop;
  }
  records.push({ txId: `${spec.id}-pay`, institution: spec.payAt, ts: ts(start + gap), type: 'payment', from: payer, to: target, amount: amount.toFixed(2), toSector: 'K', toMcc: '6513' });
  return {
    id: spec.id, typology: 'credit_to_real_estate',
    institutions: [...new Set(records.map((r) => r.institution as string))].sort(),
    accounts: spec.hopAt ? [loanAccount, borrower, hop, target] : [loanAccount, borrower, target],
    amount: amount.toFixed(2), records,
  };
}

const JADE = 'JADE_RIVER_BANK';
const GOLDEN = 'GOLDEN_GATE_BANK';
const EAST = 'EAST_HARBOR_BANK';
const SWIFTPAY = 'SWIFTPAY';
const MALLCO = 'MALLCO';

/** The planted flows, by the role each plays in the test. */
export const SCENARIO = {
  q2: ['2026-05-06', '2026-05-13', '2026-05-20'].map((d, i) => flow({ id: `P${i + 1}`, at: `${d}T10:00:00`, loanAt: JADE, payAt: GOLDEN })),
  july: ['2026-07-03', '2026-07-08', '2026-07-15', '2026-07-22'].map((d, i) => flow({ id: `J${i + 1}`, at: `${d}T10:00:00`, loanAt: JADE, payAt: GOLDEN, amount: 250_000 + i * 10_000 })),
  august: ['2026-08-05', '2026-08-12', '2026-08-19'].map((d, i) => flow({ id: `A${i + 1}`, at: `${d}T10:00:00`, loanAt: JADE, hopAt: SWIFTPAY, payAt: GOLDEN })),
  /** One flow at a bank that reports nothing else (3 accounts: its institution cell is suppressed). */
  eastHarbor: flow({ id: 'S1', at: '2026-09-09T10:00:00', loanAt: EAST, payAt: EAST, amount: 150_000 }),
  /** Lent 22:30 and paid 23:30 on 30 September in Beijing: still Q3. */
  lastEvening: flow({ id: 'S2', at: '2026-09-30T22:30:00', loanAt: JADE, payAt: GOLDEN, gapHours: 1, amount: 180_000 }),
  /** Consumer credit of the e-commerce platform (routed to SAMR too); 6 accounts in all. */
  mallco: ['2026-09-16', '2026-09-17'].map((d, i) => flow({ id: `X${i + 1}`, at: `${d}T10:00:00`, loanAt: MALLCO, payAt: JADE, amount: 200_000 })),
  /** 1 October 06:00 and 07:00 in Beijing, still 30 September in UTC: Q4 in the report's calendar. */
  october: flow({ id: 'O1', at: '2026-10-01T06:00:00', loanAt: JADE, payAt: GOLDEN, gapHours: 1 }),
} as const;

export function allFlows(): PlantedFlow[] {
  const s = SCENARIO;
  return [...s.q2, ...s.july, ...s.august, s.eastHarbor, s.lastEvening, ...s.mallco, s.october];
}

/** Flows whose alert belongs to 2026Q3. */
export function q3Flows(): PlantedFlow[] {
  const s = SCENARIO;
  return [...s.july, ...s.august, s.eastHarbor, s.lastEvening, ...s.mallco];
}
