/** `#/login`: a department user signs in with the credentials the platform generated. */
import { ApiError, type MonitorApi, type Session } from '../data/index.js';
import type { Page } from './page.js';

export interface LoginPageOptions {
  api: MonitorApi;
  onLoggedIn: (session: Session) => void;
  /** Shown above the form, e.g. after a session expired. */
  message?: string;
}

export function createLoginPage(options: Readonly<LoginPageOptions>): Page {
  const element = document.createElement('div');
  element.className = 'login-page';
  element.innerHTML = `
    <form class="login-card" data-testid="login-form" novalidate>
      <div class="login-brand"><span class="brand-mark" aria-hidden="true"></span>
        <div><div class="login-title">Joint Supervision Platform</div>
        <div class="login-sub">PBOC · NFRA · SAMR · CAC · SAFE — department sign-in</div></div></div>
      <p class="notice notice-info" data-testid="login-message" hidden></p>
      <label>Username<input name="username" autocomplete="username" required data-testid="login-username"></label>
      <label>Password<input name="password" type="password" autocomplete="current-password" required data-testid="login-password"></label>
      <p class="form-feedback is-error" role="alert" data-testid="login-error" hidden></p>
      <button class="button primary" type="submit" data-testid="login-submit">Sign in</button>
      <p class="login-foot">Credentials are issued per department and role; see <code>data/credentials.json</code> on the platform host.</p>
    </form>`;
  const form = element.querySelector('form')!;
  const message = element.querySelector<HTMLElement>('[data-testid="login-message"]')!;
  const error = element.querySelector<HTMLElement>('[data-testid="login-error"]')!;
  const submit = element.querySelector<HTMLButtonElement>('[data-testid="login-submit"]')!;
  if (options.message) { message.textContent = options.message; message.hidden = false; }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const fields = new FormData(form);
    const username = String(fields.get('username') ?? '').trim();
    const password = String(fields.get('password') ?? '');
    if (!username || !password) { error.textContent = 'Enter your username and password.'; error.hidden = false; return; }
    submit.disabled = true;
    error.hidden = true;
    options.api.login(username, password)
      .then(options.onLoggedIn)
      .catch((cause: unknown) => {
        error.textContent = cause instanceof ApiError && cause.status === 401
          ? 'Wrong username or password.'
          : `Sign-in failed: ${cause instanceof Error ? cause.message : String(cause)}`;
        error.hidden = false;
      })
      .finally(() => { submit.disabled = false; });
  });
  queueMicrotask(() => element.querySelector<HTMLInputElement>('input[name="username"]')?.focus());
  return { element, destroy() { element.remove(); } };
}
