/**
 * A case's discussion thread: analysts and reviewers of the routed departments write here;
 * each entry's text stays off-chain and its hash is on the ledger (shown with the entry).
 * Auditors read it. Entries keyed by id, oldest first.
 */
import { select } from 'd3';
import type { DiscussionEntry, Session } from '../data/index.js';
import type { I18n } from '../i18n/index.js';
import { createElement, type Component } from './component.js';

export interface CaseDiscussionData {
  entries: readonly DiscussionEntry[];
  session: Session;
  /** Whether the user's department is routed on the case (others only read). */
  routed: boolean;
}

export interface CaseDiscussionOptions {
  i18n: I18n;
  /** Posts the text; rejects with an error whose message is shown. */
  onPost: (text: string) => Promise<void>;
}

export function createCaseDiscussion(initial: CaseDiscussionData, options: Readonly<CaseDiscussionOptions>): Component<CaseDiscussionData> {
  const { i18n } = options;
  const { m } = i18n;
  const element = createElement('div', 'case-discussion', 'case-discussion');
  const list = createElement('ol', 'discussion-list', 'discussion-list');
  list.setAttribute('aria-live', 'polite');
  const empty = createElement('p', 'empty-note', 'discussion-empty');
  empty.textContent = m.discussionEmpty;
  const form = createElement('form', 'discussion-form', 'discussion-form');
  const label = createElement('label', 'comment-label');
  label.textContent = m.discussionLabel;
  const text = createElement('textarea', undefined, 'discussion-text');
  text.rows = 3;
  text.maxLength = 4000;
  text.placeholder = m.discussionPlaceholder;
  label.append(text);
  const actions = createElement('div', 'form-actions');
  const post = createElement('button', 'button primary', 'discussion-post');
  post.type = 'submit';
  post.textContent = m.discussionPost;
  const feedback = createElement('p', 'form-feedback', 'discussion-feedback');
  feedback.setAttribute('role', 'status');
  actions.append(post, feedback);
  form.append(label, actions);
  const readOnly = createElement('p', 'form-reason', 'discussion-readonly');
  readOnly.textContent = m.discussionReadOnly;
  element.append(list, empty, form, readOnly);
  let data = initial;
  let pending = false;

  function render(): void {
    empty.hidden = data.entries.length > 0;
    const writer = data.session.role !== 'auditor' && data.routed;
    form.hidden = !writer;
    readOnly.hidden = writer || data.session.role !== 'auditor';
    post.disabled = pending;
    post.textContent = pending ? m.discussionPosting : m.discussionPost;
    const items = select(list).selectAll<HTMLLIElement, DiscussionEntry>('li')
      .data(data.entries, (e) => e.id)
      .join((enter) => {
        const li = enter.append('li').attr('class', 'discussion-entry').attr('data-testid', 'discussion-entry');
        li.append('div').attr('class', 'discussion-meta');
        li.append('div').attr('class', 'discussion-text');
        li.append('div').attr('class', 'discussion-hash mono');
        return li;
      })
      .attr('data-entry-id', (e) => e.id)
      .attr('data-department', (e) => e.department)
      .attr('data-tx-id', (e) => e.ledgerTxId);
    items.select('.discussion-meta').text((e) => m.discussionMeta(`${e.username} · ${i18n.role(e.role)}`, e.department, i18n.dateTimeZoned(e.at)));
    items.select('.discussion-text').text((e) => e.text);
    items.select('.discussion-hash').text((e) => m.discussionHash(e.entryHash.slice(0, 16), e.ledgerTxId.slice(0, 12)))
      .attr('title', (e) => `${e.entryHash}\n${e.ledgerTxId}`);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value) { feedback.textContent = m.discussionEmptyText; feedback.className = 'form-feedback is-error'; return; }
    pending = true;
    feedback.textContent = '';
    render();
    options.onPost(value)
      .then(() => { text.value = ''; feedback.textContent = m.discussionPosted; feedback.className = 'form-feedback is-ok'; })
      .catch((error: unknown) => { feedback.textContent = error instanceof Error ? error.message : String(error); feedback.className = 'form-feedback is-error'; })
      .finally(() => { pending = false; render(); });
  });

  render();
  return { element, update(next) { data = next; render(); }, destroy() { element.remove(); } };
}
