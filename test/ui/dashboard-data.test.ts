/**
 * The dashboard's data layer and graph layout in-process: payload validation, the alert
 * register's keyed, frame-batched updates, the typology timeline and the fund-flow layout.
 */
import assert from 'node:assert/strict';
import { AlertRegister } from '../../monitor-ui/src/data/alert-register.js';
import type { Alert, CaseView, EvidenceRecord } from '../../monitor-ui/src/data/contract.js';
import type { LiveEventName, LiveFeed } from '../../monitor-ui/src/data/live-feed.js';
import { parseAlert, parseCaseDetail, parseCaseView } from '../../monitor-ui/src/data/payload-guards.js';
import { TypologyTimeline } from '../../monitor-ui/src/data/typology-timeline.js';
import { layoutFundFlow } from '../../monitor-ui/src/components/fund-flow-layout.js';
import { decisionsOf } from '../../monitor-ui/src/components/decision-badges.js';
import { opinionRefusal } from '../../monitor-ui/src/components/opinion-form.js';
import { tracedFlow } from '../../monitor-ui/src/components/alert-explanation.js';
import type { Session } from '../../monitor-ui/src/data/contract.js';
import { createI18n } from '../../monitor-ui/src/i18n/i18n.js';

const en = createI18n({ locale: 'en' });
const zh = createI18n({ locale: 'zh-CN' });

function alertAt(id: string, raisedAt: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id, typology: 'credit_to_real_estate', ruleVersion: 'credit_to_real_estate@1.0.0', severity: 'high',
    departments: ['NFRA', 'PBOC'], txIds: ['t1'], accounts: ['p_a'], amount: '1000.00', firstTs: raisedAt, lastTs: raisedAt,
    caseId: `C-${id}`, status: 'open', ledger: {}, institutions: ['JADE_RIVER_BANK'], raisedAt, updatedAt: raisedAt, ...overrides,
  };
}

function caseOf(alert: Alert, blockNumber: number, overrides: Partial<CaseView> = {}): CaseView {
  return {
    caseId: alert.caseId, alertId: alert.id, departments: alert.departments, status: 'open', opinions: [],
    openedAt: alert.raisedAt, deadline: alert.raisedAt, ledger: { txId: `tx${blockNumber}`, blockNumber }, ...overrides,
  };
}

/** A live feed the test drives by hand. */
function manualFeed(): LiveFeed & { emit<E extends LiveEventName>(event: E, payload: unknown): void } {
  const handlers = new Map<string, ((p: never) => void)[]>();
  return {
    on(event, handler) {
      handlers.set(event, [...(handlers.get(event) ?? []), handler as (p: never) => void]);
      return () => undefined;
    },
    onStatus: () => () => undefined,
    status: 'live',
    close: () => undefined,
    emit(event, payload) { for (const h of handlers.get(event) ?? []) h(payload as never); },
  };
}

