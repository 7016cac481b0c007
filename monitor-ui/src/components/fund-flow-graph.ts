/**
 * The fund-flow graph of a case (d3, SVG): accounts as nodes with shortened pseudonyms,
 * records as directed edges labelled with amount and time; the loan, the hops and the
 * sensitive-sector payment are highlighted. Nodes keyed by account, edges by record.
 */
import { select } from 'd3';
import type { EvidenceRecord } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { formatAmount, formatAmountCompact, formatDateTime, formatShortDateTime, shortPseudonym } from './format.js';
import { layoutFundFlow, type FlowEdge, type FlowNode } from './fund-flow-layout.js';

export interface FundFlowData {
  evidence: readonly EvidenceRecord[];
}

const NODE_W = 132;
const NODE_H = 40;
const ROW_GAP = 74;
/** Column starts are at least a node plus room for an edge label apart. */
const MIN_COLUMN_GAP = NODE_W + 120;
const MAX_COLUMN_GAP = NODE_W + 260;
const PAD = { x: 24, y: 40 };
const ROLES = ['loan', 'hop', 'sensitive_payment', 'other'] as const;
const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  loan: 'Loan disbursement', hop: 'Intermediate hop', sensitive_payment: 'Sensitive-sector payment', other: 'Other record',
};
/** Beyond this many records, edge labels would overlap into noise; titles still carry them. */
const MAX_LABELLED_EDGES = 40;

const roleClass = (role: string): string => (ROLES as readonly string[]).includes(role) ? role : 'other';

