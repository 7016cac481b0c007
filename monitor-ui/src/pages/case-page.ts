/**
 * `#/cases/<caseId>`: one joint-review case — why the alert fired, the fund-flow graph, the
 * evidence, each department's opinion, the discussion, the ledger status and (for reviewers)
 * the opinion form. Case changes arrive live and extend the ledger history at once; the
 * detail (history, proof) is re-read shortly after each change to confirm it.
 */
import {
  createAlertExplanation, createCaseAssignment, createCaseDiscussion, createDecisionLegend, createDepartmentOpinions, createEvidenceTable, createFundFlowGraph,
  createLedgerStatus, createLinkedCases, createOpinionForm, decisionsOf, joinDecisionBadges,
} from '../components/index.js';
import { ApiError, withLiveEntry, type CaseDetail, type CaseView, type DiscussionEntry } from '../data/index.js';
import type { I18n } from '../i18n/index.js';
import { select } from 'd3';
import { notice, pageHeading, panel, type AppContext, type Page } from './page.js';

const REFRESH_DELAY_MS = 400;

function renderHeader(target: HTMLElement, detail: CaseDetail, i18n: I18n): void {
  const { m } = i18n;
  const { alert, case: c } = detail;
  target.innerHTML = '';
  const root = select(target);
  const top = root.append('div').attr('class', 'case-title-row');
  top.append('span').attr('class', `severity-pill severity-${alert.severity}`).attr('data-testid', 'case-severity').text(i18n.severity(alert.severity));
  top.append('span').attr('class', `status-pill status-${c.status}`).attr('data-testid', 'case-status')
    .attr('data-status', c.status).text(i18n.status(c.status));
  top.append('span').attr('class', 'case-badges').call((s) => { joinDecisionBadges(s, decisionsOf(alert, c), i18n); });
  const facts = root.append('dl').attr('class', 'facts facts-inline');
  const fact = (label: string, value: string, testId?: string, title?: string): void => {
    const pair = facts.append('div').attr('class', 'fact');
    pair.append('dt').text(label);
    pair.append('dd').attr('data-testid', testId ?? null).attr('title', title ?? null).text(value);
  };
  fact(m.factAmount, i18n.amount(alert.amount), 'case-amount');
  // `credit_to_real_estate@1.0.0+1.2.0`: the detector's logic version, then the rule set's.
  const [logic = alert.ruleVersion, ruleSet = '—'] = (alert.ruleVersion.split('@')[1] ?? alert.ruleVersion).split('+');
  fact(m.factRule, m.factRuleValue(i18n.typology(alert.typology), logic, ruleSet), 'case-rule', alert.ruleVersion);
  fact(m.factInstitutions, alert.institutions.join(', ') || '—');
  fact(m.factEventTime, `${i18n.dateTimeZoned(alert.firstTs)} → ${i18n.dateTimeZoned(alert.lastTs)}`);
  fact(m.factOpened, i18n.dateTimeZoned(c.openedAt));
  fact(c.closedAt ? m.factClosed : m.factDeadline,
    c.closedAt ? i18n.dateTimeZoned(c.closedAt) : `${i18n.dateTimeZoned(c.deadline)} (${i18n.deadline(c.deadline).text})`, 'case-deadline');
}

