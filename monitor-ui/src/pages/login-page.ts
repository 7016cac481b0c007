/** `#/login`: a department user signs in with the credentials the platform generated. */
import { ApiError, type MonitorApi, type Session } from '../data/index.js';
import type { I18n } from '../i18n/index.js';
import type { Page } from './page.js';

export interface LoginPageOptions {
  api: MonitorApi;
  i18n: I18n;
  /** The language switch, shown above the form (sign-in happens before any preference is known). */
  languageSwitch: HTMLElement;
  onLoggedIn: (session: Session) => void;
  /** Shown above the form, e.g. after a session expired. */
  message?: string;
}

export function createLoginPage(options: Readonly<LoginPageOptions>): Page {
  const { m } = options.i18n;
  const element = document.createElement('main');
  element.className = 'login-page';
  element.innerHTML = `
    <form class="login-card" data-testid="login-form" novalidate>
      <div class="login-brand"><span class="brand-mark" aria-hidden="true"></span>
        <div><h1 class="login-title"></h1>
        <div class="login-sub"></div></div></div>
      <p class="notice notice-info" data-testid="login-message" role="status" hidden></p>
      <label><span class="label-username"></span><input name="username" autocomplete="username" required data-testid="login-username"></label>
      <label><span class="label-password"></span><input name="password" type="password" autocomplete="current-password" required data-testid="login-password"></label>
      <p class="form-feedback is-error" role="alert" data-testid="login-error" hidden></p>
      <button class="button primary" type="submit" data-testid="login-submit"></button>
      <p class="login-foot"></p>
    </form>`;
  const text = (selector: string, value: string): void => { element.querySelector(selector)!.textContent = value; };
  text('.login-title', m.loginTitle);
  text('.login-sub', m.loginSub);
  text('.label-username', m.loginUsername);
  text('.label-password', m.loginPassword);
  text('[data-testid="login-submit"]', m.loginSubmit);
  text('.login-foot', m.loginFoot);
  const form = element.querySelector('form')!;
  form.prepend(options.languageSwitch);
  const message = element.querySelector<HTMLElement>('[data-testid="login-message"]')!;
  const error = element.querySelector<HTMLElement>('[data-testid="login-error"]')!;
  const submit = element.querySelector<HTMLButtonElement>('[data-testid="login-submit"]')!;
  if (options.message) { message.textContent = options.message; message.hidden = false; }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const username = String(fields.get('username') ?? '').trim();
    const password = String(fields.get('password') ?? '');
    if (!username || !password) { error.textContent = m.loginMissing; error.hidden = false; return; }
    submit.disabled = true;
    error.hidden = true;
    options.api.login(username, password)
      .then(options.onLoggedIn)
      .catch((cause: unknown) => {
        error.textContent = cause instanceof ApiError && cause.status === 401
          ? m.loginWrong
          : m.loginFailed(cause instanceof Error ? cause.message : String(cause));
        error.hidden = false;
      })
      .finally(() => { submit.disabled = false; });
  });
  queueMicrotask(() => element.querySelector<HTMLInputElement>('input[name="username"]')?.focus());
  return { element, destroy() { element.remove(); } };
}
