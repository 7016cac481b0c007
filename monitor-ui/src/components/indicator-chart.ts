/**
 * One indicator's history for one institution: its value period by period (points keyed by
 * period, so an update moves them rather than redrawing), and the level threshold as a
 * dashed line; a point over the threshold is marked breached.
 */
import { axisBottom, axisLeft, line, max, scaleLinear, scalePoint, select } from 'd3';
import type { IndicatorHistoryPoint } from '../../../alerts/src/indicators/indicator-value.js';
import { createElement, type Component } from './component.js';

export interface IndicatorChartData {
  history: readonly IndicatorHistoryPoint[];
  threshold: number | null;
}

export interface IndicatorChartOptions {
  /** What the chart shows, for screen readers. */
  label: string;
  thresholdLabel: string;
  /** How a value reads on the axis (percentages for shares, compact amounts…). */
  format: (value: number) => string;
  width?: number;
  height?: number;
}

const ACCENT = '#4c9be8';
const BREACH = '#f2555a';
const MARGIN = { top: 12, right: 56, bottom: 26, left: 56 };

type Point = { period: string; value: number };

export function createIndicatorChart(initial: IndicatorChartData, options: Readonly<IndicatorChartOptions>): Component<IndicatorChartData> {
  const width = options.width ?? 360;
  const height = options.height ?? 150;
  const element = createElement('div', 'indicator-chart', 'indicator-chart');
  const svg = select(element).append('svg').attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img').attr('aria-label', options.label);
  const plot = svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
  const axisX = plot.append('g').attr('class', 'axis axis-x');
  const axisY = plot.append('g').attr('class', 'axis axis-y');
  // Colours inline: the chart reads the same in either theme without rules in the shared stylesheet.
  const path = plot.append('path').attr('class', 'indicator-line').attr('fill', 'none').attr('stroke', ACCENT).attr('stroke-width', 2);
  const thresholdLine = plot.append('line').attr('class', 'indicator-threshold').attr('data-testid', 'indicator-threshold')
    .attr('stroke', BREACH).attr('stroke-width', 1.5).attr('stroke-dasharray', '5 4');
  const thresholdText = plot.append('text').attr('class', 'indicator-threshold-label').attr('text-anchor', 'start')
    .attr('fill', BREACH).attr('font-size', 11);
  const dots = plot.append('g').attr('class', 'indicator-points');

  function render(data: IndicatorChartData): void {
    const innerW = width - MARGIN.left - MARGIN.right;
    const innerH = height - MARGIN.top - MARGIN.bottom;
    const points: Point[] = data.history.filter((p): p is Point => p.value !== null);
    const x = scalePoint<string>().domain(data.history.map((p) => p.period)).range([0, innerW]).padding(0.4);
    const top = Math.max(max(points, (p) => p.value) ?? 0, data.threshold ?? 0) * 1.15 || 1;
    const y = scaleLinear().domain([0, top]).range([innerH, 0]).nice();
    axisX.attr('transform', `translate(0,${innerH})`).call(axisBottom(x).tickSizeOuter(0));
    axisY.call(axisLeft(y).ticks(4).tickFormat((v) => options.format(Number(v))));
    path.attr('d', line<Point>().x((p) => x(p.period) ?? 0).y((p) => y(p.value))(points) ?? '');
    const hasThreshold = data.threshold !== null;
    thresholdLine.attr('display', hasThreshold ? null : 'none')
      .attr('x1', 0).attr('x2', innerW).attr('y1', y(data.threshold ?? 0)).attr('y2', y(data.threshold ?? 0));
    thresholdText.attr('display', hasThreshold ? null : 'none').attr('x', innerW + 4).attr('y', y(data.threshold ?? 0) + 4)
      .text(options.thresholdLabel);
    dots.selectAll<SVGCircleElement, Point>('circle').data(points, (p) => p.period)
      .join('circle')
      .attr('r', 4).attr('cx', (p) => x(p.period) ?? 0).attr('cy', (p) => y(p.value))
      .attr('class', (p) => (data.threshold !== null && p.value > data.threshold ? 'indicator-point breached' : 'indicator-point'))
      .attr('fill', (p) => (data.threshold !== null && p.value > data.threshold ? BREACH : ACCENT))
      .attr('data-period', (p) => p.period);
  }

  render(initial);
  return {
    element,
    update: render,
    destroy() { element.remove(); },
  };
}