export function createCasePage(ctx: AppContext, caseId: string): Page {
  const { i18n } = ctx;
  const { m } = i18n;
  const element = document.createElement('div');
  element.className = 'page case-page';
  element.dataset.caseId = caseId;
  const heading = pageHeading(m.caseHeading(caseId), m.loading);
  const header = document.createElement('div');
  header.className = 'case-header';
  const body = document.createElement('div');
  element.append(heading.element, header, body);
  const disposers: (() => void)[] = [];
  let detail: CaseDetail | undefined;
  let discussion: DiscussionEntry[] = [];
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  function build(d: CaseDetail): (c: CaseView) => void {
    const whyPanel = panel(m.panelWhy, 'why-panel');
    const why = createAlertExplanation({ alert: d.alert, evidence: d.evidence, ...(d.severityBasis ? { severityBasis: d.severityBasis } : {}) }, i18n);
    whyPanel.body.append(why.element);
    const graphPanel = panel(m.panelFundFlow, 'fund-flow-panel');
    const graph = createFundFlowGraph({ evidence: d.evidence }, i18n, {
      onAccount: (account) => { ctx.navigate(`#/alerts?q=${encodeURIComponent(account)}`); },
    });
    graphPanel.body.append(graph.element);
    const evidencePanel = panel(m.panelEvidence(d.evidence.length), 'evidence-panel');
    const exportEvidence = document.createElement('a');
    exportEvidence.className = 'button small';
    exportEvidence.dataset.testid = 'export-evidence';
    exportEvidence.textContent = m.exportCsv;
    exportEvidence.setAttribute('download', '');
    exportEvidence.href = ctx.api.exportUrl('evidence', { caseId });
    evidencePanel.actions.append(exportEvidence);
    const evidence = createEvidenceTable({ evidence: d.evidence }, i18n);
    evidencePanel.body.append(evidence.element);
    const opinionsPanel = panel(m.panelOpinions, 'opinions-panel');
    const opinions = createDepartmentOpinions({ caseView: d.case }, i18n);
    const form = createOpinionForm({ caseView: d.case, session: ctx.session }, {
      i18n,
      onSubmit: async (decision, comment, askedDepartment) => {
        const updated = await ctx.api.submitOpinion(caseId, decision, comment);
        applyCase(updated);
        // A request for information is addressed: the question goes to the asked department's thread.
        if (decision === 'request_info' && askedDepartment) await postEntry(comment || m.requestDefault, { askedDepartment });
        scheduleRefresh();
      },
    });
    const mayTriage = (): boolean => (ctx.session.role === 'analyst' || ctx.session.role === 'reviewer') &&
      (detail?.case.departments.includes(ctx.session.department) ?? false);
    const assignment = createCaseAssignment({ state: {}, members: [], enabled: false }, {
      i18n,
      onAssign: async (assignee) => { await ctx.api.assign(caseId, assignee); },
    });
    if (mayTriage()) {
      void ctx.api.triage().then((view) => {
        if (!destroyed) assignment.update({ state: view.cases[caseId] ?? {}, members: view.members, enabled: mayTriage() });
      }, () => undefined);
    }
    opinionsPanel.body.append(assignment.element, createDecisionLegend(i18n).element, opinions.element, form.element);
    const discussionPanel = panel(m.panelDiscussion, 'discussion-panel');
    const routed = (): boolean => detail?.case.departments.includes(ctx.session.department) ?? false;
    const threadData = () => ({ entries: discussion, session: ctx.session, routed: routed(), departments: detail?.case.departments ?? [] });
    const postEntry = async (text: string, addressing: { askedDepartment?: string; replyTo?: string }): Promise<void> => {
      const entry = await ctx.api.postDiscussion(caseId, text, addressing);
      if (!discussion.some((e) => e.id === entry.id)) discussion = [...discussion, entry];
      thread.update(threadData());
    };
    const thread = createCaseDiscussion(threadData(), { i18n, onPost: postEntry });
    discussionPanel.body.append(thread.element);
    const linkedPanel = panel(m.panelLinked, 'linked-panel');
    const linked = createLinkedCases({ cases: d.linkedCases ?? [] }, i18n);
    linkedPanel.body.append(linked.element);
    const ledgerPanel = panel(m.panelLedger, 'ledger-panel');
    const ledger = createLedgerStatus({ caseView: d.case, proof: d.proof, history: d.history }, i18n);
    ledgerPanel.body.append(ledger.element);
    // Why it fired and the graph take the full width (time runs left to right); opinions,
    // discussion and the ledger sit side by side under it; the evidence table comes last.
    const grid = document.createElement('div');
    grid.className = 'case-grid';
    grid.append(opinionsPanel.element, discussionPanel.element, ledgerPanel.element);
    body.className = 'case-body';
    body.replaceChildren(whyPanel.element, graphPanel.element, grid, evidencePanel.element, linkedPanel.element);
    disposers.push(() => { for (const c of [why, graph, evidence, opinions, form, thread, ledger, assignment, linked]) c.destroy(); });
    redrawThread = () => { thread.update(threadData()); };

    return (c: CaseView) => {
      if (!detail) return;
      renderHeader(header, detail, i18n);
      why.update({ alert: detail.alert, evidence: detail.evidence, ...(detail.severityBasis ? { severityBasis: detail.severityBasis } : {}) });
      opinions.update({ caseView: c });
      form.update({ caseView: c, session: ctx.session });
      ledger.update({ caseView: c, proof: detail.proof, history: detail.history });
      graph.update({ evidence: detail.evidence });
      evidence.update({ evidence: detail.evidence });
      linked.update({ cases: detail.linkedCases ?? [] });
      redrawThread?.();
    };
  }

  let redraw: ((c: CaseView) => void) | undefined;
  let redrawThread: (() => void) | undefined;
  function applyCase(c: CaseView): void {
    if (!detail || c.caseId !== caseId || c.ledger.blockNumber < detail.case.ledger.blockNumber) return;
    // The event names the transaction that changed the case: the history shows it now.
    const history = withLiveEntry(detail.history, detail.case, c);
    detail = { ...detail, case: c, history, alert: { ...detail.alert, status: c.status } };
    ctx.register.noteCases([c]);
    redraw?.(c);
  }

  async function loadDiscussion(): Promise<void> {
    try {
      const entries = await ctx.api.listDiscussion(caseId);
      if (destroyed) return;
      discussion = entries;
      redrawThread?.();
    } catch {
      // A refused or missing thread leaves the panel empty; the case itself says whether it is visible.
    }
  }

  async function load(): Promise<void> {
    try {
      const next = await ctx.api.getCase(caseId);
      if (destroyed) return;
      // A live update newer than this read wins.
      if (detail && detail.case.ledger.blockNumber > next.case.ledger.blockNumber) {
        next.history = withLiveEntry(next.history, next.case, detail.case);
        next.case = detail.case;
      }
      detail = next;
      heading.subtitle.textContent = m.caseSubtitle(i18n.typology(next.alert.typology), next.alert.id, next.case.departments.join(', '));
      ctx.register.noteCases([next.case]);
      redraw ??= build(next);
      redraw(next.case);
    } catch (error) {
      if (destroyed || detail) return;
      const refused = error instanceof ApiError && (error.status === 403 || error.status === 404);
      heading.subtitle.textContent = '';
      header.replaceChildren();
      body.replaceChildren(notice(refused
        ? m.caseUnavailable(ctx.session.department)
        : m.caseError(error instanceof Error ? error.message : String(error)),
      refused ? 'unavailable' : 'error', 'case-unavailable'));
    }
  }

  function scheduleRefresh(): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => { void load(); void loadDiscussion(); }, REFRESH_DELAY_MS);
  }

  disposers.push(
    ctx.feed.on('case:updated', (c) => { if (c.caseId === caseId) { applyCase(c); scheduleRefresh(); } }),
    ctx.feed.on('alert:updated', (a) => { if (a.caseId === caseId) scheduleRefresh(); }),
    // Another department's entry arrives as it is written.
    ctx.feed.on('case:discussion', (entry) => {
      if (entry.caseId !== caseId || discussion.some((e) => e.id === entry.id)) return;
      discussion = [...discussion, entry];
      redrawThread?.();
    }),
  );
  void load();
  void loadDiscussion();

  return {
    element,
    destroy() {
      destroyed = true;
      clearTimeout(refreshTimer);
      for (const dispose of disposers) dispose();
      element.remove();
    },
  };
}
