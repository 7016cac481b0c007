/**
 * `#/indicators?quarter=2026Q3&granularity=quarter`: the cross-domain risk indicators routed
 * to the department — per indicator, a table by institution (value, threshold, trend, breach,
 * its joint review and the alerts behind it) and a d3 chart of each institution's history
 * against the threshold. Quarter and period are kept in the URL.
 */
import { createIndicatorChart, type IndicatorChartOptions } from '../components/indicator-chart.js';
import { createIndicatorTable } from '../components/indicator-table.js';
import type { Component } from '../components/component.js';
import { fetchIndicators, type IndicatorValue } from '../data/indicator-source.js';
import { indicatorMessages } from '../i18n/indicator-messages.js';
import { notice, pageHeading, panel, type AppContext, type Page } from './page.js';

const GRANULARITIES = ['quarter', 'month', 'week'] as const;
type Granularity = (typeof GRANULARITIES)[number];

/** The running quarter (China Standard Time) and the four before it. */
function recentQuarters(now: Date): string[] {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  let [year, q] = [local.getUTCFullYear(), Math.floor(local.getUTCMonth() / 3) + 1];
  const out: string[] = [];
  for (let i = 0; i < 5; i++) {
    out.push(`${year}Q${q}`);
    [year, q] = q === 1 ? [year - 1, 4] : [year, q - 1];
  }
  return out;
}

function select<T extends string>(label: string, testId: string, values: readonly T[], text: (v: T) => string, current: T, onChange: (v: T) => void): HTMLElement {
  const wrap = document.createElement('label');
  wrap.className = 'indicator-control';
  wrap.append(`${label} `);
  const element = document.createElement('select');
  element.dataset.testid = testId;
  for (const v of values) element.append(new Option(text(v), v, v === current, v === current));
  element.addEventListener('change', () => { onChange(element.value as T); });
  wrap.append(element);
  return wrap;
}

export function createIndicatorsPage(ctx: AppContext, search: string): Page {
  const m = indicatorMessages(ctx.i18n.locale);
  const params = new URLSearchParams(search);
  const quarters = recentQuarters(new Date());
  const quarter = params.get('quarter') && /^\d{4}Q[1-4]$/.test(params.get('quarter')!) ? params.get('quarter')! : quarters[0]!;
  if (!quarters.includes(quarter)) quarters.unshift(quarter);
  const granularity = (GRANULARITIES as readonly string[]).includes(params.get('granularity') ?? '') ? params.get('granularity') as Granularity : 'quarter';
  const go = (q: string, g: Granularity): void => { ctx.navigate(`#/indicators?quarter=${q}&granularity=${g}`); };

  const element = document.createElement('div');
  element.className = 'page indicators-page';
  element.dataset.testid = 'indicators-page';
  const heading = pageHeading(m.heading, m.loading);
  const controls = document.createElement('div');
  controls.className = 'indicator-controls';
  // Through the CSSOM (allowed by the content security policy), so the shared stylesheet needs no rule.
  Object.assign(controls.style, { display: 'flex', gap: '20px', margin: '0 0 12px' });
  controls.append(
    select(m.quarterLabel, 'indicator-quarter', quarters, (q) => q, quarter, (q) => { go(q, granularity); }),
    select(m.granularityLabel, 'indicator-granularity', GRANULARITIES, (g) => m.granularity[g], granularity, (g) => { go(quarter, g); }),
  );
  const content = document.createElement('div');
  content.append(notice(m.loading, 'info', 'indicators-loading'));
  element.append(heading.element, controls, content);
  const components: Component<never>[] = [];
  let destroyed = false;

  const format = (v: IndicatorValue, x: number | null): string => {
    if (x === null) return '—';
    if (v.unit === 'share' || v.unit === 'growth') return `${(x * 100).toFixed(1)}%`;
    if (v.unit === 'index') return x.toFixed(3);
    return ctx.i18n.amountCompact(x);
  };

  function indicatorPanel(id: string, values: IndicatorValue[]): HTMLElement {
    const name = m.indicatorNames[id] ?? id;
    const p = panel(name, `indicator-panel-${id}`);
    const departments = [...new Set(values.flatMap((v) => v.departments))].join(', ');
    p.body.append(notice(m.departmentsLine(departments), 'info'));
    const table = createIndicatorTable(values, { m, format, caseHref: (caseId) => `#/cases/${encodeURIComponent(caseId)}` });
    components.push(table as Component<never>);
    const charts = document.createElement('div');
    charts.className = 'indicator-charts';
    // One chart per institution (and corridor): the history of its latest period in the quarter.
    const latest = new Map<string, IndicatorValue>();
    for (const v of values) latest.set(`${v.institution}/${v.segment ?? ''}`, v);
    for (const v of latest.values()) {
      const subject = v.segment ? `${v.institution} · ${v.segment}` : v.institution;
      const chartOptions: IndicatorChartOptions = { label: m.chartLabel(name, subject), thresholdLabel: m.chartThreshold, format: (x) => format(v, x) };
      const chart = createIndicatorChart({ history: v.history, threshold: v.threshold }, chartOptions);
      chart.element.dataset.institution = v.institution;
      const figure = document.createElement('figure');
      const caption = document.createElement('figcaption');
      caption.textContent = subject;
      figure.append(caption, chart.element);
      charts.append(figure);
      components.push(chart as Component<never>);
    }
    p.body.append(table.element, charts);
    return p.element;
  }

  void fetchIndicators(ctx.session.token, quarter).then((listing) => {
    if (destroyed) return;
    const shown = listing.indicators.filter((v) => v.granularity === granularity);
    heading.subtitle.textContent = m.subtitle(quarter, shown.length, shown.filter((v) => v.breached).length);
    if (shown.length === 0) { content.replaceChildren(notice(m.empty, 'info', 'indicators-empty')); return; }
    const byIndicator = new Map<string, IndicatorValue[]>();
    for (const v of shown) byIndicator.set(v.indicator, [...(byIndicator.get(v.indicator) ?? []), v]);
    content.replaceChildren(...[...byIndicator].map(([id, values]) => indicatorPanel(id, values)));
  }).catch((error: unknown) => {
    if (destroyed) return;
    heading.subtitle.textContent = '';
    content.replaceChildren(notice(m.failed(error instanceof Error ? error.message : String(error)), 'error', 'indicators-error'));
  });

  return {
    element,
    destroy() {
      destroyed = true;
      for (const c of components) c.destroy();
      element.remove();
    },
  };
}
