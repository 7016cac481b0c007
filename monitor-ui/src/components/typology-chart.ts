/**
 * Alerts over time by typology, as stacked bars per bucket. Drawn from the aggregated timeline
 * (never from the alert list), layers keyed by typology and bars by bucket time.
 */
import { axisBottom, axisLeft, max, range as d3range, scaleBand, scaleLinear, select, stack } from 'd3';
import type { TimelineSeries } from '../data/index.js';
import { createElement, type Component } from './component.js';
import type { I18n } from '../i18n/index.js';
import { typologyColor } from './format.js';

export interface TypologyChartData {
  series: TimelineSeries[];
  /** Bucket size, for tick labels. */
  bucket: 'minute' | 'hour' | 'day';
}

export interface TypologyChartOptions {
  i18n: I18n;
  height?: number;
}

const MARGIN = { top: 10, right: 12, bottom: 40, left: 48 };

/**
 * Tick values for a count axis: whole numbers only (an alert is never half raised), at most
 * about `count` of them, always including 0 and the top of the domain.
 */
export function integerTicks(maxValue: number, count = 4): number[] {
  const top = Math.max(1, Math.ceil(maxValue));
  const step = Math.max(1, Math.ceil(top / count));
  const ticks = d3range(0, top + 1, step);
  if (ticks.at(-1) !== top) ticks.push(top);
  return ticks;
}

type Row = Record<string, number> & { t: number };

export function createTypologyChart(initial: TypologyChartData, options: Readonly<TypologyChartOptions>): Component<TypologyChartData> {
  const { i18n } = options;
  const height = options.height ?? 200;
  // Times on the axis read in the session's zone, as everywhere else.
  const tickFormat = (bucket: TypologyChartData['bucket'], t: number): string => {
    const iso = new Date(t).toISOString();
    return bucket === 'day' ? i18n.date(iso).slice(5) : i18n.shortDateTime(iso).slice(6);
  };
  const bucketName = { minute: i18n.m.bucketMinute, hour: i18n.m.bucketHour, day: i18n.m.bucketDay };
  const element = createElement('div', 'typology-chart', 'typology-chart');
  const svg = select(element).append('svg').attr('height', height).attr('role', 'img');
  const plot = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  const gridY = plot.append('g').attr('class', 'grid');
  const layersGroup = plot.append('g').attr('class', 'layers');
  const axisX = plot.append('g').attr('class', 'axis axis-x');
  const axisY = plot.append('g').attr('class', 'axis axis-y');
  const labelY = svg.append('text').attr('class', 'axis-label').attr('text-anchor', 'middle').text(i18n.m.chartAxisCount);
  const labelX = svg.append('text').attr('class', 'axis-label').attr('text-anchor', 'middle').text(i18n.m.chartAxisTime(i18n.zoneLabel));
  const emptyNote = svg.append('text').attr('class', 'chart-empty').attr('text-anchor', 'middle').attr('data-testid', 'typology-chart-empty')
    .text(i18n.m.chartEmpty);
  let data = initial;
  // Kept from the ResizeObserver: reading clientWidth while the stream is being updated would force a reflow.
  let width = 800;

  function render(): void {
    const innerW = width - MARGIN.left - MARGIN.right;
    const innerH = height - MARGIN.top - MARGIN.bottom;
    svg.attr('width', width).attr('viewBox', `0 0 ${width} ${height}`)
      .attr('aria-label', i18n.m.chartLabel(bucketName[data.bucket]));
    labelY.attr('transform', `translate(12,${MARGIN.top + innerH / 2}) rotate(-90)`);
    labelX.attr('x', MARGIN.left + innerW / 2).attr('y', height - 4);

    const keys = data.series.map((s) => s.typology);
    const times = data.series[0]?.points.map((p) => p.t.getTime()) ?? [];
    const rows: Row[] = times.map((t, i) => {
      const row = { t } as Row;
      for (const s of data.series) row[s.typology] = s.points[i]?.count ?? 0;
      return row;
    });
    const layers = stack<Row>().keys(keys)(rows);
    const x = scaleBand<number>().domain(times).range([0, innerW]).paddingInner(0.2);
    const top = Math.max(1, max(layers.at(-1) ?? [], (d) => d[1]) ?? 1);
    const yTicks = integerTicks(top);
    const y = scaleLinear().domain([0, yTicks.at(-1)!]).range([innerH, 0]);
    const total = layers.reduce((sum, layer) => sum + layer.reduce((s, d) => s + d[1] - d[0], 0), 0);
    emptyNote.attr('x', MARGIN.left + innerW / 2).attr('y', MARGIN.top + innerH / 2).attr('hidden', total > 0 ? '' : null);

    const tickEvery = Math.max(1, Math.ceil(times.length / Math.max(2, Math.floor(innerW / 80))));
    axisX.attr('transform', `translate(0,${innerH})`)
      .call(axisBottom(x).tickValues(times.filter((_, i) => i % tickEvery === 0)).tickFormat((t) => tickFormat(data.bucket, t)).tickSizeOuter(0));
    axisY.call(axisLeft(y).tickValues(yTicks).tickFormat((v) => String(v)).tickSizeOuter(0));
    gridY.call(axisLeft(y).tickValues(yTicks).tickSize(-innerW).tickFormat(() => ''));

    layersGroup.selectAll<SVGGElement, (typeof layers)[number]>('g.layer')
      .data(layers, (l) => l.key)
      .join('g')
      .attr('class', 'layer')
      .attr('data-typology', (l) => l.key)
      .attr('fill', (l) => typologyColor(l.key))
      .selectAll<SVGRectElement, (typeof layers)[number][number]>('rect')
      .data((l) => l.filter((d) => d[1] > d[0]), (d) => d.data.t)
      .join((enter) => enter.append('rect').call((r) => r.append('title')))
      .attr('x', (d) => x(d.data.t) ?? 0)
      .attr('width', x.bandwidth())
      .attr('y', (d) => y(d[1]))
      .attr('height', (d) => Math.max(0, y(d[0]) - y(d[1])))
      .each(function (d) {
        const key = (this.parentNode as SVGGElement | null)?.dataset.typology ?? '';
        select(this).select('title').text(i18n.m.chartTooltip(i18n.typology(key), d[1] - d[0], tickFormat(data.bucket, d.data.t)));
      });
  }

  const resize = new ResizeObserver((entries) => {
    const observed = Math.max(320, Math.floor(entries[0]?.contentRect.width ?? width));
    if (observed === width) return;
    width = observed;
    render();
  });
  resize.observe(element);
  render();
  return {
    element,
    update(next) { data = next; render(); },
    destroy() { resize.disconnect(); element.remove(); },
  };
}
