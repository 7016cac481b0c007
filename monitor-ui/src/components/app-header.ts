/** The bar on every page: the product, the views, the live status, who is logged in, logout. */
import type { LiveStatus, Session } from '../data/index.js';
import { createElement, type Component } from './component.js';

export interface AppHeaderData {
  session: Session;
  /** The current hash route, to mark the active view. */
  route: string;
  live: LiveStatus;
}

export interface AppHeaderOptions {
  onLogout: () => void;
}

const LINKS = [
  { href: '#/alerts', label: 'Alert stream', testId: 'nav-alerts' },
  { href: '#/queue', label: 'My queue', testId: 'nav-queue' },
  { href: '#/reports', label: 'Quarterly reports', testId: 'nav-reports' },
];
const LIVE_LABELS: Record<LiveStatus, string> = {
  connecting: 'Connecting…', live: 'Live', offline: 'Reconnecting…', refused: 'Live feed refused',
};

export function createAppHeader(initial: AppHeaderData, options: Readonly<AppHeaderOptions>): Component<AppHeaderData> {
  const element = createElement('header', 'app-header');
  const brand = createElement('div', 'brand');
  brand.innerHTML = '<span class="brand-mark" aria-hidden="true"></span><span class="brand-name">Joint Supervision</span><span class="brand-sub">Monitoring</span>';
  const nav = createElement('nav', 'app-nav');
  const links = LINKS.map((l) => {
    const a = createElement('a', undefined, l.testId);
    a.href = l.href;
    a.textContent = l.label;
    nav.append(a);
    return a;
  });
  const live = createElement('span', 'live-indicator', 'live-status');
  const who = createElement('div', 'who');
  const department = createElement('span', 'who-department', 'session-department');
  const role = createElement('span', 'who-role', 'session-role');
  const user = createElement('span', 'who-user', 'session-user');
  const logout = createElement('button', 'button ghost', 'logout');
  logout.type = 'button';
  logout.textContent = 'Log out';
  logout.addEventListener('click', () => { options.onLogout(); });
  who.append(department, role, user, logout);
  element.append(brand, nav, live, who);

  function render(data: AppHeaderData): void {
    for (const [i, a] of links.entries()) {
      const active = data.route.startsWith(LINKS[i]!.href.slice(1)) ||
        (LINKS[i]!.href === '#/alerts' && data.route.startsWith('/cases'));
      a.classList.toggle('is-active', active);
    }
    live.textContent = LIVE_LABELS[data.live];
    live.dataset.state = data.live;
    department.textContent = data.session.department;
    role.textContent = data.session.role;
    user.textContent = data.session.username;
  }

  render(initial);
  return { element, update: render, destroy() { element.remove(); } };
}