describe('The dashboard data layer', () => {
  const frames: (() => void)[] = [];
  const g = globalThis as unknown as Record<string, unknown>;
  before(() => {
    // Frames are run by the test, so "one change per frame" can be observed.
    g.requestAnimationFrame = (cb: () => void) => frames.push(cb);
    g.cancelAnimationFrame = () => undefined;
  });
  after(() => { delete g.requestAnimationFrame; delete g.cancelAnimationFrame; });
  const runFrame = (): void => { for (const cb of frames.splice(0)) cb(); };

  describe('parseAlert', () => {
    it('accepts an alert of the contract and normalizes a numeric amount', () => {
      const parsed = parseAlert({ ...alertAt('a', '2026-07-01T00:00:00Z'), amount: 12.5 });
      assert.equal(parsed?.amount, '12.50');
    });
    it('rejects a payload with an unknown department or severity', () => {
      assert.equal(parseAlert({ ...alertAt('a', '2026-07-01T00:00:00Z'), departments: ['FBI'] }), undefined);
      assert.equal(parseAlert({ ...alertAt('a', '2026-07-01T00:00:00Z'), severity: 'apocalyptic' }), undefined);
      assert.equal(parseAlert('alert'), undefined);
    });
  });

  describe('parseCaseView and parseCaseDetail', () => {
    it('rejects a case whose opinion has an unknown decision', () => {
      const alert = alertAt('a', '2026-07-01T00:00:00Z');
      const bad = caseOf(alert, 3, { opinions: [{ department: 'NFRA', decision: 'maybe' as never, commentHash: 'h', at: 'x', txId: 't' }] });
      assert.equal(parseCaseView(bad), undefined);
    });
    it('reads a case detail and treats a missing proof as not verified', () => {
      const alert = alertAt('a', '2026-07-01T00:00:00Z');
      const detail = parseCaseDetail({ case: caseOf(alert, 3), alert, evidence: [], history: [] });
      assert.equal(detail?.proof.verified, false);
    });
  });

  describe('AlertRegister', () => {
    it('keeps alerts newest first and keyed by id, applying a burst of live events as one change per frame', () => {
      const feed = manualFeed();
      const register = new AlertRegister({ feed });
      const changes: number[] = [];
      register.subscribe((change) => changes.push(change.added.length));
      register.loadBacklog([alertAt('b', '2026-07-01T00:00:02Z'), alertAt('a', '2026-07-01T00:00:01Z')]);
      for (let i = 0; i < 50; i++) feed.emit('alert:raised', alertAt(`n${i}`, `2026-07-01T00:01:${String(i).padStart(2, '0')}Z`));
      feed.emit('alert:updated', { ...alertAt('a', '2026-07-01T00:00:01Z'), updatedAt: '2026-07-01T00:05:00Z', amount: '2000.00' });
      assert.equal(register.size, 2, 'nothing applied before the frame');
      runFrame();
      assert.deepEqual(changes, [2, 50]);
      assert.equal(register.size, 52);
      assert.equal(register.ordered[0]?.id, 'n49');
      assert.equal(register.get('a')?.amount, '2000.00');
      register.dispose();
    });
    it('moves a row with its case and ignores a case view older than the one it holds', () => {
      const feed = manualFeed();
      const register = new AlertRegister({ feed });
      const alert = alertAt('a', '2026-07-01T00:00:01Z');
      register.loadBacklog([alert]);
      feed.emit('case:updated', caseOf(alert, 9, { status: 'confirmed' }));
      feed.emit('case:updated', caseOf(alert, 4, { status: 'open' }));
      runFrame();
      assert.equal(register.caseOf(register.get('a')!)?.status, 'confirmed');
      assert.equal(register.get('a')?.status, 'confirmed', 'the row follows its case');
      register.dispose();
    });
  });

  describe('TypologyTimeline', () => {
    it('counts statistics plus live alerts raised after them, never the backlog twice', () => {
      const now = Date.parse('2026-07-01T12:30:00Z');
      const timeline = new TypologyTimeline('day');
      timeline.loadStats({ series: [{ t: '2026-07-01T11:00:00Z', typology: 'cycle', count: 3 }], totals: { cycle: 3 } }, Date.parse('2026-07-01T12:00:00Z'));
      timeline.addAlerts([alertAt('old', '2026-07-01T11:30:00Z', { typology: 'cycle' }), alertAt('new', '2026-07-01T12:10:00Z', { typology: 'cycle' })]);
      assert.deepEqual(timeline.totals(now), [{ typology: 'cycle', count: 4 }]);
      const points = timeline.series(now)[0]!.points;
      assert.equal(points.length, 24);
      assert.equal(points.at(-1)?.count, 1);
    });
  });

  describe('opinionRefusal', () => {
    const alert = alertAt('a', '2026-07-01T00:00:00Z');
    const session = (department: Session['department'], role: Session['role']): Session =>
      ({ token: 't', username: `${department}.${role}`, department, role, expiresAt: '2099-01-01T00:00:00Z' });

    it('lets a reviewer of a routed department decide an open or escalated case', () => {
      assert.equal(opinionRefusal(caseOf(alert, 1), session('NFRA', 'reviewer'), en), undefined);
      assert.equal(opinionRefusal(caseOf(alert, 1, { status: 'escalated' }), session('PBOC', 'reviewer'), en), undefined);
    });
    it('gives analysts, auditors, unrouted departments and closed cases a reason instead', () => {
      assert.match(opinionRefusal(caseOf(alert, 1), session('NFRA', 'analyst'), en) ?? '', /reviewer/);
      assert.match(opinionRefusal(caseOf(alert, 1), session('NFRA', 'auditor'), en) ?? '', /Auditors/);
      assert.match(opinionRefusal(caseOf(alert, 1), session('SAMR', 'reviewer'), en) ?? '', /not routed to SAMR/);
      assert.match(opinionRefusal(caseOf(alert, 1, { status: 'confirmed' }), session('NFRA', 'reviewer'), en) ?? '', /closed/);
    });
    it('tells an analyst in Chinese that the discussion is open to them', () => {
      assert.match(opinionRefusal(caseOf(alert, 1), session('NFRA', 'analyst'), zh) ?? '', /审核员.*分析员.*讨论/);
    });
  });

  describe('tracedFlow', () => {
    const record = (txId: string, role: EvidenceRecord['role'], from: string, to: string, amount: string, ts: string): EvidenceRecord =>
      ({ institution: 'B', txId, type: role === 'loan' ? 'loan_disbursement' : 'transfer', from, to, amount, ts, role });
    it('reads the share of the loan that reached the sensitive payment and the path through the hops', () => {
      const flow = tracedFlow([
        record('pay', 'sensitive_payment', 'h2', 'dev', '380000.00', '2026-07-04T00:00:00Z'),
        record('loan', 'loan', 'lender', 'borrower', '500000.00', '2026-07-01T00:00:00Z'),
        record('h1', 'hop', 'borrower', 'h1', '450000.00', '2026-07-02T00:00:00Z'),
        record('h2', 'hop', 'h1', 'h2', '400000.00', '2026-07-03T00:00:00Z'),
      ]);
      assert.deepEqual(flow?.path, ['lender', 'borrower', 'h1', 'h2', 'dev']);
      assert.equal(flow?.share, 0.76);
    });
    it('says nothing for evidence without a loan', () => {
      assert.equal(tracedFlow([record('x', 'transfer', 'a', 'b', '1.00', '2026-07-01T00:00:00Z')]), undefined);
    });
  });

  describe('decisionsOf', () => {
    it("shows each routed department's opinion in a fixed order, and for a closed backlog alert the agreed outcome", () => {
      const alert = alertAt('a', '2026-07-01T00:00:00Z');
      const withOpinion = caseOf(alert, 2, { opinions: [{ department: 'NFRA', decision: 'confirm', commentHash: 'h', at: 'x', txId: 't' }] });
      assert.deepEqual(decisionsOf(alert, withOpinion).map((d) => `${d.department}:${d.decision}`), ['PBOC:pending', 'NFRA:confirm']);
      assert.deepEqual(decisionsOf({ ...alert, status: 'dismissed' }).map((d) => d.decision), ['dismiss', 'dismiss']);
    });
  });

  describe('layoutFundFlow', () => {
    const record = (txId: string, from: string, to: string, ts: string, role: EvidenceRecord['role'], type = 'transfer'): EvidenceRecord =>
      ({ institution: 'B', txId, type, from, to, amount: '100', ts, role });

    it('lays a loan, two hops and the property payment left to right in time', () => {
      const layout = layoutFundFlow([
        record('pay', 'hop2', 'developer', '2026-07-04T00:00:00Z', 'sensitive_payment', 'payment'),
        record('loan', 'lender', 'borrower', '2026-07-01T00:00:00Z', 'loan', 'loan_disbursement'),
        record('h1', 'borrower', 'hop1', '2026-07-02T00:00:00Z', 'hop'),
        record('h2', 'hop1', 'hop2', '2026-07-03T00:00:00Z', 'hop'),
      ]);
      assert.deepEqual(layout.nodes.map((n) => [n.id, n.column]), [['lender', 0], ['borrower', 1], ['hop1', 2], ['hop2', 3], ['developer', 4]]);
      assert.equal(layout.nodes.find((n) => n.id === 'lender')?.tag?.kind, 'loan_account');
      assert.ok(layout.edges.every((e) => !e.backward));
    });
    it('draws cash on its own node and a cycle closing as a backward edge', () => {
      const cash = layoutFundFlow([record('d1', 'acct', 'acct', '2026-07-01T00:00:00Z', 'cash', 'cash_deposit')]);
      assert.deepEqual(cash.nodes.map((n) => [n.id, n.virtual]), [['cash (deposit)', true], ['acct', false]]);
      const cycle = layoutFundFlow([
        record('c1', 'a', 'b', '2026-07-01T00:00:00Z', 'transfer'), record('c2', 'b', 'c', '2026-07-02T00:00:00Z', 'transfer'),
        record('c3', 'c', 'a', '2026-07-03T00:00:00Z', 'transfer'),
      ]);
      assert.equal(cycle.edges.find((e) => e.record.txId === 'c3')?.backward, true);
    });
  });
});
