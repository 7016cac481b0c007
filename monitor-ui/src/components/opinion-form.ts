/**
 * The department's opinion on a case. Only a reviewer of a routed department may submit it, and
 * only while the case is not closed; everyone else sees why not (auditors only a note: they
 * decide nothing). The gateway enforces the same rules; this only avoids a pointless refusal.
 */
import type { CaseView, Decision, Session } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { DECISION_LABELS, STATUS_LABELS } from './format.js';

export interface OpinionFormData {
  caseView: CaseView;
  session: Session;
}

export interface OpinionFormOptions {
  /** Records the opinion; rejects with an error whose message is shown. */
  onSubmit: (decision: Decision, comment: string) => Promise<void>;
}

const DECISIONS: Decision[] = ['confirm', 'dismiss', 'request_info'];
const DECISION_VERBS: Record<Decision, string> = { confirm: 'Confirm', dismiss: 'Dismiss', request_info: 'Request information' };

/** Why this user may not record an opinion on this case, or undefined if they may. */
export function opinionRefusal(caseView: CaseView, session: Session): string | undefined {
  if (session.role === 'auditor') return 'Auditors read every case and record no opinion.';
  if (session.role !== 'reviewer') return `Only a ${session.department} reviewer records the department's opinion; your role (${session.role}) can view and comment.`;
  if (!caseView.departments.includes(session.department)) return `This case is not routed to ${session.department}.`;
  if (caseView.status === 'confirmed' || caseView.status === 'dismissed') {
    return `The case is closed (${STATUS_LABELS[caseView.status].toLowerCase()}); opinions can no longer be revised.`;
  }
  return undefined;
}

export function createOpinionForm(initial: OpinionFormData, options: Readonly<OpinionFormOptions>): Component<OpinionFormData> {
  const element = createElement('form', 'opinion-form', 'opinion-form');
  const reason = createElement('p', 'form-reason', 'opinion-form-reason');
  const fieldset = createElement('fieldset');
  const legend = createElement('legend');
  const choices = createElement('div', 'decision-choices');
  const radios = DECISIONS.map((decision) => {
    const label = createElement('label', `decision-choice decision-${decision}`);
    const input = createElement('input', undefined, `opinion-decision-${decision}`);
    input.type = 'radio';
    input.name = 'decision';
    input.value = decision;
    label.append(input, ` ${DECISION_VERBS[decision]}`);
    choices.append(label);
    return input;
  });
  const commentLabel = createElement('label', 'comment-label');
  commentLabel.textContent = 'Comment (kept off-chain; its hash is recorded on the ledger)';
  const comment = createElement('textarea', undefined, 'opinion-comment');
  comment.rows = 3;
  comment.maxLength = 2000;
  comment.placeholder = 'Grounds for the decision, for the other departments and the record';
  commentLabel.append(comment);
  const actions = createElement('div', 'form-actions');
  const submit = createElement('button', 'button primary', 'opinion-submit');
  submit.type = 'submit';
  const feedback = createElement('p', 'form-feedback', 'opinion-feedback');
  feedback.setAttribute('role', 'status');
  actions.append(submit, feedback);
  fieldset.append(legend, choices, commentLabel, actions);
  element.append(reason, fieldset);

  let data = initial;
  let pending = false;

  function render(): void {
    const refusal = opinionRefusal(data.caseView, data.session);
    const mine = data.caseView.opinions.find((o) => o.department === data.session.department);
    element.classList.toggle('is-readonly', data.session.role === 'auditor');
    reason.textContent = refusal ?? '';
    reason.hidden = refusal === undefined;
    fieldset.hidden = data.session.role === 'auditor';
    fieldset.disabled = refusal !== undefined || pending;
    element.dataset.enabled = String(refusal === undefined);
    const current = mine ? `${data.session.department} opinion: ${DECISION_LABELS[mine.decision].toLowerCase()}` : undefined;
    legend.textContent = current
      ? (refusal === undefined ? `${current} — revise it` : current)
      : `Record the ${data.session.department} opinion`;
    submit.textContent = pending ? 'Recording on the ledger…' : mine && refusal === undefined ? 'Revise opinion' : 'Record opinion';
    if (mine && !radios.some((r) => r.checked)) {
      const radio = radios.find((r) => r.value === mine.decision);
      if (radio) radio.checked = true;
    }
  }

  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const decision = radios.find((r) => r.checked)?.value as Decision | undefined;
    if (!decision) {
      feedback.textContent = 'Choose a decision first.';
      feedback.className = 'form-feedback is-error';
      return;
    }
    pending = true;
    feedback.textContent = '';
    render();
    options.onSubmit(decision, comment.value.trim())
      .then(() => {
        feedback.textContent = 'Opinion recorded on the ledger.';
        feedback.className = 'form-feedback is-ok';
        comment.value = '';
      })
      .catch((error: unknown) => {
        feedback.textContent = error instanceof Error ? error.message : String(error);
        feedback.className = 'form-feedback is-error';
      })
      .finally(() => { pending = false; render(); });
  });

  render();
  return {
    element,
    update(next) { data = next; render(); },
    destroy() { element.remove(); },
  };
}
