/**
 * The operational alert of the dashboards: a banner across the top while a detection
 * typology is behind the others because its query fails (issue 11, "no silent gaps"). It is
 * fed by `GET /api/v1/health` (`detection.lagging`: typology, since, failures, error), read
 * with the signed-in user's session cookie (health names troubles to sessions only, unless
 * SUPTECH_HEALTH_DETAILS=public), so it shows on every page of a signed-in dashboard. It
 * disappears by itself once the typology has caught up. Self-contained (its two messages live here) so
 * that the dashboard's own pages need not change for it.
 */
import { initialLocale, type Locale } from './i18n/locale.js';

/** One lagging typology as health reports it. */
export interface LaggingTypologyView { typology: string; since: string; failures: number; error: string }

/** Options of the banner. */
export interface OperationsBannerOptions {
  /** Where the banner goes (first child); defaults to `document.body`. */
  root?: HTMLElement;
  /** How often health is read; 5 s by default. */
  intervalMs?: number;
  locale?: Locale;
  /** Reads health; defaults to `fetch('/api/v1/health')`. */
  readHealth?: () => Promise<unknown>;
}

const MESSAGES: Record<Locale, { title: string; line: (l: LaggingTypologyView, since: string) => string }> = {
  'zh-CN': {
    title: '运行告警：检测未跟上',
    line: (l, since) => `${l.typology} 自 ${since} 起落后于其他类型（已失败 ${l.failures} 次，正在重试，记录不会被跳过）：${l.error}`,
  },
  en: {
    title: 'Operational alert: detection is behind',
    line: (l, since) => `${l.typology} behind the other typologies since ${since} (${l.failures} failures, retrying; no record is skipped): ${l.error}`,
  },
};

/** The lagging typologies of a health answer, validated (anything else reads as none). */
export function laggingOf(health: unknown): LaggingTypologyView[] {
  const lagging = (health as { detection?: { lagging?: unknown } } | null)?.detection?.lagging;
  if (!Array.isArray(lagging)) return [];
  return lagging.flatMap((entry: unknown) => {
    const l = entry as Partial<LaggingTypologyView> | null;
    return l && typeof l.typology === 'string'
      ? [{ typology: l.typology, since: String(l.since ?? ''), failures: Number(l.failures ?? 0), error: String(l.error ?? '').slice(0, 300) }]
      : [];
  });
}

/** Shows the banner while health reports a lagging typology; returns its disposer. */
export function startOperationsBanner(options: Readonly<OperationsBannerOptions> = {}): () => void {
  const root = options.root ?? document.body;
  const locale = options.locale ?? initialLocale();
  const messages = MESSAGES[locale];
  const readHealth = options.readHealth ?? (() => fetch('/api/v1/health').then((r) => r.json() as Promise<unknown>));
  const time = new Intl.DateTimeFormat(locale, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium' });
  const banner = document.createElement('div');
  banner.className = 'operations-banner';
  banner.setAttribute('role', 'alert');
  banner.hidden = true;
  banner.style.cssText = 'background:#b3261e;color:#fff;padding:8px 16px;font-weight:600;line-height:1.4';
  root.prepend(banner);

  const render = (lagging: readonly LaggingTypologyView[]): void => {
    banner.hidden = lagging.length === 0;
    const title = document.createElement('div');
    title.textContent = messages.title;
    const lines = lagging.map((l) => {
      const line = document.createElement('div');
      line.style.fontWeight = '400';
      const since = Number.isNaN(Date.parse(l.since)) ? l.since : `${time.format(new Date(l.since))} (UTC+8)`;
      line.textContent = messages.line(l, since);
      line.dataset.typology = l.typology;
      return line;
    });
    banner.replaceChildren(...(lagging.length > 0 ? [title, ...lines] : []));
  };
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async (): Promise<void> => {
    // A failed read leaves the banner as it was: health being unreachable is not news about detection.
    try { render(laggingOf(await readHealth())); } catch { /* next poll */ }
    if (!stopped) timer = setTimeout(() => void poll(), options.intervalMs ?? 5000);
  };
  void poll();
  return () => { stopped = true; clearTimeout(timer); banner.remove(); };
}
