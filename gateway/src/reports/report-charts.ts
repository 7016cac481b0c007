/**
 * The report's charts as SVG strings, drawn on the server: d3 computes scales and
 * geometry, the markup is written here, so the same bytes go into the HTML and the PDF
 * without a DOM. A suppressed figure is drawn as a hatched stub labelled as such, never
 * as a bar of some length.
 */
import { max, scaleBand, scaleLinear } from 'd3';
import { escapeHtml } from './report-format.js';

export const CHART_COLORS = {
  current: '#1f3a5f', previous: '#a9b8cc', axis: '#5a6472', grid: '#e3e7ed', text: '#1d2530',
  confirmed: '#2f6b45', dismissed: '#8a94a3', escalated: '#a23b3b', open: '#d5a021', p90: '#a23b3b',
} as const;

const FONT = "font-family=\"'Liberation Sans', 'DejaVu Sans', Arial, sans-serif\"";

/** A bar's value; null when the figure is suppressed. */
export interface BarDatum {
  label: string;
  value: number | null;
  /** Optional comparison value (previous quarter), drawn as a thinner bar beneath. */
  compare?: number | null;
}

function hatch(id: string): string {
  return `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`
    + `<rect width="6" height="6" fill="#f3f4f6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9aa3ae" stroke-width="2"/></pattern>`;
}

function svgOpen(id: string, width: number, height: number, title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${id}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}" ${FONT} font-size="11"><title>${escapeHtml(title)}</title><defs>${hatch(`${id}-hatch`)}</defs>`;
}

const num = (v: number): string => (Math.round(v * 10) / 10).toString();

/**
 * Horizontal bars, one row per datum; with `compare`, the comparison bar sits under the
 * main one. `format` prints a value at the bar's end.
 */
