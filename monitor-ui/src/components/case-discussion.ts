/**
 * A case's discussion thread: analysts and reviewers of the routed departments write here;
 * each entry's text stays off-chain and its hash is on the ledger (shown with the entry).
 * An entry may ask another routed department for information; that department answers it
 * from the entry, and the request shows whether and when it was answered. Auditors read.
 * Entries keyed by id, oldest first.
 */
import { select } from 'd3';
import type { Department, DiscussionEntry, Session } from '../data/index.js';
import type { I18n } from '../i18n/index.js';
import { createElement, type Component } from './component.js';

export interface CaseDiscussionData {
  entries: readonly DiscussionEntry[];
  session: Session;
  /** Whether the user's department is routed on the case (others only read). */
  routed: boolean;
  /** The case's departments: who can be asked. */
  departments: readonly Department[];
}

export interface Addressing { askedDepartment?: string; replyTo?: string }

export interface CaseDiscussionOptions {
  i18n: I18n;
  /** Posts the text; rejects with an error whose message is shown. */
  onPost: (text: string, addressing: Addressing) => Promise<void>;
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
  const replying = createElement('div', 'discussion-replying', 'discussion-replying');
  const replyingText = createElement('span');
  const cancelReply = createElement('button', 'button ghost small', 'discussion-cancel-reply');
  cancelReply.type = 'button';
  cancelReply.textContent = m.cancel2;
  replying.append(replyingText, cancelReply);
  const askLabel = createElement('label', 'assignment-label');
  const askText = createElement('span');
  askText.textContent = m.discussionAsk;
  const ask = createElement('select', undefined, 'discussion-ask');
  askLabel.append(askText, ask);
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
  const feedback = createElement('p', 'form-feedback', 'discussion-feedback');
  feedback.setAttribute('role', 'status');
  actions.append(post, feedback);
  form.append(replying, askLabel, label, actions);
  const readOnly = createElement('p', 'form-reason', 'discussion-readonly');
  readOnly.textContent = m.discussionReadOnly;
  element.append(list, empty, form, readOnly);
  let data = initial;
  let pending = false;
  /** The request being answered, if the user chose to answer one. */
  let replyTo: DiscussionEntry | undefined;

  function requestState(e: DiscussionEntry): string {
    const answer = data.entries.find((a) => a.replyTo === e.id);
    return answer ? m.requestAnswered(`${answer.username} (${answer.department})`, i18n.dateTimeZoned(answer.at)) : m.requestAwaiting(i18n.dateTimeZoned(e.at));
  }

  function render(): void {
    empty.hidden = data.entries.length > 0;
    const writer = data.session.role !== 'auditor' && data.routed;
    form.hidden = !writer;
    readOnly.hidden = writer || data.session.role !== 'auditor';
    post.disabled = pending;
    post.textContent = pending ? m.discussionPosting : m.discussionPost;
    replying.hidden = replyTo === undefined;
    replyingText.textContent = replyTo ? m.answering(replyTo.department) : '';
    askLabel.hidden = replyTo !== undefined;
    const askable = data.departments.filter((d) => d !== data.session.department);
    const wanted = ['', ...askable];
    if (ask.options.length !== wanted.length || wanted.some((w, i) => ask.options[i]?.value !== w)) {
      ask.replaceChildren(...wanted.map((d) => new Option(d ? m.discussionAskOption(d) : m.discussionAskNone, d)));
    }
    const byId = new Map(data.entries.map((e) => [e.id, e]));
    const items = select(list).selectAll<HTMLLIElement, DiscussionEntry>('li')
      .data(data.entries, (e) => e.id)
      .join((enter) => {
        const li = enter.append('li').attr('class', 'discussion-entry').attr('data-testid', 'discussion-entry');
        li.append('div').attr('class', 'discussion-meta');
        li.append('div').attr('class', 'discussion-request').attr('data-testid', 'discussion-request');
        li.append('div').attr('class', 'discussion-text');
        li.append('div').attr('class', 'discussion-hash mono');
        li.append('button').attr('type', 'button').attr('class', 'button small discussion-answer').attr('data-testid', 'discussion-answer')
          .text(m.answerButton)
          .on('click', (_e, entry) => { replyTo = entry; render(); text.focus(); });
        return li;
      })
      .attr('data-entry-id', (e) => e.id)
      .attr('data-department', (e) => e.department)
      .attr('data-asked', (e) => e.askedDepartment ?? null)
      .attr('data-reply-to', (e) => e.replyTo ?? null)
      .attr('data-answered', (e) => (e.askedDepartment ? String(data.entries.some((a) => a.replyTo === e.id)) : null))
      .attr('data-tx-id', (e) => e.ledgerTxId);
    items.select('.discussion-meta').text((e) => m.discussionMeta(`${e.username} · ${i18n.role(e.role)}`, e.department, i18n.dateTimeZoned(e.at)));
    items.select('.discussion-request')
      .attr('hidden', (e) => (e.askedDepartment || e.replyTo ? null : ''))
      .text((e) => {
        if (e.askedDepartment) return `${m.requestTo(e.askedDepartment)} · ${requestState(e)}`;
        const request = e.replyTo ? byId.get(e.replyTo) : undefined;
        return request ? m.answerTo(request.department) : '';
      });
    items.select('.discussion-text').text((e) => e.text);
    items.select('.discussion-hash').text((e) => m.discussionHash(e.entryHash.slice(0, 16), e.ledgerTxId.slice(0, 12)))
      .attr('title', (e) => `${e.entryHash}\n${e.ledgerTxId}`);
    // Only the asked department answers, once.
    items.select('.discussion-answer').attr('hidden', (e) => (writer && e.askedDepartment === data.session.department
      && !data.entries.some((a) => a.replyTo === e.id) ? null : ''));
  }

  cancelReply.addEventListener('click', () => { replyTo = undefined; render(); });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value) { feedback.textContent = m.discussionEmptyText; feedback.className = 'form-feedback is-error'; return; }
    const addressing: Addressing = replyTo ? { replyTo: replyTo.id } : ask.value ? { askedDepartment: ask.value } : {};
    pending = true;
    feedback.textContent = '';
    render();
    options.onPost(value, addressing)
      .then(() => {
        text.value = '';
        ask.value = '';
        replyTo = undefined;
        feedback.textContent = m.discussionPosted;
        feedback.className = 'form-feedback is-ok';
      })
      .catch((error: unknown) => { feedback.textContent = error instanceof Error ? error.message : String(error); feedback.className = 'form-feedback is-error'; })
      .finally(() => { pending = false; render(); });
  });

  render();
  return { element, update(next) { data = next; render(); }, destroy() { element.remove(); } };
}
