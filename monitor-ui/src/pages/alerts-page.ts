/**
 * `#/alerts`: the department's live alert stream, with counters and the time series by typology.
 * Everything redraws from the session's alert register (one change per animation frame) and
 * the aggregated timeline, never from the raw event stream. Search, filters and the order are
 * kept in the URL (`#/alerts?q=…`), and the same selection downloads as CSV.
 */
import { createAlertStream, createDecisionLegend, createTypologyChart, createTypologyCounters, TYPOLOGY_CATALOGUE } from '../components/index.js';
import {
  isFiltering, matchesView, parseAlertView, RANGES, sortAlerts, TypologyTimeline, writeAlertView,
  type AlertView, type TimelineRange,
} from '../data/index.js';
import { pageHeading, panel, type AppContext, type Page } from './page.js';

const SLIDE_WINDOW_MS = 30_000;
/** Counters and chart redraw at most this often; the list itself follows every frame. */
const OVERVIEW_REDRAW_MS = 500;
const SEARCH_DEBOUNCE_MS = 200;

function filterSelect(name: string, label: string, all: string, values: [string, string][], current: string): HTMLSelectElement {
  const el = document.createElement('select');
  el.name = name;
  el.dataset.testid = `filter-${name}`;
  el.setAttribute('aria-label', label);
  for (const [value, text] of [['', all], ...values]) el.add(new Option(text, value));
  el.value = current;
  return el;
}