export function horizontalBarChart(
  id: string, title: string, data: readonly BarDatum[], options: { width?: number; format?: (v: number) => string; legend?: [string, string] } = {},
): string {
  const width = options.width ?? 640;
  const format = options.format ?? ((v: number) => v.toLocaleString('en-US'));
  const margin = { top: options.legend ? 26 : 8, right: 70, bottom: 22, left: 170 };
  const rowHeight = data.some((d) => d.compare !== undefined) ? 30 : 22;
  const height = margin.top + margin.bottom + rowHeight * data.length;
  const top = max(data.flatMap((d) => [d.value ?? 0, d.compare ?? 0])) ?? 0;
  const x = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([margin.left, width - margin.right]);
  const y = scaleBand().domain(data.map((d) => d.label)).range([margin.top, height - margin.bottom]).paddingInner(0.25);
  const parts = [svgOpen(id, width, height, title)];
  for (const tick of x.ticks(5)) {
    parts.push(`<line x1="${num(x(tick))}" x2="${num(x(tick))}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="${CHART_COLORS.grid}"/>`,
      `<text x="${num(x(tick))}" y="${height - margin.bottom + 14}" text-anchor="middle" fill="${CHART_COLORS.axis}">${escapeHtml(format(tick))}</text>`);
  }
  for (const d of data) {
    const y0 = y(d.label) ?? 0;
    const band = y.bandwidth();
    const main = d.compare === undefined ? band : band * 0.62;
    parts.push(`<text x="${margin.left - 8}" y="${num(y0 + band / 2 + 4)}" text-anchor="end" fill="${CHART_COLORS.text}">${escapeHtml(d.label)}</text>`);
    parts.push(bar(id, x, margin.left, y0, main, d.value, CHART_COLORS.current, format));
    if (d.compare !== undefined) parts.push(bar(id, x, margin.left, y0 + main + 1, band - main - 1, d.compare, CHART_COLORS.previous, format, true));
  }
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="${CHART_COLORS.axis}"/>`);
  if (options.legend) parts.push(legend(margin.left, 12, [[options.legend[0], CHART_COLORS.current], [options.legend[1], CHART_COLORS.previous]]));
  parts.push('</svg>');
  return parts.join('');
}

function bar(
  id: string, x: (v: number) => number, x0: number, y: number, h: number, value: number | null, color: string, format: (v: number) => string, small = false,
): string {
  if (value === null) {
    return `<rect x="${x0}" y="${num(y)}" width="46" height="${num(h)}" fill="url(#${id}-hatch)" stroke="#9aa3ae" stroke-width="0.5"/>`
      + `<text x="${x0 + 52}" y="${num(y + h / 2 + 4)}" fill="${CHART_COLORS.axis}" font-style="italic" font-size="${small ? 9 : 10}">suppressed (&lt;5 accounts)</text>`;
  }
  const w = Math.max(0, x(value) - x0);
  return `<rect x="${x0}" y="${num(y)}" width="${num(w)}" height="${num(h)}" fill="${color}"/>`
    + `<text x="${num(x0 + w + 4)}" y="${num(y + h / 2 + 4)}" fill="${CHART_COLORS.text}" font-size="${small ? 9 : 11}">${escapeHtml(format(value))}</text>`;
}

function legend(x: number, y: number, items: readonly [string, string][]): string {
  let offset = x;
  return items.map(([label, color]) => {
    const g = `<rect x="${offset}" y="${y - 9}" width="10" height="10" fill="${color}"/><text x="${offset + 14}" y="${y}" fill="${CHART_COLORS.text}">${escapeHtml(label)}</text>`;
    offset += 24 + label.length * 6;
    return g;
  }).join('');
}

/** Vertical columns (e.g. alerts per month), suppressed columns hatched. */
export function columnChart(id: string, title: string, data: readonly BarDatum[], options: { width?: number; height?: number } = {}): string {
  const width = options.width ?? 320;
  const height = options.height ?? 200;
  const margin = { top: 16, right: 10, bottom: 28, left: 36 };
  const top = max(data, (d) => d.value ?? 0) ?? 0;
  const y = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([height - margin.bottom, margin.top]);
  const x = scaleBand().domain(data.map((d) => d.label)).range([margin.left, width - margin.right]).padding(0.3);
  const parts = [svgOpen(id, width, height, title)];
  for (const tick of y.ticks(4)) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${num(y(tick))}" y2="${num(y(tick))}" stroke="${CHART_COLORS.grid}"/>`,
      `<text x="${margin.left - 6}" y="${num(y(tick) + 4)}" text-anchor="end" fill="${CHART_COLORS.axis}">${tick}</text>`);
  }
  for (const d of data) {
    const x0 = x(d.label) ?? 0;
    const w = x.bandwidth();
    parts.push(`<text x="${num(x0 + w / 2)}" y="${height - margin.bottom + 16}" text-anchor="middle" fill="${CHART_COLORS.text}">${escapeHtml(d.label)}</text>`);
    if (d.value === null) {
      parts.push(`<rect x="${num(x0)}" y="${height - margin.bottom - 40}" width="${num(w)}" height="40" fill="url(#${id}-hatch)" stroke="#9aa3ae" stroke-width="0.5"/>`,
        `<text x="${num(x0 + w / 2)}" y="${height - margin.bottom - 46}" text-anchor="middle" font-style="italic" font-size="9" fill="${CHART_COLORS.axis}">suppressed</text>`);
      continue;
    }
    parts.push(`<rect x="${num(x0)}" y="${num(y(d.value))}" width="${num(w)}" height="${num(height - margin.bottom - y(d.value))}" fill="${CHART_COLORS.current}"/>`,
      `<text x="${num(x0 + w / 2)}" y="${num(y(d.value) - 4)}" text-anchor="middle" fill="${CHART_COLORS.text}">${d.value}</text>`);
  }
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${height - margin.bottom}" y2="${height - margin.bottom}" stroke="${CHART_COLORS.axis}"/>`, '</svg>');
  return parts.join('');
}

