/**
 * `#/cases/<caseId>`: one joint-review case — the fund-flow graph, the evidence, each
 * department's opinion, the ledger status and (for reviewers) the opinion form. Case changes
 * arrive live; the detail (history, proof) is re-read shortly after each change.
 */
import {
  createDepartmentOpinions, createEvidenceTable, createFundFlowGraph, createLedgerStatus, createOpinionForm,
  formatAmount, formatDateTime, formatDeadline, joinDecisionBadges, decisionsOf, SEVERITY_LABELS, STATUS_LABELS, typologyLabel,
} from '../components/index.js';
import { ApiError, type CaseDetail, type CaseView } from '../data/index.js';
import { select } from 'd3';
import { notice, pageHeading, panel, type AppContext, type Page } from './page.js';

const REFRESH_DELAY_MS = 400;

function renderHeader(target: HTMLElement, detail: CaseDetail): void {
  const { alert, case: c } = detail;
  const deadline = formatDeadline(c.deadline);
  target.innerHTML = '';
  const root = select(target);
  const top = root.append('div').attr('class', 'case-title-row');
  top.append('span').attr('class', `severity-pill severity-${alert.severity}`).text(SEVERITY_LABELS[alert.severity]);
  top.append('span').attr('class', `status-pill status-${c.status}`).attr('data-testid', 'case-status')
    .attr('data-status', c.status).text(STATUS_LABELS[c.status]);
  top.append('span').attr('class', 'case-badges').call((s) => { joinDecisionBadges(s, decisionsOf(alert, c)); });
  const facts = root.append('dl').attr('class', 'facts facts-inline');
  const fact = (label: string, value: string, testId?: string): void => {
    const pair = facts.append('div').attr('class', 'fact');
    pair.append('dt').text(label);
    pair.append('dd').attr('data-testid', testId ?? null).text(value);
  };
  fact('Amount at risk', formatAmount(alert.amount), 'case-amount');
  fact('Rule', alert.ruleVersion.includes('@') ? alert.ruleVersion : `${alert.typology}@${alert.ruleVersion}`);
  fact('Institutions', alert.institutions.join(', ') || '—');
  fact('Event time', `${formatDateTime(alert.firstTs)} → ${formatDateTime(alert.lastTs)}`);
  fact('Opened', formatDateTime(c.openedAt));
  fact(c.closedAt ? 'Closed' : 'Deadline', c.closedAt ? formatDateTime(c.closedAt) : `${formatDateTime(c.deadline)} (${deadline.text})`, 'case-deadline');
}

export function createCasePage(ctx: AppContext, caseId: string): Page {
  const element = document.createElement('div');
  element.className = 'page case-page';
  element.dataset.caseId = caseId;
  const heading = pageHeading(`Case ${caseId}`, 'Loading…');
  const header = document.createElement('div');
  header.className = 'case-header';
  const body = document.createElement('div');
  element.append(heading.element, header, body);
  const disposers: (() => void)[] = [];
  let detail: CaseDetail | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let destroyed = false;

  function build(d: CaseDetail): (c: CaseView) => void {
    const graphPanel = panel('Fund flow', 'fund-flow-panel');
    const graph = createFundFlowGraph({ evidence: d.evidence });
    graphPanel.body.append(graph.element);
    const evidencePanel = panel(`Evidence · ${d.evidence.length} records`, 'evidence-panel');
    const evidence = createEvidenceTable({ evidence: d.evidence });
    evidencePanel.body.append(evidence.element);
    const opinionsPanel = panel('Department opinions', 'opinions-panel');
    const opinions = createDepartmentOpinions({ caseView: d.case });
    const form = createOpinionForm({ caseView: d.case, session: ctx.session }, {
      onSubmit: async (decision, comment) => {
        const updated = await ctx.api.submitOpinion(caseId, decision, comment);
        applyCase(updated);
        scheduleRefresh();
      },
    });
    opinionsPanel.body.append(opinions.element, form.element);
    const ledgerPanel = panel('Ledger', 'ledger-panel');
    const ledger = createLedgerStatus({ caseView: d.case, proof: d.proof, history: d.history });
    ledgerPanel.body.append(ledger.element);
    // The graph takes the full width (time runs left to right); opinions and the ledger sit
    // side by side under it; the evidence table, the widest, comes last.
    const grid = document.createElement('div');
    grid.className = 'case-grid';
    grid.append(opinionsPanel.element, ledgerPanel.element);
    body.className = 'case-body';
    body.replaceChildren(graphPanel.element, grid, evidencePanel.element);
    disposers.push(() => { for (const c of [graph, evidence, opinions, form, ledger]) c.destroy(); });

    return (c: CaseView) => {
      if (!detail) return;
      renderHeader(header, detail);
      opinions.update({ caseView: c });
      form.update({ caseView: c, session: ctx.session });
      ledger.update({ caseView: c, proof: detail.proof, history: detail.history });
      graph.update({ evidence: detail.evidence });
      evidence.update({ evidence: detail.evidence });
    };
  }

  let redraw: ((c: CaseView) => void) | undefined;
  function applyCase(c: CaseView): void {
    if (!detail || c.caseId !== caseId || c.ledger.blockNumber < detail.case.ledger.blockNumber) return;
    detail = { ...detail, case: c, alert: { ...detail.alert, status: c.status } };
    ctx.register.noteCases([c]);
    redraw?.(c);
  }

  async function load(): Promise<void> {
    try {
      const next = await ctx.api.getCase(caseId);
      if (destroyed) return;
      // A live update newer than this read wins.
      if (detail && detail.case.ledger.blockNumber > next.case.ledger.blockNumber) next.case = detail.case;
      detail = next;
      heading.subtitle.textContent = `${typologyLabel(next.alert.typology)} · alert ${next.alert.id} · routed to ${next.case.departments.join(', ')}`;
      ctx.register.noteCases([next.case]);
      redraw ??= build(next);
      redraw(next.case);
    } catch (error) {
      if (destroyed || detail) return;
      const refused = error instanceof ApiError && (error.status === 403 || error.status === 404);
      heading.subtitle.textContent = '';
      body.replaceChildren(notice(refused
        ? `This case is not available to ${ctx.session.department}: it was not routed to your department, or it does not exist.`
        : `The case could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      refused ? 'unavailable' : 'error', 'case-unavailable'));
    }
  }

  function scheduleRefresh(): void {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => { void load(); }, REFRESH_DELAY_MS);
  }

  disposers.push(
    ctx.feed.on('case:updated', (c) => { if (c.caseId === caseId) { applyCase(c); scheduleRefresh(); } }),
    ctx.feed.on('alert:updated', (a) => { if (a.caseId === caseId) scheduleRefresh(); }),
  );
  void load();

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
