/**
 * The composition root of the dashboard: owns the session, the one live feed, the alert
 * register, the language and theme, and swaps pages on hash changes (`#/login`, `#/alerts`,
 * `#/queue`, `#/cases/<id>`, `#/reports`). Pages get everything through `AppContext`; nothing
 * is a module singleton. Switching the language rebuilds the header and the page in place:
 * the session, the socket and the register stay.
 */
import { createAppHeader, createSwitch, type Component, type AppHeaderData, type Theme } from './components/index.js';
import {
  AlertRegister, clearSession, connectLiveFeed, createMonitorApi, loadSession, saveSession, type Session,
} from './data/index.js';
import { createI18n, DEFAULT_TIME_ZONE, initialLocale, storeLocale, type I18n, type Locale } from './i18n/index.js';
import {
  createAlertsPage, createCasePage, createLoginPage, createQueuePage, createReportsPage, type AppContext, type Page,
} from './pages/index.js';
import { createIndicatorsPage } from './pages/indicators-page.js';

export interface MonitorAppOptions {
  root: HTMLElement;
  /** Gateway origin; '' for the page's own. */
  baseUrl?: string;
}

const BACKLOG_LIMIT = 10_000;
const THEME_KEY = 'suptech.theme';

interface Running {
  ctx: AppContext;
  header: Component<AppHeaderData>;
  disposeStatus: () => void;
}

/** The zone the gateway serves the dashboards in (`<meta name="suptech-time-zone">`), else China Standard Time. */
function configuredTimeZone(): string {
  const zone = document.querySelector<HTMLMetaElement>('meta[name="suptech-time-zone"]')?.content;
  try {
    if (zone) { new Intl.DateTimeFormat('en-US', { timeZone: zone }); return zone; }
  } catch { /* an unknown zone falls back to the default */ }
  return DEFAULT_TIME_ZONE;
}

function initialTheme(): Theme {
  const stored = localStorage.getItem(THEME_KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export function startMonitorApp(options: Readonly<MonitorAppOptions>): void {
  const baseUrl = options.baseUrl ?? '';
  const timeZone = configuredTimeZone();
  let i18n: I18n = createI18n({ locale: initialLocale(), timeZone });
  let theme: Theme = initialTheme();
  const stored = loadSession();
  let session: Session | undefined = stored === 'expired' ? undefined : stored;
  let running: Running | undefined;
  let page: Page | undefined;
  // A stale session says so, rather than returning to the sign-in page without a word.
  let loginMessage: string | undefined = stored === 'expired' ? i18n.m.sessionExpired : undefined;
  /** A deep link (e.g. a case) opened before signing in, to return to afterwards. */
  let afterLogin: string | undefined;
  const api = createMonitorApi({ baseUrl, getToken: () => session?.token, onUnauthorized: () => { logout(i18n.m.sessionExpired); } });
  const main = document.createElement('main');
  main.className = 'app-main';

  function applyDocumentLanguage(): void {
    document.documentElement.lang = i18n.locale;
    document.documentElement.dataset.theme = theme;
    document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', theme);
  }

  function setLocale(locale: Locale): void {
    storeLocale(locale);
    i18n = createI18n({ locale, timeZone });
    applyDocumentLanguage();
    if (running) {
      running.ctx.i18n = i18n;
      const header = makeHeader(running.ctx.session, running.ctx.feed.status);
      running.header.element.replaceWith(header.element);
      running.header.destroy();
      running.header = header;
    }
    route();
  }

  function setTheme(next: Theme): void {
    theme = next;
    localStorage.setItem(THEME_KEY, next);
    applyDocumentLanguage();
    if (running) {
      const header = makeHeader(running.ctx.session, running.ctx.feed.status);
      running.header.element.replaceWith(header.element);
      running.header.destroy();
      running.header = header;
    }
  }

  function makeHeader(s: Session, live: AppHeaderData['live']): Component<AppHeaderData> {
    return createAppHeader({ session: s, route: currentRoute().path, live }, {
      i18n, theme, onLogout: () => { logout(); }, onLocale: setLocale, onTheme: setTheme,
    });
  }

  function begin(next: Session): void {
    session = next;
    const feed = connectLiveFeed({ token: next.token, url: baseUrl });
    const register = new AlertRegister({ feed });
    const backlogLoaded = api.listAlerts({ limit: BACKLOG_LIMIT })
      .then((alerts) => { register.loadBacklog(alerts); })
      .catch((error: unknown) => { console.error('The alert backlog could not be loaded', error); });
    // Backlog alerts carry no opinions; the queue's case views tell the rows awaiting us who has decided.
    void backlogLoaded.then(() => api.myQueue()).then((cases) => { register.noteCases(cases); }, () => undefined);
    const ctx: AppContext = { session: next, i18n, api, feed, register, backlogLoaded, navigate: (hash) => { location.hash = hash; } };
    const header = makeHeader(next, feed.status);
    const disposeStatus = feed.onStatus((live) => {
      running?.header.update({ session: next, route: currentRoute().path, live });
      // A refused handshake usually means the gateway no longer knows the token: ask, and a 401 logs out with the reason.
      if (live === 'refused') void api.checkSession().catch(() => undefined);
    });
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

  /** The hash route split into its path and its query (`#/alerts?q=…`). */
  function currentRoute(): { path: string; search: string } {
    const hash = location.hash.replace(/^#/, '') || '/alerts';
    const at = hash.indexOf('?');
    return at < 0 ? { path: hash, search: '' } : { path: hash.slice(0, at), search: hash.slice(at + 1) };
  }

  function route(): void {
    page?.destroy();
    page = undefined;
    const { path, search } = currentRoute();
    if (!session || path === '/login') {
      if (session && path === '/login') { location.hash = '#/alerts'; return; }
      const languageSwitch = createSwitch(i18n.m.languageLabel, 'language-switch', [
        { value: 'zh-CN' as Locale, text: '中文', lang: 'zh-CN' }, { value: 'en' as Locale, text: 'EN', lang: 'en' },
      ], i18n.locale, setLocale);
      const login = createLoginPage({
        api, i18n, languageSwitch, message: loginMessage,
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
      document.title = i18n.m.loginTitle;
      if (path !== '/login') {
        afterLogin = `#${path}${search ? `?${search}` : ''}`;
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
    else if (path === '/indicators') page = createIndicatorsPage(ctx, search);
    else {
      if (path !== '/alerts') history.replaceState(null, '', '#/alerts');
      page = createAlertsPage(ctx, path === '/alerts' ? search : '');
    }
    main.replaceChildren(page.element);
    document.title = i18n.m.appTitle(ctx.session.department);
  }

  applyDocumentLanguage();
  window.addEventListener('hashchange', route);
  route();
}
