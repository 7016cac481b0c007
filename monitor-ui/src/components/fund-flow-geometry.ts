/**
 * Where the fund-flow graph's nodes, edges and labels go, given the layout's columns and rows
 * and the width available: columns spread to fill the panel within bounds, short columns centred.
 */
import type { FlowEdge, FlowLayout } from './fund-flow-layout.js';

export const NODE_W = 132;
export const NODE_H = 40;
const ROW_GAP = 74;
/** Column starts are at least a node plus room for an edge label apart. */
const MIN_COLUMN_GAP = NODE_W + 120;
const MAX_COLUMN_GAP = NODE_W + 260;
const PAD = { x: 24, y: 40 };

interface Point { x: number; y: number }

export interface FlowGeometry {
  width: number;
  height: number;
  /** Top-left corner of a node. */
  at(id: string): Point;
  edgePath(e: FlowEdge): string;
  /** Anchor of an edge's label: amount above the line's midpoint, time below it. */
  labelPoint(e: FlowEdge): Point;
}

export function placeFundFlow(layout: FlowLayout, availableWidth: number): FlowGeometry {
  const available = Math.max(availableWidth, 640) - 2 * PAD.x - NODE_W;
  const columnGap = Math.min(MAX_COLUMN_GAP, Math.max(MIN_COLUMN_GAP, layout.columns > 1 ? available / (layout.columns - 1) : 0));
  const rowsIn = new Map<number, number>();
  for (const n of layout.nodes) rowsIn.set(n.column, Math.max(rowsIn.get(n.column) ?? 0, n.row + 1));
  const position = new Map(layout.nodes.map((n) => {
    const offset = ((layout.maxRows - (rowsIn.get(n.column) ?? 1)) * ROW_GAP) / 2;
    return [n.id, { x: PAD.x + n.column * columnGap, y: PAD.y + offset + n.row * ROW_GAP }];
  }));
  const at = (id: string): Point => position.get(id) ?? { x: 0, y: 0 };
  const inDegree = new Map<string, number>();
  const outDegree = new Map<string, number>();
  for (const e of layout.edges) {
    inDegree.set(e.target, (inDegree.get(e.target) ?? 0) + 1);
    outDegree.set(e.source, (outDegree.get(e.source) ?? 0) + 1);
  }
  /** Depth of the control points of a backward edge (a cycle closing) under its nodes. */
  const loopDip = (e: FlowEdge): number => Math.max(at(e.source).y, at(e.target).y) + NODE_H + 48 + Math.abs(e.lane) * 14;
  const hasLoops = layout.edges.some((e) => e.backward);
  const ends = (e: FlowEdge): { sx: number; sy: number; tx: number; ty: number } => {
    const s = at(e.source);
    const t = at(e.target);
    return { sx: s.x + NODE_W, sy: s.y + NODE_H / 2 + e.lane * 8, tx: t.x - 2, ty: t.y + NODE_H / 2 + e.lane * 8 };
  };
  /** Point at `t` along a forward edge's cubic curve (the same controls as `edgePath`). */
  const along = (e: FlowEdge, t: number): Point => {
    const { sx, sy, tx, ty } = ends(e);
    const bend = (tx - sx) / 2;
    const [x1, y1, x2, y2] = [sx + bend, sy + e.lane * 14, tx - bend, ty + e.lane * 14];
    const u = 1 - t;
    return {
      x: u * u * u * sx + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * tx,
      y: u * u * u * sy + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * ty,
    };
  };

  return {
    width: 2 * PAD.x + NODE_W + (layout.columns - 1) * columnGap,
    height: 2 * PAD.y + NODE_H + (layout.maxRows - 1) * ROW_GAP + (hasLoops ? 56 : 0),
    at,
    edgePath(e) {
      const s = at(e.source);
      const t = at(e.target);
      if (e.backward) {
        // A cycle closing: loop below the nodes, back to the start.
        const dip = loopDip(e);
        return `M${s.x + NODE_W / 2},${s.y + NODE_H} C${s.x + NODE_W / 2},${dip} ${t.x + NODE_W / 2},${dip} ${t.x + NODE_W / 2},${t.y + NODE_H + 2}`;
      }
      const { sx, sy, tx, ty } = ends(e);
      const bend = (tx - sx) / 2;
      return `M${sx},${sy} C${sx + bend},${sy + e.lane * 14} ${tx - bend},${ty + e.lane * 14} ${tx},${ty}`;
    },
    labelPoint(e) {
      const s = at(e.source);
      const t = at(e.target);
      if (e.backward) {
        // Under the loop's lowest point, (start + 3·dip) / 4 for a cubic whose controls both sit at the dip.
        const bottom = (Math.max(s.y, t.y) + NODE_H + 3 * loopDip(e)) / 4;
        return { x: (s.x + t.x + NODE_W) / 2, y: bottom + 16 };
      }
      // Where edges converge (fan-in) or diverge (fan-out), label them at their spread-out end.
      const converging = (inDegree.get(e.target) ?? 0) > 1 && s.y !== t.y;
      const diverging = (outDegree.get(e.source) ?? 0) > 1 && s.y !== t.y;
      const p = along(e, converging ? 0.3 : diverging ? 0.7 : 0.5);
      return { x: p.x, y: p.y + e.lane * 14 - 9 };
    },
  };
}
