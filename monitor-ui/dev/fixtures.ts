/**
 * Fixture data for the dev preview only: a plausible department backlog, one fully evidenced
 * credit-to-real-estate case, a queue and statistics — shaped exactly like the gateway's API.
 */
import { createHash } from 'node:crypto';
import type { Alert, Severity, TypologyId } from '../../core/src/domain/alert.js';
import type { Department } from '../../core/src/domain/departments.js';
import type { CaseView } from '../../core/src/live/events.js';
import type { EvidenceRecord } from '../../alerts/src/typology.js';

const TYPOLOGIES: TypologyId[] = ['credit_to_real_estate', 'credit_to_securities', 'structuring', 'cycle', 'rapid_pass_through', 'fan_in', 'fan_out', 'cross_border_split'];
const ROUTES: Record<TypologyId, Department[]> = {
  credit_to_real_estate: ['NFRA', 'PBOC'], credit_to_securities: ['NFRA', 'PBOC'], structuring: ['PBOC'],
  cycle: ['PBOC'], rapid_pass_through: ['PBOC', 'CAC'], fan_in: ['PBOC', 'SAMR'], fan_out: ['PBOC', 'SAMR'],
  cross_border_split: ['SAFE', 'PBOC'],
};
const INSTITUTIONS = ['ICBC-SH', 'CCB-BJ', 'BOC-GZ', 'CMB-SZ', 'ALIPAY', 'WECHATPAY', 'JD-PAY'];
const SEVERITIES: Severity[] = ['critical', 'high', 'high', 'medium', 'medium', 'medium', 'low'];

/** A small deterministic generator, so every preview run shows the same screens. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

export const pseudonym = (raw: string): string => createHash('sha256').update(raw).digest('hex').slice(0, 32);

export function makeAlert(index: number, raisedAt: Date, random: () => number): Alert {
  const typology = TYPOLOGIES[Math.floor(random() * random() * TYPOLOGIES.length)]!;
  const institutions = [INSTITUTIONS[Math.floor(random() * INSTITUTIONS.length)]!];
  if (random() < 0.4) institutions.push(INSTITUTIONS[Math.floor(random() * INSTITUTIONS.length)]!);
  const status = random() < 0.7 ? 'open' : random() < 0.5 ? 'confirmed' : random() < 0.5 ? 'dismissed' : 'escalated';
  const id = `al-${String(index).padStart(6, '0')}`;
  const amount = (10_000 + Math.floor(random() * 4_000_000 * random())).toFixed(2);
  return {
    id, typology, ruleVersion: `${typology}@1.0.0`, severity: SEVERITIES[Math.floor(random() * SEVERITIES.length)]!,
    departments: ROUTES[typology], txIds: [`T${index}-1`, `T${index}-2`], accounts: [pseudonym(`a${index}`), pseudonym(`b${index}`)],
    amount, firstTs: new Date(raisedAt.getTime() - 86_400_000).toISOString(), lastTs: raisedAt.toISOString(),
    caseId: `case-${id.slice(3)}`, status, ledger: { alertTxId: pseudonym(`tx${index}`), blockNumber: 100 + index },
    institutions: [...new Set(institutions)], raisedAt: raisedAt.toISOString(), updatedAt: raisedAt.toISOString(),
  };
}

/** `count` alerts spread over the last `spanMs`, newest first. */
export function makeBacklog(count: number, spanMs: number, now = Date.now()): Alert[] {
  const random = seededRandom(42);
  return Array.from({ length: count }, (_, i) => makeAlert(count - i, new Date(now - (i / count) * spanMs - random() * 1000), random));
}

