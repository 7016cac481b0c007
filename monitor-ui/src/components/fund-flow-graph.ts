/**
 * The fund-flow graph of a case (d3, SVG): accounts as nodes with shortened pseudonyms,
 * records as directed edges labelled with amount and time; the loan, the hops and the
 * sensitive-sector payment are highlighted. Nodes keyed by account, edges by record.
 */
import { select, zoom, zoomIdentity, type Selection } from 'd3';
import type { EvidenceRecord } from '../data/index.js';
import { createElement, type Component } from './component.js';
import type { I18n } from '../i18n/index.js';
import { sectorName, mccName } from '../i18n/index.js';
import { shortPseudonym } from './format.js';
import { NODE_H, NODE_W, placeFundFlow, type FlowGeometry } from './fund-flow-geometry.js';
import { CASH_IN, CASH_OUT, layoutFundFlow, type FlowEdge, type FlowNode, type NodeTag } from './fund-flow-layout.js';

export interface FundFlowData {
  evidence: readonly EvidenceRecord[];
}

export interface FundFlowOptions {
  /** An account node was chosen (click or Enter): e.g. list the alerts it appears in. */
  onAccount?: (account: string) => void;
}

type Layer = Selection<SVGGElement, unknown, null, undefined>;

const ROLES = ['loan', 'hop', 'sensitive_payment', 'other'] as const;
function roleLabels(i18n: I18n): Record<(typeof ROLES)[number], string> {
  const { m } = i18n;
  return { loan: m.flowRoleLoan, hop: m.flowRoleHop, sensitive_payment: m.flowRoleSensitive, other: m.flowRoleOther };
}

/** The tag under an account's name: short, named in the reader's language (codes in the tooltip). */
function tagText(tag: NodeTag | undefined, virtual: boolean, i18n: I18n): string {
  const { m } = i18n;
  if (!tag) return virtual ? '' : m.flowTagAccount;
  if (tag.kind === 'loan_account') return m.flowTagLoanAccount;
  if (tag.kind === 'borrower') return m.flowTagBorrower;
  if (tag.kind === 'abroad') return m.flowTagAbroad(tag.country);
  const name = (tag.sector && sectorName(tag.sector, i18n.locale)) || (tag.mcc && mccName(tag.mcc, i18n.locale));
  return name ? m.flowTagSensitiveOf(name) : m.flowTagSensitive;
}

function tagTitle(node: FlowNode, i18n: I18n): string {
  const tag = node.tag;
  const codes = tag?.kind === 'sensitive'
    ? [tag.sector && i18n.sector(tag.sector), tag.mcc && i18n.mcc(tag.mcc)].filter(Boolean).join(' · ')
    : '';
  return codes ? `${node.id}\n${codes}` : node.id;
}
/** Beyond this many records, edge labels would overlap into noise; titles still carry them. */
const MAX_LABELLED_EDGES = 40;

const roleClass = (role: string): string => (ROLES as readonly string[]).includes(role) ? role : 'other';

function drawEdges(layer: Layer, edges: FlowEdge[], geometry: FlowGeometry, i18n: I18n): void {
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
        .text(i18n.m.flowEdgeTitle(i18n.recordType(e.record.type), i18n.amount(e.record.amount), i18n.dateTimeZoned(e.record.ts), e.record.institution, e.record.txId));
    });
}

function drawLabels(layer: Layer, edges: FlowEdge[], geometry: FlowGeometry, i18n: I18n): void {
  const labels = layer.selectAll<SVGTextElement, FlowEdge>('text.edge-label')
    .data(edges.length <= MAX_LABELLED_EDGES ? edges : [], (e) => e.key)
    .join((enter) => {
      const text = enter.append('text').attr('class', 'edge-label').attr('text-anchor', 'middle');
      text.append('tspan').attr('class', 'edge-amount');
      // The time sits under the edge and the amount over it, so that neither is drawn across it.
      text.append('tspan').attr('class', 'edge-time');
      return text;
    })
    .attr('class', (e) => `edge-label role-${roleClass(e.record.role)}`)
    .attr('y', (e) => geometry.labelPoint(e).y);
  labels.select('.edge-amount').attr('x', (e) => geometry.labelPoint(e).x).text((e) => i18n.amountCompact(e.record.amount));
  labels.select('.edge-time').attr('x', (e) => geometry.labelPoint(e).x).attr('y', (e) => geometry.labelPoint(e).y + 21)
    .text((e) => i18n.shortDateTime(e.record.ts));
}