/** One 100 % bar split into parts (cases by outcome); suppressed parts are hatched and unlabelled. */
export function shareBar(id: string, title: string, parts: readonly { label: string; value: number | null; color: string }[], width = 640): string {
  const height = 64;
  const shown = parts.map((p) => ({ ...p, weight: p.value ?? 0 }));
  const suppressedCount = parts.filter((p) => p.value === null).length;
  const total = shown.reduce((s, p) => s + p.weight, 0) || 1;
  // A suppressed part gets a fixed sliver, so that it is visible without revealing its size.
  const sliver = suppressedCount > 0 ? 0.06 : 0;
  const x = scaleLinear().domain([0, total]).range([0, (width - 2) * (1 - sliver * suppressedCount)]);
  const out = [svgOpen(id, width, height, title)];
  let offset = 1;
  for (const p of shown) {
    const w = p.value === null ? (width - 2) * sliver : x(p.weight);
    if (w <= 0) continue;
    out.push(`<rect x="${num(offset)}" y="4" width="${num(w)}" height="28" fill="${p.value === null ? `url(#${id}-hatch)` : p.color}" stroke="#fff"/>`);
    if (p.value !== null && w > 28) out.push(`<text x="${num(offset + w / 2)}" y="22" text-anchor="middle" fill="#fff" font-weight="bold">${p.value}</text>`);
    offset += w;
  }
  out.push(legend(1, 54, parts.map((p) => [p.value === null ? `${p.label} (suppressed)` : `${p.label}`, p.value === null ? '#c4cad3' : p.color] as [string, string])), '</svg>');
  return out.join('');
}

/** Median and 90th-percentile dots on one line per department (time to decision, in `unit`). */
export function rangeDotChart(
  id: string, title: string, rows: readonly { label: string; median: number | null; p90: number | null; note?: string }[], unit: string, width = 640,
): string {
  const margin = { top: 26, right: 60, bottom: 24, left: 170 };
  const height = margin.top + margin.bottom + rows.length * 24;
  const top = max(rows, (r) => r.p90 ?? 0) ?? 0;
  const x = scaleLinear().domain([0, top > 0 ? top : 1]).nice().range([margin.left, width - margin.right]);
  const y = scaleBand().domain(rows.map((r) => r.label)).range([margin.top, height - margin.bottom]).padding(0.3);
  const out = [svgOpen(id, width, height, title)];
  for (const tick of x.ticks(6)) {
    out.push(`<line x1="${num(x(tick))}" x2="${num(x(tick))}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="${CHART_COLORS.grid}"/>`,
      `<text x="${num(x(tick))}" y="${height - margin.bottom + 14}" text-anchor="middle" fill="${CHART_COLORS.axis}">${tick} ${escapeHtml(unit)}</text>`);
  }
  for (const r of rows) {
    const cy = (y(r.label) ?? 0) + y.bandwidth() / 2;
    out.push(`<text x="${margin.left - 8}" y="${num(cy + 4)}" text-anchor="end" fill="${CHART_COLORS.text}">${escapeHtml(r.label)}</text>`);
    if (r.median === null || r.p90 === null) {
      out.push(`<text x="${margin.left + 6}" y="${num(cy + 4)}" font-style="italic" fill="${CHART_COLORS.axis}">${escapeHtml(r.note ?? 'no decisions')}</text>`);
      continue;
    }
    out.push(`<line x1="${num(x(r.median))}" x2="${num(x(r.p90))}" y1="${num(cy)}" y2="${num(cy)}" stroke="${CHART_COLORS.previous}" stroke-width="3"/>`,
      `<circle cx="${num(x(r.median))}" cy="${num(cy)}" r="5" fill="${CHART_COLORS.current}"/>`,
      `<circle cx="${num(x(r.p90))}" cy="${num(cy)}" r="5" fill="${CHART_COLORS.p90}"/>`);
  }
  out.push(legend(margin.left, 12, [['median', CHART_COLORS.current], ['90th percentile', CHART_COLORS.p90]]), '</svg>');
  return out.join('');
}