/** The loan → borrower → two hops → developer chain of the showcase case. */
export function showcaseEvidence(base = Date.parse('2026-08-03T09:12:00+08:00')): EvidenceRecord[] {
  const [lender, borrower, hop1, hop2, developer] = ['loan-acct', 'borrower', 'hop-1', 'hop-2', 'developer'].map(pseudonym) as [string, string, string, string, string];
  const at = (hours: number): string => new Date(base + hours * 3_600_000).toISOString();
  return [
    { institution: 'ICBC-SH', txId: 'ICBC-L-88213', type: 'loan_disbursement', from: lender, to: borrower, amount: '1200000.00', ts: at(0), role: 'loan' },
    { institution: 'ICBC-SH', txId: 'ICBC-T-99120', type: 'transfer', from: borrower, to: hop1, amount: '1150000.00', ts: at(26), role: 'hop' },
    { institution: 'CMB-SZ', txId: 'CMB-T-55102', type: 'transfer', from: hop1, to: hop2, amount: '1100000.00', ts: at(73), role: 'hop' },
    { institution: 'CMB-SZ', txId: 'CMB-P-55391', type: 'payment', from: hop2, to: developer, amount: '1080000.00', ts: at(121), role: 'sensitive_payment', toSector: 'K', toMcc: '6513' },
  ];
}

export function showcaseCase(alert: Alert, opinions: CaseView['opinions'], status: CaseView['status']): CaseView {
  return {
    caseId: alert.caseId, alertId: alert.id, departments: alert.departments, status, opinions,
    openedAt: alert.raisedAt, deadline: new Date(Date.parse(alert.raisedAt) + 10 * 86_400_000).toISOString(),
    closedAt: status === 'confirmed' || status === 'dismissed' ? new Date().toISOString() : undefined,
    ledger: { txId: pseudonym(`case-tx-${opinions.length}`), blockNumber: 4000 + opinions.length },
  };
}

/** Stats as the gateway's `/alerts/stats` answers them, from a list of alerts. */
export function statsOf(alerts: readonly Alert[], bucketMs: number, from: number, to: number): { series: { t: string; typology: string; count: number }[]; totals: Record<string, number> } {
  const counts = new Map<string, number>();
  const totals: Record<string, number> = {};
  for (const a of alerts) {
    const t = Date.parse(a.raisedAt);
    if (t < from || t > to) continue;
    const key = `${Math.floor(t / bucketMs) * bucketMs}|${a.typology}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    totals[a.typology] = (totals[a.typology] ?? 0) + 1;
  }
  const series = [...counts].map(([key, count]) => {
    const [t, typology] = key.split('|') as [string, string];
    return { t: new Date(Number(t)).toISOString(), typology, count };
  });
  return { series, totals };
}

/** Twelve accounts paying one personal account within a day (fan-in), for the graph's dense case. */
export function fanInEvidence(base = Date.parse('2026-09-14T08:00:00+08:00')): EvidenceRecord[] {
  const hub = pseudonym('fan-hub');
  return Array.from({ length: 12 }, (_, i) => ({
    institution: i % 2 ? 'ALIPAY' : 'CCB-BJ', txId: `FAN-${i}`, type: 'transfer', from: pseudonym(`fan-src-${i}`), to: hub,
    amount: (9000 + i * 250).toFixed(2), ts: new Date(base + i * 47 * 60_000).toISOString(), role: 'transfer' as const,
  }));
}

/** A closed loop through four personal accounts, plus cash deposits into the first (cycle with cash). */
export function cycleEvidence(base = Date.parse('2026-09-20T10:00:00+08:00')): EvidenceRecord[] {
  const [a, b, c, d] = ['cy-a', 'cy-b', 'cy-c', 'cy-d'].map(pseudonym) as [string, string, string, string];
  const at = (h: number): string => new Date(base + h * 3_600_000).toISOString();
  return [
    { institution: 'BOC-GZ', txId: 'CY-0', type: 'cash_deposit', from: a, to: a, amount: '45000.00', ts: at(-2), role: 'cash' },
    { institution: 'BOC-GZ', txId: 'CY-1', type: 'transfer', from: a, to: b, amount: '120000.00', ts: at(0), role: 'transfer' },
    { institution: 'CMB-SZ', txId: 'CY-2', type: 'transfer', from: b, to: c, amount: '118000.00', ts: at(20), role: 'transfer' },
    { institution: 'CMB-SZ', txId: 'CY-3', type: 'transfer', from: c, to: d, amount: '115000.00', ts: at(41), role: 'transfer' },
    { institution: 'BOC-GZ', txId: 'CY-4', type: 'transfer', from: d, to: a, amount: '112000.00', ts: at(66), role: 'transfer' },
  ];
}
