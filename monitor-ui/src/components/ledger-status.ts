/** Where the case stands on the ledger: latest block and transaction, evidence proof, history. */
import { select } from 'd3';
import type { CaseHistoryEntry, CaseView, ProofStatus } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { formatDateTime } from './format.js';

export interface LedgerStatusData {
  caseView: CaseView;
  proof: ProofStatus;
  history: readonly CaseHistoryEntry[];
}

export function createLedgerStatus(initial: LedgerStatusData): Component<LedgerStatusData> {
  const element = createElement('div', 'ledger-status', 'ledger-status');
  const facts = select(element).append('dl').attr('class', 'facts');
  const fact = (label: string, testId: string): HTMLElement => {
    facts.append('dt').text(label);
    return facts.append('dd').attr('data-testid', testId).node()!;
  };
  const block = fact('Block', 'ledger-block');
  const tx = fact('Latest transaction', 'ledger-tx');
  const proof = fact('Evidence proof', 'proof-verified');
  const batch = fact('Anchored in', 'proof-batch');
  select(element).append('h4').text('Ledger history');
  const history = select(element).append('ol').attr('class', 'ledger-history').attr('data-testid', 'ledger-history');

  function render(data: LedgerStatusData): void {
    block.textContent = `#${data.caseView.ledger.blockNumber}`;
    tx.textContent = data.caseView.ledger.txId;
    tx.title = data.caseView.ledger.txId;
    proof.textContent = data.proof.verified ? 'Verified against the ledger' : 'Not verified';
    proof.className = data.proof.verified ? 'proof-ok' : 'proof-failed';
    proof.dataset.verified = String(data.proof.verified);
    batch.textContent = data.proof.batchId
      ? `batch ${data.proof.batchId}${data.proof.blockNumber !== undefined ? `, block #${data.proof.blockNumber}` : ''}`
      : '—';
    history.selectAll<HTMLLIElement, CaseHistoryEntry>('li')
      .data(data.history, (h) => h.txId)
      .join('li')
      .attr('data-testid', 'ledger-history-entry')
      .text((h) => `${formatDateTime(h.timestamp)} · ${h.status} · ${h.txId.slice(0, 16)}`)
      .attr('title', (h) => h.txId);
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