export function createFundFlowGraph(initial: FundFlowData): Component<FundFlowData> {
  const element = createElement('div', 'fund-flow', 'fund-flow-graph');
  const legend = select(element).append('div').attr('class', 'flow-legend');
  for (const role of ROLES) {
    legend.append('span').attr('class', `legend-item role-${role}`).text(ROLE_LABELS[role]);
  }
  const scroller = select(element).append('div').attr('class', 'flow-scroller');
  const svg = scroller.append('svg').attr('role', 'img').attr('aria-label', 'Fund-flow graph of the case evidence');
  const defs = svg.append('defs');
  for (const role of ROLES) {
    defs.append('marker').attr('id', `arrow-${role}`).attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
      .attr('markerUnits', 'userSpaceOnUse').attr('markerWidth', 11).attr('markerHeight', 11).attr('orient', 'auto-start-reverse')
      .append('path').attr('d', 'M0,0 L10,5 L0,10 z').attr('class', `arrow role-${role}`);
  }
  const edgeLayer = svg.append('g').attr('class', 'edges');
  const nodeLayer = svg.append('g').attr('class', 'nodes');
  const labelLayer = svg.append('g').attr('class', 'edge-labels');
  let data = initial;

  function render(): void {
    const layout = layoutFundFlow(data.evidence);
    const available = Math.max(element.clientWidth, 640) - 2 * PAD.x - NODE_W;
    const columnGap = Math.min(MAX_COLUMN_GAP, Math.max(MIN_COLUMN_GAP, layout.columns > 1 ? available / (layout.columns - 1) : 0));
    const width = 2 * PAD.x + NODE_W + (layout.columns - 1) * columnGap;
    const height = 2 * PAD.y + NODE_H + (layout.maxRows - 1) * ROW_GAP;
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const rowsIn = new Map<number, number>();
    for (const n of layout.nodes) rowsIn.set(n.column, Math.max(rowsIn.get(n.column) ?? 0, n.row + 1));
    const position = new Map(layout.nodes.map((n) => {
      // Columns with fewer nodes are centred vertically.
      const offset = ((layout.maxRows - (rowsIn.get(n.column) ?? 1)) * ROW_GAP) / 2;
      return [n.id, { x: PAD.x + n.column * columnGap, y: PAD.y + offset + n.row * ROW_GAP }];
    }));
    const at = (id: string): { x: number; y: number } => position.get(id) ?? { x: 0, y: 0 };

    const edgePath = (e: FlowEdge): string => {
      const s = at(e.source);
      const t = at(e.target);
      const sy = s.y + NODE_H / 2 + e.lane * 8;
      const ty = t.y + NODE_H / 2 + e.lane * 8;
      if (e.backward) {
        // A cycle closing: loop below the nodes, back to the start.
        const dip = Math.max(s.y, t.y) + NODE_H + 36 + Math.abs(e.lane) * 14;
        return `M${s.x + NODE_W / 2},${s.y + NODE_H} C${s.x + NODE_W / 2},${dip} ${t.x + NODE_W / 2},${dip} ${t.x + NODE_W / 2},${t.y + NODE_H + 2}`;
      }
      const sx = s.x + NODE_W;
      const tx = t.x - 2;
      const bend = (tx - sx) / 2;
      return `M${sx},${sy} C${sx + bend},${sy + e.lane * 14} ${tx - bend},${ty + e.lane * 14} ${tx},${ty}`;
    };
    // Amount above the edge's midpoint, time below it, so neither sits on the line or the arrow.
    const labelPoint = (e: FlowEdge): { x: number; y: number } => {
      const s = at(e.source);
      const t = at(e.target);
      if (e.backward) return { x: (s.x + t.x + NODE_W) / 2, y: Math.max(s.y, t.y) + NODE_H + 30 };
      return { x: (s.x + NODE_W + t.x) / 2, y: (s.y + t.y) / 2 + NODE_H / 2 + e.lane * 22 - 7 };
    };
    const title = (e: FlowEdge): string =>
      `${e.record.type} ${formatAmount(e.record.amount)} at ${formatDateTime(e.record.ts)} · ${e.record.institution} ${e.record.txId}`;

    edgeLayer.selectAll<SVGPathElement, FlowEdge>('path.flow-edge')
      .data(layout.edges, (e) => e.key)
      .join((enter) => enter.append('path').call((p) => p.append('title')))
      .attr('class', (e) => `flow-edge role-${roleClass(e.record.role)}`)
      .attr('data-testid', 'flow-edge')
      .attr('data-tx-id', (e) => e.record.txId)
      .attr('data-role', (e) => e.record.role)
      .attr('d', edgePath)
      .attr('marker-end', (e) => `url(#arrow-${roleClass(e.record.role)})`)
      .each(function (e) { select(this).select('title').text(title(e)); });

    const labelled = layout.edges.length <= MAX_LABELLED_EDGES ? layout.edges : [];
    const labels = labelLayer.selectAll<SVGTextElement, FlowEdge>('text.edge-label')
      .data(labelled, (e) => e.key)
      .join((enter) => {
        const text = enter.append('text').attr('class', 'edge-label').attr('text-anchor', 'middle');
        text.append('tspan').attr('class', 'edge-amount');
        text.append('tspan').attr('class', 'edge-time').attr('dy', '1.55em');
        return text;
      })
      .attr('class', (e) => `edge-label role-${roleClass(e.record.role)}`)
      .attr('x', (e) => labelPoint(e).x)
      .attr('y', (e) => labelPoint(e).y);
    labels.select('.edge-amount').attr('x', (e) => labelPoint(e).x).text((e) => formatAmountCompact(e.record.amount));
    labels.select('.edge-time').attr('x', (e) => labelPoint(e).x).text((e) => formatShortDateTime(e.record.ts));

    const nodes = nodeLayer.selectAll<SVGGElement, FlowNode>('g.flow-node')
      .data(layout.nodes, (n) => n.id)
      .join((enter) => {
        const g = enter.append('g');
        g.append('title');
        g.append('rect').attr('width', NODE_W).attr('height', NODE_H).attr('rx', 6);
        g.append('text').attr('class', 'node-name').attr('x', NODE_W / 2).attr('y', 17).attr('text-anchor', 'middle');
        g.append('text').attr('class', 'node-tag').attr('x', NODE_W / 2).attr('y', 31).attr('text-anchor', 'middle');
        return g;
      })
      .attr('class', (n) => `flow-node${n.virtual ? ' is-virtual' : ''}${n.tag?.startsWith('sensitive') ? ' is-sensitive' : ''}${n.tag === 'loan account' ? ' is-lender' : ''}`)
      .attr('data-testid', 'flow-node')
      .attr('data-account', (n) => n.id)
      .attr('transform', (n) => `translate(${at(n.id).x},${at(n.id).y})`);
    nodes.select('title').text((n) => n.id);
    nodes.select('.node-name').text((n) => (n.virtual ? n.id : shortPseudonym(n.id)));
    nodes.select('.node-tag').text((n) => n.tag ?? (n.virtual ? '' : 'account'));
  }

  const resize = new ResizeObserver(() => { render(); });
  resize.observe(element);
  render();
  return {
    element,
    update(next) { data = next; render(); },
    destroy() { resize.disconnect(); element.remove(); },
  };
}
