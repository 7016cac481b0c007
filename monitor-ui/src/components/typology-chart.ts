/**
 * Alerts over time by typology, as stacked bars per bucket. Drawn from the aggregated timeline
 * (never from the alert list), layers keyed by typology and bars by bucket time.
 */
import { axisBottom, axisLeft, max, scaleBand, scaleLinear, select, stack, timeFormat } from 'd3';
import type { TimelineSeries } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { typologyColor, typologyLabel } from './format.js';

export interface TypologyChartData {
  series: TimelineSeries[];
  /** Bucket size, for tick labels. */
  bucket: 'minute' | 'hour' | 'day';
}

export interface TypologyChartOptions {
  height?: number;
}

const MARGIN = { top: 10, right: 12, bottom: 24, left: 40 };
const TICK_FORMATS = { minute: timeFormat('%H:%M'), hour: timeFormat('%H:%M'), day: timeFormat('%b %d') };

type Row = Record<string, number> & { t: number };

export function createTypologyChart(initial: TypologyChartData, options: Readonly<TypologyChartOptions> = {}): Component<TypologyChartData> {
  const height = options.height ?? 200;
  const element = createElement('div', 'typology-chart', 'typology-chart');
  const svg = select(element).append('svg').attr('height', height).attr('role', 'img');
  const plot = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  const gridY = plot.append('g').attr('class', 'grid');
  const layersGroup = plot.append('g').attr('class', 'layers');
  const axisX = plot.append('g').attr('class', 'axis axis-x');
  const axisY = plot.append('g').attr('class', 'axis axis-y');
  let data = initial;
  // Kept from the ResizeObserver: reading clientWidth while the stream is being updated would force a reflow.
  let width = 800;

  function render(): void {
    const innerW = width - MARGIN.left - MARGIN.right;
    const innerH = height - MARGIN.top - MARGIN.bottom;
    svg.attr('width', width).attr('viewBox', `0 0 ${width} ${height}`)
      .attr('aria-label', `Alerts by typology per ${data.bucket}`);

    const keys = data.series.map((s) => s.typology);
    const times = data.series[0]?.points.map((p) => p.t.getTime()) ?? [];
    const rows: Row[] = times.map((t, i) => {
      const row = { t } as Row;
      for (const s of data.series) row[s.typology] = s.points[i]?.count ?? 0;
      return row;
    });
    const layers = stack<Row>().keys(keys)(rows);
    const x = scaleBand<number>().domain(times).range([0, innerW]).paddingInner(0.2);
    const y = scaleLinear().domain([0, Math.max(1, max(layers.at(-1) ?? [], (d) => d[1]) ?? 1)]).nice().range([innerH, 0]);

    const tickEvery = Math.max(1, Math.ceil(times.length / Math.max(2, Math.floor(innerW / 80))));
    axisX.attr('transform', `translate(0,${innerH})`)
      .call(axisBottom(x).tickValues(times.filter((_, i) => i % tickEvery === 0)).tickFormat((t) => TICK_FORMATS[data.bucket](new Date(t))).tickSizeOuter(0));
    axisY.call(axisLeft(y).ticks(4).tickFormat((v) => String(v)).tickSizeOuter(0));
    gridY.call(axisLeft(y).ticks(4).tickSize(-innerW).tickFormat(() => ''));

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
        select(this).select('title').text(`${typologyLabel(key)}: ${d[1] - d[0]} at ${TICK_FORMATS[data.bucket](new Date(d.data.t))}`);
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
