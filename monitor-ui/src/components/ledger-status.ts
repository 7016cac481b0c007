/**
 * Where the case stands on the ledger: latest block and transaction, evidence proof, and the
 * history of the case's ledger transactions told as who did what and when, newest last.
 */
import { select } from 'd3';
import type { CaseHistoryEntry, CaseView, ProofStatus } from '../data/index.js';
import type { I18n } from '../i18n/index.js';
import { createElement, type Component } from './component.js';
import { DECISION_ICONS } from './format.js';

export interface LedgerStatusData {
  caseView: CaseView;
  proof: ProofStatus;
  history: readonly CaseHistoryEntry[];
}

/** `PBOC (pboc.reviewer): Confirmed`, `NFRA opened the case`, … */
export function describeHistoryEntry(h: CaseHistoryEntry, i18n: I18n): string {
  const { m } = i18n;
  const who = h.department ? (h.by ? `${h.department} (${h.by})` : h.department) : '';
  switch (h.action) {
    case 'opened': return m.historyOpened(h.department ?? '—');
    case 'opinion': return m.historyOpinion(who || '—', i18n.decision(h.decision ?? 'pending'));
    case 'widened': return m.historyWidened(h.department ?? '—');
    case 'escalated': return h.escalationReason === 'disagreement' ? m.historyEscalatedDisagreement : m.historyEscalatedDeadline;
    default: return m.historyStatus(i18n.status(h.status));
  }
}

export function createLedgerStatus(initial: LedgerStatusData, i18n: I18n): Component<LedgerStatusData> {
  const { m } = i18n;
  const element = createElement('div', 'ledger-status', 'ledger-status');
  const facts = select(element).append('dl').attr('class', 'facts');
  const fact = (label: string, testId: string): HTMLElement => {
    facts.append('dt').text(label);
    return facts.append('dd').attr('data-testid', testId).node()!;
  };
  const block = fact(m.ledgerBlock, 'ledger-block');
  const tx = fact(m.ledgerLatestTx, 'ledger-tx');
  const proof = fact(m.ledgerProof, 'proof-verified');
  const batch = fact(m.ledgerAnchoredIn, 'proof-batch');
  select(element).append('h3').attr('class', 'subhead').text(m.ledgerHistory);
  const history = select(element).append('ol').attr('class', 'ledger-history').attr('data-testid', 'ledger-history')
    .attr('aria-live', 'polite');

  function render(data: LedgerStatusData): void {
    block.textContent = `#${data.caseView.ledger.blockNumber}`;
    tx.textContent = data.caseView.ledger.txId;
    tx.title = data.caseView.ledger.txId;
    proof.textContent = data.proof.verified ? m.proofVerified : m.proofNotVerified;
    proof.className = data.proof.verified ? 'proof-ok' : 'proof-failed';
    proof.dataset.verified = String(data.proof.verified);
    batch.textContent = data.proof.batchId
      ? (data.proof.blockNumber !== undefined ? m.proofBatchBlock(data.proof.batchId, data.proof.blockNumber) : m.proofBatch(data.proof.batchId))
      : '—';
    const items = history.selectAll<HTMLLIElement, CaseHistoryEntry>('li')
      .data(data.history, (h) => h.txId)
      .join((enter) => {
        const li = enter.append('li');
        li.append('span').attr('class', 'badge-icon').attr('aria-hidden', 'true');
        li.append('span').attr('class', 'history-what');
        li.append('span').attr('class', 'history-when');
        li.append('span').attr('class', 'history-tx mono');
        return li;
      })
      .attr('data-testid', 'ledger-history-entry')
      .attr('data-action', (h) => h.action ?? null)
      .attr('data-department', (h) => h.department ?? null)
      .attr('data-decision', (h) => h.decision ?? null)
      .attr('data-status', (h) => h.status)
      .attr('class', (h) => (h.decision ? `decision-${h.decision}` : null))
      .attr('title', (h) => h.txId);
    items.select('.badge-icon').text((h) => (h.decision ? DECISION_ICONS[h.decision] ?? '' : '•'));
    items.select('.history-what').text((h) => describeHistoryEntry(h, i18n));
    items.select('.history-when').text((h) => i18n.dateTimeZoned(h.timestamp));
    items.select('.history-tx').text((h) => h.txId.slice(0, 16));
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
