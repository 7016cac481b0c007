/**
 * The department's opinion on a case. Only a reviewer of a routed department may submit it, and
 * only while the case is not closed; everyone else sees why not (auditors only a note: they
 * decide nothing). The gateway enforces the same rules; this only avoids a pointless refusal.
 */
import type { CaseView, Decision, Session } from '../data/index.js';
import { createElement, type Component } from './component.js';
import type { I18n } from '../i18n/index.js';

export interface OpinionFormData {
  caseView: CaseView;
  session: Session;
}

export interface OpinionFormOptions {
  i18n: I18n;
  /** Records the opinion (and, for a request for information, whom it asks); rejects with an error whose message is shown. */
  onSubmit: (decision: Decision, comment: string, askedDepartment?: string) => Promise<void>;
}

const DECISIONS: Decision[] = ['confirm', 'dismiss', 'request_info'];
/** Why this user may not record an opinion on this case, or undefined if they may. */
export function opinionRefusal(caseView: CaseView, session: Session, i18n: I18n): string | undefined {
  const { m } = i18n;
  if (session.role === 'auditor') return m.refusalAuditor;
  if (session.role !== 'reviewer') return m.refusalAnalyst(session.department, i18n.role(session.role));
  if (!caseView.departments.includes(session.department)) return m.refusalNotRouted(session.department);
  if (caseView.status === 'confirmed' || caseView.status === 'dismissed') return m.refusalClosed(i18n.status(caseView.status));
  return undefined;
}

export function createOpinionForm(initial: OpinionFormData, options: Readonly<OpinionFormOptions>): Component<OpinionFormData> {
  const { i18n } = options;
  const { m } = i18n;
  const verbs: Record<Decision, string> = { confirm: m.verbConfirm, dismiss: m.verbDismiss, request_info: m.verbRequestInfo };
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
    label.append(input, ` ${verbs[decision]}`);
    choices.append(label);
    return input;
  });
  const commentLabel = createElement('label', 'comment-label');
  commentLabel.textContent = m.opinionCommentLabel;
  const comment = createElement('textarea', undefined, 'opinion-comment');
  comment.rows = 3;
  comment.maxLength = 2000;
  comment.placeholder = m.opinionCommentPlaceholder;
  commentLabel.append(comment);
  // Who a request for information asks: another department of the case.
  const askedLabel = createElement('label', 'comment-label');
  askedLabel.textContent = m.opinionAsked;
  const asked = createElement('select', undefined, 'opinion-asked');
  askedLabel.append(asked);
  const actions = createElement('div', 'form-actions');
  const submit = createElement('button', 'button primary', 'opinion-submit');
  submit.type = 'submit';
  const feedback = createElement('p', 'form-feedback', 'opinion-feedback');
  feedback.setAttribute('role', 'status');
  actions.append(submit, feedback);
  fieldset.append(legend, choices, askedLabel, commentLabel, actions);
  for (const r of radios) r.addEventListener('change', () => { render(); });
  element.append(reason, fieldset);

  let data = initial;
  let pending = false;

  function render(): void {
    const refusal = opinionRefusal(data.caseView, data.session, i18n);
    const mine = data.caseView.opinions.find((o) => o.department === data.session.department);
    element.classList.toggle('is-readonly', data.session.role === 'auditor');
    reason.textContent = refusal ?? '';
    reason.hidden = refusal === undefined;
    fieldset.hidden = data.session.role === 'auditor';
    fieldset.disabled = refusal !== undefined || pending;
    element.dataset.enabled = String(refusal === undefined);
    const department = data.session.department;
    legend.textContent = mine
      ? (refusal === undefined ? m.opinionRevise(department, i18n.decision(mine.decision)) : m.opinionCurrent(department, i18n.decision(mine.decision)))
      : m.opinionRecord(department);
    submit.textContent = pending ? m.opinionSubmitting : mine && refusal === undefined ? m.opinionSubmitRevise : m.opinionSubmit;
    const others = data.caseView.departments.filter((d) => d !== department);
    if (asked.options.length !== others.length || others.some((d, i) => asked.options[i]?.value !== d)) {
      asked.replaceChildren(...others.map((d) => new Option(d, d)));
    }
    askedLabel.hidden = !radios.some((r) => r.checked && r.value === 'request_info') || others.length === 0;
    if (mine && !radios.some((r) => r.checked)) {
      const radio = radios.find((r) => r.value === mine.decision);
      if (radio) radio.checked = true;
    }
  }

  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const decision = radios.find((r) => r.checked)?.value as Decision | undefined;
    if (!decision) {
      feedback.textContent = m.opinionChoose;
      feedback.className = 'form-feedback is-error';
      return;
    }
    pending = true;
    feedback.textContent = '';
    render();
    options.onSubmit(decision, comment.value.trim(), decision === 'request_info' && asked.value ? asked.value : undefined)
      .then(() => {
        feedback.textContent = m.opinionRecorded;
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
