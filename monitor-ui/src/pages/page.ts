/** What every page receives from the application shell, and what it hands back. */
import type { AlertRegister, LiveFeed, MonitorApi, Session } from '../data/index.js';
import type { I18n } from '../i18n/index.js';

export interface AppContext {
  session: Session;
  /** The language and time zone of the session's pages. */
  i18n: I18n;
  api: MonitorApi;
  feed: LiveFeed;
  register: AlertRegister;
  /** Resolves once the alert backlog is in the register (or failed to load). */
  backlogLoaded: Promise<void>;
  navigate: (hash: string) => void;
}

export interface Page {
  readonly element: HTMLElement;
  destroy(): void;
}

/** A page title block with an optional subtitle line the page keeps updating. */
export function pageHeading(title: string, subtitle = ''): { element: HTMLElement; subtitle: HTMLElement } {
  const element = document.createElement('div');
  element.className = 'page-heading';
  const h1 = document.createElement('h1');
  h1.textContent = title;
  const sub = document.createElement('p');
  sub.className = 'page-subtitle';
  sub.textContent = subtitle;
  element.append(h1, sub);
  return { element, subtitle: sub };
}

/** A titled panel; `body` is where the content goes. */
export function panel(title: string, testId?: string): { element: HTMLElement; body: HTMLElement; actions: HTMLElement } {
  const element = document.createElement('section');
  element.className = 'panel';
  if (testId) element.dataset.testid = testId;
  const head = document.createElement('div');
  head.className = 'panel-head';
  const h2 = document.createElement('h2');
  h2.textContent = title;
  const actions = document.createElement('div');
  actions.className = 'panel-actions';
  head.append(h2, actions);
  const body = document.createElement('div');
  body.className = 'panel-body';
  element.append(head, body);
  return { element, body, actions };
}

/** A message in place of content: loading, refused, not available yet. */
export function notice(text: string, kind: 'info' | 'error' | 'unavailable', testId?: string): HTMLElement {
  const element = document.createElement('div');
  element.className = `notice notice-${kind}`;
  element.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  if (testId) element.dataset.testid = testId;
  element.textContent = text;
  return element;
}
