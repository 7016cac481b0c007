/**
 * Lays a case's evidence out as a fund-flow graph, left to right in time: accounts are nodes,
 * records are directed edges. Walking the records in event order, an account first seen as a
 * payer starts a column at 0 and a payee lands one column right of its payer, so the loan sits
 * left, the hops in the middle and the sensitive-sector payment right. Pure, so it is testable.
 */
import type { EvidenceRecord } from '../data/index.js';

/** What the evidence says an account is; the graph words it in the reader's language. */
export type NodeTag =
  | { kind: 'loan_account' }
  | { kind: 'borrower' }
  | { kind: 'sensitive'; sector?: string; mcc?: string }
  | { kind: 'abroad'; country: string };

export interface FlowNode {
  id: string;
  /** Column (time order) and row within the column. */
  column: number;
  row: number;
  /** What the evidence says this account is: lender, real-estate party, cash… */
  tag?: NodeTag;
  virtual: boolean;
}

export interface FlowEdge {
  key: string;
  source: string;
  target: string;
  record: EvidenceRecord;
  /** Index among edges joining the same two nodes, centred on 0, for fanning them apart. */
  lane: number;
  /** Goes right to left (a cycle closing). */
  backward: boolean;
}

export interface FlowLayout {
  nodes: FlowNode[];
  edges: FlowEdge[];
  columns: number;
  maxRows: number;
}

/** Ids of the virtual nodes cash records start or end at. */
export const CASH_IN = 'cash (deposit)';
export const CASH_OUT = 'cash (withdrawal)';

function endpoints(record: EvidenceRecord): [string, string] {
  if (record.from !== record.to) return [record.from, record.to];
  // Cash records name the customer's account on both sides; the other side is cash.
  return record.type === 'cash_withdrawal' ? [record.from, CASH_OUT] : [CASH_IN, record.to];
}

function tagOf(record: EvidenceRecord, side: 'from' | 'to'): NodeTag | undefined {
  if (side === 'from' && record.type === 'loan_disbursement') return { kind: 'loan_account' };
  if (side === 'to' && record.type === 'loan_disbursement') return { kind: 'borrower' };
  if (side === 'to' && record.role === 'sensitive_payment') {
    return { kind: 'sensitive', ...(record.toSector ? { sector: record.toSector } : {}), ...(record.toMcc ? { mcc: record.toMcc } : {}) };
  }
  if (side === 'to' && record.toCountry) return { kind: 'abroad', country: record.toCountry };
  return undefined;
}

export function layoutFundFlow(evidence: readonly EvidenceRecord[]): FlowLayout {
  const records = [...evidence].sort((a, b) => a.ts.localeCompare(b.ts) || a.txId.localeCompare(b.txId));
  const columnOf = new Map<string, number>();
  const tags = new Map<string, NodeTag>();
  const order: string[] = [];
  const place = (id: string, column: number): void => {
    if (columnOf.has(id)) return;
    columnOf.set(id, column);
    order.push(id);
  };
  for (const record of records) {
    const [source, target] = endpoints(record);
    place(source, 0);
    place(target, columnOf.get(source)! + 1);
    for (const [id, side] of [[source, 'from'], [target, 'to']] as const) {
      const tag = tagOf(record, side);
      if (tag && !tags.has(id)) tags.set(id, tag);
    }
  }
  const rowsUsed = new Map<number, number>();
  const nodes = order.map((id): FlowNode => {
    const column = columnOf.get(id)!;
    const row = rowsUsed.get(column) ?? 0;
    rowsUsed.set(column, row + 1);
    const virtual = id === CASH_IN || id === CASH_OUT;
    return { id, column, row, tag: virtual ? undefined : tags.get(id), virtual };
  });

  const pairCounts = new Map<string, number>();
  for (const record of records) {
    const pair = endpoints(record).join('→');
    pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1);
  }
  const pairSeen = new Map<string, number>();
  const edges = records.map((record): FlowEdge => {
    const [source, target] = endpoints(record);
    const pair = `${source}→${target}`;
    const index = pairSeen.get(pair) ?? 0;
    pairSeen.set(pair, index + 1);
    return {
      key: `${record.institution}/${record.txId}`, source, target, record,
      lane: index - ((pairCounts.get(pair) ?? 1) - 1) / 2,
      backward: columnOf.get(target)! <= columnOf.get(source)!,
    };
  });
  const columns = Math.max(1, ...nodes.map((n) => n.column + 1));
  const maxRows = Math.max(1, ...rowsUsed.values());
  return { nodes, edges, columns, maxRows };
}
