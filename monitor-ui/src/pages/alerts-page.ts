/**
 * `#/alerts`: the department's live alert stream, with counters and the time series by typology.
 * Everything redraws from the session's alert register (one change per animation frame) and
 * the aggregated timeline, never from the raw event stream.
 */
import { createAlertStream, createTypologyChart, createTypologyCounters, typologyLabel, STATUS_LABELS, SEVERITY_LABELS } from '../components/index.js';
import { RANGES, TypologyTimeline, type Alert, type TimelineRange } from '../data/index.js';
import { pageHeading, panel, type AppContext, type Page } from './page.js';

interface Filters { typology: string; status: string; severity: string }

const SLIDE_WINDOW_MS = 30_000;
/** Counters and chart redraw at most this often; the list itself follows every frame. */
const OVERVIEW_REDRAW_MS = 500;

function select(name: string, label: string, values: [string, string][]): HTMLSelectElement {
  const el = document.createElement('select');
  el.name = name;
  el.dataset.testid = `filter-${name}`;
  el.setAttribute('aria-label', label);
  for (const [value, text] of [['', `All ${label.toLowerCase()}`], ...values]) el.add(new Option(text, value));
  return el;
}

export function createAlertsPage(ctx: AppContext): Page {
  const element = document.createElement('div');
  element.className = 'page alerts-page';
  // Auditors read every department's alerts; everyone else sees what was routed to theirs.
  const scope = ctx.session.role === 'auditor' ? 'all departments' : ctx.session.department;
  const heading = pageHeading(`Alert stream · ${ctx.session.role === 'auditor' ? `${ctx.session.department} audit` : ctx.session.department}`, 'Loading the backlog…');
  heading.subtitle.dataset.testid = 'alert-stream-summary';

  let timeline = new TypologyTimeline('day');
  const counters = createTypologyCounters({ totals: [], rangeLabel: RANGES.day.label });
  const chart = createTypologyChart({ series: [], bucket: RANGES.day.bucket });
  const overview = panel('Alerts by typology', 'alert-overview');
  const rangeButtons = (Object.keys(RANGES) as TimelineRange[]).map((range) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'toggle';
    b.dataset.testid = `range-${range}`;
    b.textContent = RANGES[range].label;
    b.addEventListener('click', () => { void loadTimeline(range); });
    overview.actions.append(b);
    return b;
  });
  overview.body.classList.add('overview-body');
  overview.body.append(counters.element, chart.element);

  const streamPanel = panel('Live alerts, newest first', 'alert-stream-panel');
  const filters: Filters = { typology: '', status: '', severity: '' };
  const selects = [
    select('typology', 'Typologies', ['credit_to_real_estate', 'credit_to_securities', 'structuring', 'cycle', 'rapid_pass_through', 'fan_in', 'fan_out', 'cross_border_split'].map((t) => [t, typologyLabel(t)])),
    select('status', 'Statuses', Object.entries(STATUS_LABELS)),
    select('severity', 'Severities', Object.entries(SEVERITY_LABELS)),
  ];
  for (const s of selects) {
    s.addEventListener('change', () => { filters[s.name as keyof Filters] = s.value; refreshStream(); });
    streamPanel.actions.append(s);
  }
  const stream = createAlertStream({ alerts: [], caseOf: (a) => ctx.register.caseOf(a) }, {
    onOpen: (alert) => { ctx.navigate(`#/cases/${encodeURIComponent(alert.caseId)}`); },
  });
  streamPanel.element.classList.add('stream-panel');
  streamPanel.body.append(stream.element);
  element.append(heading.element, overview.element, streamPanel.element);

  const matches = (a: Alert): boolean =>
    (!filters.typology || a.typology === filters.typology) && (!filters.status || a.status === filters.status) &&
    (!filters.severity || a.severity === filters.severity);

  function refreshStream(): void {
    const all = ctx.register.ordered;
    const filtering = filters.typology || filters.status || filters.severity;
    const shown = filtering ? all.filter(matches) : all;
    stream.update({ alerts: shown, caseOf: (a) => ctx.register.caseOf(a) });
    heading.subtitle.textContent = `${all.length.toLocaleString('en-US')} alerts routed to ${scope}` +
      (filtering ? ` · ${shown.length.toLocaleString('en-US')} match the filters` : '') + ' · updates arrive live';
  }

  function refreshTimeline(): void {
    counters.update({ totals: timeline.totals(), rangeLabel: RANGES[timeline.range].label });
    chart.update({ series: timeline.series(), bucket: RANGES[timeline.range].bucket });
  }

  let timelineRequest = 0;
  async function loadTimeline(range: TimelineRange): Promise<void> {
    const request = ++timelineRequest;
    for (const [i, b] of rangeButtons.entries()) b.classList.toggle('is-active', Object.keys(RANGES)[i] === range);
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
      timelineRequest++;
      stream.destroy();
      chart.destroy();
      counters.destroy();
      element.remove();
    },
  };
}
