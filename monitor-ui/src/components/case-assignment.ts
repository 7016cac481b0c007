/**
 * Who in the viewer's department handles the case: a select of the department's analysts and
 * reviewers. The department's own bookkeeping (off the ledger); auditors and departments the
 * case is not routed to see no control.
 */
import type { CaseTriageState } from '../data/index.js';
import type { I18n } from '../i18n/index.js';
import { createElement, type Component } from './component.js';

export interface CaseAssignmentData {
  state: CaseTriageState;
  members: readonly string[];
  /** Whether the viewer may assign (analyst or reviewer of a routed department). */
  enabled: boolean;
}

export interface CaseAssignmentOptions {
  i18n: I18n;
  onAssign: (assignee: string) => Promise<void>;
}

export function createCaseAssignment(initial: CaseAssignmentData, options: Readonly<CaseAssignmentOptions>): Component<CaseAssignmentData> {
  const { m } = options.i18n;
  const element = createElement('div', 'case-assignment', 'case-assignment');
  const label = createElement('label', 'assignment-label');
  const text = createElement('span');
  text.textContent = m.assignLabel;
  const choice = createElement('select', undefined, 'case-assignee');
  label.append(text, choice);
  const feedback = createElement('span', 'form-feedback', 'case-assignment-feedback');
  feedback.setAttribute('role', 'status');
  element.append(label, feedback);
  let data = initial;

  function render(): void {
    element.hidden = !data.enabled;
    const options = ['', ...data.members];
    if (choice.options.length !== options.length || options.some((o, i) => choice.options[i]?.value !== o)) {
      choice.replaceChildren(...options.map((o) => new Option(o || m.unassigned, o)));
    }
    choice.value = data.state.assignee ?? '';
  }

  choice.addEventListener('change', () => {
    const assignee = choice.value;
    choice.disabled = true;
    options.onAssign(assignee)
      .then(() => { feedback.textContent = assignee ? m.assignedTo(assignee) : m.unassigned; feedback.className = 'form-feedback is-ok'; })
      .catch((error: unknown) => { feedback.textContent = m.triageFailed(error instanceof Error ? error.message : String(error)); feedback.className = 'form-feedback is-error'; })
      .finally(() => { choice.disabled = false; });
  });

  render();
  return { element, update(next) { data = next; render(); }, destroy() { element.remove(); } };
}
