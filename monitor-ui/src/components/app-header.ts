/**
 * The bar on every page: the product, the views, the live status, who is logged in, the
 * language and theme switches, logout, and the time zone every time on the page is in.
 */
import type { LiveStatus, Session } from '../data/index.js';
import type { I18n, Locale } from '../i18n/index.js';
import { createElement, type Component } from './component.js';
import { indicatorMessages } from '../i18n/indicator-messages.js';

export type Theme = 'dark' | 'light';

export interface AppHeaderData {
  session: Session;
  /** The current hash route, to mark the active view. */
  route: string;
  live: LiveStatus;
}

export interface AppHeaderOptions {
  i18n: I18n;
  theme: Theme;
  onLogout: () => void;
  onLocale: (locale: Locale) => void;
  onTheme: (theme: Theme) => void;
}

/** A two-way switch of small buttons (`aria-pressed`), shared by language and theme. */
export function createSwitch<V extends string>(
  label: string, testId: string, choices: readonly { value: V; text: string; lang?: string }[], current: V, onChoose: (v: V) => void,
): HTMLElement {
  const group = createElement('div', 'switch', testId);
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', label);
  for (const choice of choices) {
    const b = createElement('button', 'switch-option', `${testId}-${choice.value}`);
    b.type = 'button';
    b.textContent = choice.text;
    if (choice.lang) b.lang = choice.lang;
    b.setAttribute('aria-pressed', String(choice.value === current));
    b.addEventListener('click', () => { if (choice.value !== current) onChoose(choice.value); });
    group.append(b);
  }
  return group;
}

export function createAppHeader(initial: AppHeaderData, options: Readonly<AppHeaderOptions>): Component<AppHeaderData> {
  const { m } = options.i18n;
  const element = createElement('header', 'app-header');
  const brand = createElement('div', 'brand');
  const mark = createElement('span', 'brand-mark');
  mark.setAttribute('aria-hidden', 'true');
  const name = createElement('span', 'brand-name');
  name.textContent = m.brandName;
  const sub = createElement('span', 'brand-sub');
  sub.textContent = m.brandSub;
  brand.append(mark, name, sub);
  const links = [
    { href: '#/alerts', label: m.navAlerts, testId: 'nav-alerts' },
    { href: '#/queue', label: m.navQueue, testId: 'nav-queue' },
    { href: '#/reports', label: m.navReports, testId: 'nav-reports' },
    { href: '#/indicators', label: indicatorMessages(options.i18n.locale).navIndicators, testId: 'nav-indicators' },
  ];
  const nav = createElement('nav', 'app-nav');
  const anchors = links.map((l) => {
    const a = createElement('a', undefined, l.testId);
    a.href = l.href;
    a.textContent = l.label;
    nav.append(a);
    return a;
  });
  const live = createElement('span', 'live-indicator', 'live-status');
  live.setAttribute('role', 'status');
  const zone = createElement('span', 'zone-note', 'time-zone');
  zone.textContent = m.timeZoneNote(options.i18n.zoneName, options.i18n.zoneLabel);
  zone.title = m.timeZoneTitle(options.i18n.timeZone);
  const language = createSwitch(m.languageLabel, 'language-switch', [
    { value: 'zh-CN' as Locale, text: '中文', lang: 'zh-CN' }, { value: 'en' as Locale, text: 'EN', lang: 'en' },
  ], options.i18n.locale, options.onLocale);
  const theme = createSwitch(m.themeLabel, 'theme-switch', [
    { value: 'dark' as Theme, text: m.themeDark }, { value: 'light' as Theme, text: m.themeLight },
  ], options.theme, options.onTheme);
  const who = createElement('div', 'who');
  const department = createElement('span', 'who-department', 'session-department');
  const role = createElement('span', 'who-role', 'session-role');
  const user = createElement('span', 'who-user', 'session-user');
  const logout = createElement('button', 'button ghost', 'logout');
  logout.type = 'button';
  logout.textContent = m.logout;
  logout.addEventListener('click', () => { options.onLogout(); });
  who.append(department, role, user, logout);
  const tools = createElement('div', 'header-tools');
  tools.append(live, zone, language, theme);
  element.append(brand, nav, tools, who);

  function render(data: AppHeaderData): void {
    for (const [i, a] of anchors.entries()) {
      const href = links[i]!.href;
      const active = data.route.startsWith(href.slice(1)) || (href === '#/alerts' && data.route.startsWith('/cases'));
      a.classList.toggle('is-active', active);
      if (active) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    }
    const liveLabels: Record<LiveStatus, string> = {
      connecting: m.liveConnecting, live: m.liveLive, offline: m.liveOffline, refused: m.liveRefused,
    };
    live.textContent = liveLabels[data.live];
    live.dataset.state = data.live;
    department.textContent = data.session.department;
    department.title = options.i18n.department(data.session.department);
    role.textContent = options.i18n.role(data.session.role);
    role.dataset.role = data.session.role;
    user.textContent = data.session.username;
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
