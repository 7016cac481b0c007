/**
 * The composition root of the dashboard: owns the session, the one live feed and the alert
 * register, and swaps pages on hash changes (`#/login`, `#/alerts`, `#/queue`, `#/cases/<id>`,
 * `#/reports`). Pages get everything through `AppContext`; nothing is a module singleton.
 */
import { createAppHeader, type Component, type AppHeaderData } from './components/index.js';
import {
  AlertRegister, clearSession, connectLiveFeed, createMonitorApi, loadSession, saveSession, type Session,
} from './data/index.js';
import {
  createAlertsPage, createCasePage, createLoginPage, createQueuePage, createReportsPage, type AppContext, type Page,
} from './pages/index.js';

export interface MonitorAppOptions {
  root: HTMLElement;
  /** Gateway origin; '' for the page's own. */
  baseUrl?: string;
}

const BACKLOG_LIMIT = 10_000;

interface Running {
  ctx: AppContext;
  header: Component<AppHeaderData>;
  disposeStatus: () => void;
}

export function startMonitorApp(options: Readonly<MonitorAppOptions>): void {
  const baseUrl = options.baseUrl ?? '';
  let session: Session | undefined = loadSession();
  let running: Running | undefined;
  let page: Page | undefined;
  let loginMessage: string | undefined;
  /** A deep link (e.g. a case) opened before signing in, to return to afterwards. */
  let afterLogin: string | undefined;
  const api = createMonitorApi({ baseUrl, getToken: () => session?.token, onUnauthorized: () => { logout('Your session has expired. Sign in again.'); } });
  const main = document.createElement('main');
  main.className = 'app-main';

  function begin(next: Session): void {
    session = next;
    const feed = connectLiveFeed({ token: next.token, url: baseUrl });
    const register = new AlertRegister({ feed });
    const backlogLoaded = api.listAlerts({ limit: BACKLOG_LIMIT })
      .then((alerts) => { register.loadBacklog(alerts); })
      .catch((error: unknown) => { console.error('The alert backlog could not be loaded', error); });
    // Backlog alerts carry no opinions; the queue's case views tell the rows awaiting us who has decided.
    void backlogLoaded.then(() => api.myQueue()).then((cases) => { register.noteCases(cases); }, () => undefined);
    const ctx: AppContext = { session: next, api, feed, register, backlogLoaded, navigate: (hash) => { location.hash = hash; } };
    const header = createAppHeader({ session: next, route: currentRoute(), live: feed.status }, { onLogout: () => { logout(); } });
    const disposeStatus = feed.onStatus((live) => { header.update({ session: next, route: currentRoute(), live }); });
    running = { ctx, header, disposeStatus };
    options.root.replaceChildren(header.element, main);
  }

  function logout(message?: string): void {
    // A user's own logout ends the session on the gateway too; an expired one is already gone.
    if (!message && session) void api.logout().catch(() => undefined);
    if (running) {
      running.disposeStatus();
      running.ctx.register.dispose();
      running.ctx.feed.close();
      running.header.destroy();
      running = undefined;
    }
    session = undefined;
    loginMessage = message;
    clearSession();
    if (location.hash === '#/login') route(); else location.hash = '#/login';
  }

  function currentRoute(): string {
    return location.hash.replace(/^#/, '') || '/alerts';
  }

  function route(): void {
    page?.destroy();
    page = undefined;
    const path = currentRoute();
    if (!session || path === '/login') {
      if (session && path === '/login') { location.hash = '#/alerts'; return; }
      const login = createLoginPage({
        api, message: loginMessage,
        onLoggedIn: (next) => {
          saveSession(next);
          loginMessage = undefined;
          begin(next);
          location.hash = afterLogin ?? '#/alerts';
          afterLogin = undefined;
        },
      });
      options.root.replaceChildren(login.element);
      page = login;
      if (path !== '/login') {
        afterLogin = `#${path}`;
        history.replaceState(null, '', '#/login');
      }
      return;
    }
    if (!running) begin(session);
    const { ctx, header } = running!;
    header.update({ session: ctx.session, route: path, live: ctx.feed.status });
    const caseMatch = /^\/cases\/(.+)$/.exec(path);
    if (caseMatch) page = createCasePage(ctx, decodeURIComponent(caseMatch[1]!));
    else if (path === '/queue') page = createQueuePage(ctx);
    else if (path === '/reports') page = createReportsPage(ctx);
    else {
      if (path !== '/alerts') history.replaceState(null, '', '#/alerts');
      page = createAlertsPage(ctx);
    }
    main.replaceChildren(page.element);
    document.title = `${ctx.session.department} · Joint Supervision`;
  }

  window.addEventListener('hashchange', route);
  route();
}