function drawNodes(layer: Layer, nodes: FlowNode[], geometry: FlowGeometry, i18n: I18n): void {
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
    .attr('class', (n) => `flow-node${n.virtual ? ' is-virtual' : ''}${n.tag?.kind === 'sensitive' ? ' is-sensitive' : ''}${n.tag?.kind === 'loan_account' ? ' is-lender' : ''}`)
    .attr('data-testid', 'flow-node')
    .attr('data-account', (n) => n.id)
    .attr('tabindex', (n) => (n.virtual ? null : 0))
    .attr('role', (n) => (n.virtual ? null : 'button'))
    .attr('aria-label', (n) => (n.virtual ? null : i18n.m.flowAccountAlerts(shortPseudonym(n.id))))
    .attr('transform', (n) => `translate(${geometry.at(n.id).x},${geometry.at(n.id).y})`);
  const virtualName = (id: string): string => (id === CASH_IN ? i18n.m.flowCashIn : id === CASH_OUT ? i18n.m.flowCashOut : id);
  groups.select('title').text((n) => tagTitle(n, i18n));
  groups.select('.node-name').text((n) => (n.virtual ? virtualName(n.id) : shortPseudonym(n.id)));
  groups.select('.node-tag').text((n) => tagText(n.tag, n.virtual, i18n));
}

export function createFundFlowGraph(initial: FundFlowData, i18n: I18n, options: Readonly<FundFlowOptions> = {}): Component<FundFlowData> {
  const element = createElement('div', 'fund-flow', 'fund-flow-graph');
  const legend = select(element).append('div').attr('class', 'flow-legend');
  const labels = roleLabels(i18n);
  for (const role of ROLES) legend.append('span').attr('class', `legend-item role-${role}`).text(labels[role]);
  legend.append('span').attr('class', 'flow-hint').text(i18n.m.flowNodeHint);
  // Focusable, so that a keyboard user can scroll a graph wider than the screen.
  const svg = select(element).append('div').attr('class', 'flow-scroller').attr('tabindex', 0)
    // A group, not an image: its account nodes are buttons.
    .append('svg').attr('role', 'group').attr('aria-label', i18n.m.flowAriaLabel);
  const defs = svg.append('defs');
  for (const role of ROLES) {
    defs.append('marker').attr('id', `arrow-${role}`).attr('viewBox', '0 0 10 10').attr('refX', 9).attr('refY', 5)
      .attr('markerUnits', 'userSpaceOnUse').attr('markerWidth', 11).attr('markerHeight', 11).attr('orient', 'auto-start-reverse')
      .append('path').attr('d', 'M0,0 L10,5 L0,10 z').attr('class', `arrow role-${role}`);
  }
  // One group zoomed and panned as a whole (d3-zoom): wheel or pinch to zoom, drag to pan, double-click resets.
  const scene = svg.append('g').attr('class', 'flow-scene') as unknown as Layer;
  const edgeLayer: Layer = scene.append('g').attr('class', 'edges');
  const nodeLayer: Layer = scene.append('g').attr('class', 'nodes');
  const labelLayer: Layer = scene.append('g').attr('class', 'edge-labels');
  const zoomer = zoom<SVGSVGElement, unknown>().scaleExtent([0.5, 4])
    .on('zoom', (event: { transform: { toString(): string } }) => { scene.attr('transform', event.transform.toString()); });
  svg.call(zoomer).on('dblclick.zoom', () => { svg.call(zoomer.transform, zoomIdentity); });
  nodeLayer.on('click', (event: MouseEvent) => {
    const node = (event.target as Element).closest<SVGGElement>('g.flow-node:not(.is-virtual)');
    if (node?.dataset.account) options.onAccount?.(node.dataset.account);
  });
  nodeLayer.on('keydown', (event: KeyboardEvent) => {
    const node = (event.target as Element).closest<SVGGElement>('g.flow-node:not(.is-virtual)');
    if (event.key === 'Enter' && node?.dataset.account) options.onAccount?.(node.dataset.account);
  });
  let data = initial;
  let width = 0;

  function render(): void {
    const layout = layoutFundFlow(data.evidence);
    const geometry = placeFundFlow(layout, width);
    svg.attr('width', geometry.width).attr('height', geometry.height).attr('viewBox', `0 0 ${geometry.width} ${geometry.height}`);
    drawEdges(edgeLayer, layout.edges, geometry, i18n);
    drawLabels(labelLayer, layout.edges, geometry, i18n);
    drawNodes(nodeLayer, layout.nodes, geometry, i18n);
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