export function createAlertsPage(ctx: AppContext, search: string): Page {
  const { i18n } = ctx;
  const { m } = i18n;
  const element = document.createElement('div');
  element.className = 'page alerts-page';
  // Auditors read every department's alerts; everyone else sees what was routed to theirs.
  const scope = ctx.session.role === 'auditor' ? m.allDepartments : ctx.session.department;
  const heading = pageHeading(m.alertsHeading(ctx.session.role === 'auditor' ? m.auditScope(ctx.session.department) : ctx.session.department), m.loadingBacklog);
  heading.subtitle.dataset.testid = 'alert-stream-summary';
  const rangeLabels: Record<TimelineRange, string> = { hour: m.rangeHour, day: m.rangeDay, quarter: m.rangeQuarter };

  let timeline = new TypologyTimeline('day');
  const counters = createTypologyCounters({ totals: [], rangeLabel: rangeLabels.day }, i18n);
  const chart = createTypologyChart({ series: [], bucket: RANGES.day.bucket }, { i18n });
  const overview = panel(m.overviewTitle, 'alert-overview');
  const rangeButtons = (Object.keys(RANGES) as TimelineRange[]).map((range) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'toggle';
    b.dataset.testid = `range-${range}`;
    b.textContent = rangeLabels[range];
    b.addEventListener('click', () => { void loadTimeline(range); });
    overview.actions.append(b);
    return b;
  });
  overview.body.classList.add('overview-body');
  overview.body.append(counters.element, chart.element);

  const streamPanel = panel(m.streamTitle, 'alert-stream-panel');
  let view: AlertView = parseAlertView(search);
  const searchBox = document.createElement('input');
  searchBox.type = 'search';
  searchBox.dataset.testid = 'alert-search';
  searchBox.placeholder = m.searchPlaceholder;
  searchBox.setAttribute('aria-label', m.searchLabel);
  searchBox.value = view.q;
  const selects = [
    filterSelect('typology', m.filterTypology, m.filterAllTypologies, TYPOLOGY_CATALOGUE.map((t) => [t, i18n.typology(t)]), view.typology),
    filterSelect('status', m.filterStatus, m.filterAllStatuses, ['open', 'confirmed', 'dismissed', 'escalated'].map((s) => [s, i18n.status(s)]), view.status),
    filterSelect('severity', m.filterSeverity, m.filterAllSeverities, ['critical', 'high', 'medium', 'low'].map((s) => [s, i18n.severity(s)]), view.severity),
  ];
  const exportLink = document.createElement('a');
  exportLink.className = 'button small';
  exportLink.dataset.testid = 'export-alerts';
  exportLink.textContent = m.exportCsv;
  exportLink.setAttribute('download', '');
  const filters = document.createElement('div');
  filters.className = 'stream-filters';
  filters.append(searchBox, ...selects, exportLink);
  const applyView = (next: AlertView): void => {
    view = next;
    const query = writeAlertView(view);
    history.replaceState(null, '', `#/alerts${query ? `?${query}` : ''}`);
    refreshStream();
  };
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  searchBox.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { applyView({ ...view, q: searchBox.value.trim() }); }, SEARCH_DEBOUNCE_MS);
  });
  for (const s of selects) s.addEventListener('change', () => { applyView({ ...view, [s.name]: s.value }); });
  const stream = createAlertStream({ alerts: [], caseOf: (a) => ctx.register.caseOf(a), sort: view.sort }, {
    i18n, sort: view.sort,
    onOpen: (alert) => { ctx.navigate(`#/cases/${encodeURIComponent(alert.caseId)}`); },
    onSort: (sort) => { applyView({ ...view, sort }); },
  });
  streamPanel.element.classList.add('stream-panel');
  streamPanel.body.append(filters, createDecisionLegend(i18n).element, stream.element);
  element.append(heading.element, overview.element, streamPanel.element);

  function refreshStream(): void {
    const all = ctx.register.ordered;
    const filtering = isFiltering(view);
    const matching = filtering ? all.filter((a) => matchesView(a, view)) : all;
    const shown = view.sort.key === 'raised' && view.sort.descending ? matching : sortAlerts(matching, view.sort);
    stream.update({ alerts: shown, caseOf: (a) => ctx.register.caseOf(a), sort: view.sort });
    heading.subtitle.textContent = filtering
      ? m.alertsSummaryFiltered(i18n.count(all.length), scope, i18n.count(shown.length))
      : m.alertsSummary(i18n.count(all.length), scope);
    exportLink.href = ctx.api.exportUrl('alerts', { typology: view.typology, status: view.status, severity: view.severity, q: view.q });
  }

  function refreshTimeline(): void {
    counters.update({ totals: timeline.totals(), rangeLabel: rangeLabels[timeline.range] });
    chart.update({ series: timeline.series(), bucket: RANGES[timeline.range].bucket });
  }

  let timelineRequest = 0;
  async function loadTimeline(range: TimelineRange): Promise<void> {
    const request = ++timelineRequest;
    for (const [i, b] of rangeButtons.entries()) {
      const active = Object.keys(RANGES)[i] === range;
      b.classList.toggle('is-active', active);
      b.setAttribute('aria-pressed', String(active));
    }
    const next = new TypologyTimeline(range);
    const { from, to } = next.window();
    try {
      next.loadStats(await ctx.api.alertStats(RANGES[range].bucket, from.toISOString(), to.toISOString()), to.getTime());
    } catch {
      // Without the statistics route, count what the register holds (the backlog it loaded).
      await ctx.backlogLoaded;
      next.loadAlerts(ctx.register.ordered);
    }
    if (request !== timelineRequest) return;
    timeline = next;
    refreshTimeline();
  }

  let overviewTimer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = ctx.register.subscribe((change) => {
    refreshStream();
    if (change.added.length === 0) return;
    timeline.addAlerts(change.added);
    overviewTimer ??= setTimeout(() => { overviewTimer = undefined; refreshTimeline(); }, OVERVIEW_REDRAW_MS);
  });
  // The windows slide with the clock even when nothing arrives.
  const slide = setInterval(refreshTimeline, SLIDE_WINDOW_MS);
  void ctx.backlogLoaded.then(refreshStream);
  refreshStream();
  void loadTimeline('day');

  return {
    element,
    destroy() {
      unsubscribe();
      clearInterval(slide);
      clearTimeout(overviewTimer);
      clearTimeout(searchTimer);
      timelineRequest++;
      stream.destroy();
      chart.destroy();
      counters.destroy();
      element.remove();
    },
  };
}
