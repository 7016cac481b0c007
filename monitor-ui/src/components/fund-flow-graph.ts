/**
 * The fund-flow graph of a case (d3, SVG): accounts as nodes with shortened pseudonyms,
 * records as directed edges labelled with amount and time; the loan, the hops and the
 * sensitive-sector payment are highlighted. Nodes keyed by account, edges by record.
 */
import { select, type Selection } from 'd3';
import type { EvidenceRecord } from '../data/index.js';
import { createElement, type Component } from './component.js';
import { formatAmount, formatAmountCompact, formatDateTime, formatShortDateTime, shortPseudonym } from './format.js';
import { NODE_H, NODE_W, placeFundFlow, type FlowGeometry } from './fund-flow-geometry.js';
import { layoutFundFlow, type FlowEdge, type FlowNode } from './fund-flow-layout.js';

export interface FundFlowData {
  evidence: readonly EvidenceRecord[];
}

type Layer = Selection<SVGGElement, unknown, null, undefined>;

const ROLES = ['loan', 'hop', 'sensitive_payment', 'other'] as const;
const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  loan: 'Loan disbursement', hop: 'Intermediate hop', sensitive_payment: 'Sensitive-sector payment', other: 'Other record',
};
/** Beyond this many records, edge labels would overlap into noise; titles still carry them. */
const MAX_LABELLED_EDGES = 40;

const roleClass = (role: string): string => (ROLES as readonly string[]).includes(role) ? role : 'other';

function drawEdges(layer: Layer, edges: FlowEdge[], geometry: FlowGeometry): void {
  layer.selectAll<SVGPathElement, FlowEdge>('path.flow-edge')
    .data(edges, (e) => e.key)
    .join((enter) => enter.append('path').call((p) => p.append('title')))
    .attr('class', (e) => `flow-edge role-${roleClass(e.record.role)}`)
    .attr('data-testid', 'flow-edge')
    .attr('data-tx-id', (e) => e.record.txId)
    .attr('data-role', (e) => e.record.role)
    .attr('d', (e) => geometry.edgePath(e))
    .attr('marker-end', (e) => `url(#arrow-${roleClass(e.record.role)})`)
    .each(function (e) {
      select(this).select('title')
        .text(`${e.record.type} ${formatAmount(e.record.amount)} at ${formatDateTime(e.record.ts)} · ${e.record.institution} ${e.record.txId}`);
    });
}

function drawLabels(layer: Layer, edges: FlowEdge[], geometry: FlowGeometry): void {
  const labels = layer.selectAll<SVGTextElement, FlowEdge>('text.edge-label')
    .data(edges.length <= MAX_LABELLED_EDGES ? edges : [], (e) => e.key)
    .join((enter) => {
      const text = enter.append('text').attr('class', 'edge-label').attr('text-anchor', 'middle');
      text.append('tspan').attr('class', 'edge-amount');
      text.append('tspan').attr('class', 'edge-time').attr('dy', '1.7em');
      return text;
    })
    .attr('class', (e) => `edge-label role-${roleClass(e.record.role)}`)
    .attr('y', (e) => geometry.labelPoint(e).y);
  labels.select('.edge-amount').attr('x', (e) => geometry.labelPoint(e).x).text((e) => formatAmountCompact(e.record.amount));
  labels.select('.edge-time').attr('x', (e) => geometry.labelPoint(e).x).text((e) => formatShortDateTime(e.record.ts));
}

function drawNodes(layer: Layer, nodes: FlowNode[], geometry: FlowGeometry): void {
  const groups = layer.selectAll<SVGGElement, FlowNode>('g.flow-node')
    .data(nodes, (n) => n.id)
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
    .attr('transform', (n) => `translate(${geometry.at(n.id).x},${geometry.at(n.id).y})`);
  groups.select('title').text((n) => n.id);
  groups.select('.node-name').text((n) => (n.virtual ? n.id : shortPseudonym(n.id)));
  groups.select('.node-tag').text((n) => n.tag ?? (n.virtual ? '' : 'account'));
}

export function createFundFlowGraph(initial: FundFlowData): Component<FundFlowData> {
  const element = createElement('div', 'fund-flow', 'fund-flow-graph');
  const legend = select(element).append('div').attr('class', 'flow-legend');
  for (const role of ROLES) legend.append('span').attr('class', `legend-item role-${role}`).text(ROLE_LABELS[role]);
  const svg = select(element).append('div').attr('class', 'flow-scroller')
    .append('svg').attr('role', 'img').attr('aria-label', 'Fund-flow graph of the case evidence');
  const defs = svg.append('defs');
  for (const role of ROLES) {
    defs.append('marker').attr('id', `arrow-${role}`).attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
      .attr('markerUnits', 'userSpaceOnUse').attr('markerWidth', 11).attr('markerHeight', 11).attr('orient', 'auto-start-reverse')
      .append('path').attr('d', 'M0,0 L10,5 L0,10 z').attr('class', `arrow role-${role}`);
  }
  const edgeLayer: Layer = svg.append('g').attr('class', 'edges');
  const nodeLayer: Layer = svg.append('g').attr('class', 'nodes');
  const labelLayer: Layer = svg.append('g').attr('class', 'edge-labels');
  let data = initial;
  let width = 0;

  function render(): void {
    const layout = layoutFundFlow(data.evidence);
    const geometry = placeFundFlow(layout, width);
    svg.attr('width', geometry.width).attr('height', geometry.height).attr('viewBox', `0 0 ${geometry.width} ${geometry.height}`);
    drawEdges(edgeLayer, layout.edges, geometry);
    drawLabels(labelLayer, layout.edges, geometry);
    drawNodes(nodeLayer, layout.nodes, geometry);
  }

  // Width from the observer, not from layout reads during a render.
  const resize = new ResizeObserver((entries) => {
    const observed = Math.floor(entries[0]?.contentRect.width ?? 0);
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
