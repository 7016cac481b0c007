/**
 * `structuring`: one account makes at least 3 cash deposits (or 3 withdrawals) within 24
 * hours, each just under the 50,000 large-value cash reporting threshold (from 80%
 * inclusive to 100% exclusive), together at least the threshold — counted across all
 * institutions, which no single bank can do.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { DetectionContext, Incident, TypologyDetector } from '../typology.js';
import { detectAnchoredWindows } from './anchored-window.js';
import { decimalParam } from './evidence-sql.js';

const HOUR_MS = 3_600_000;

export const StructuringParamsSchema = Type.Object({
  /** Large-value cash reporting threshold (CNY). */
  threshold: Type.Number({ exclusiveMinimum: 0 }),
  /** Each amount at least this share of the threshold (inclusive). */
  lowerRatio: Type.Number({ minimum: 0, maximum: 1 }),
  /** Each amount below this share of the threshold (exclusive). */
  upperRatio: Type.Number({ exclusiveMinimum: 0, maximum: 10 }),
  minCount: Type.Integer({ minimum: 2 }),
  /** The window's amounts together at least this share of the threshold. */
  minTotalRatio: Type.Number({ minimum: 0 }),
  windowHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 366 }),
  /** Record types counted, each on its own (deposits are not mixed with withdrawals). */
  cashTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type StructuringParams = Static<typeof StructuringParamsSchema>;

export const STRUCTURING_DEFAULTS: StructuringParams = {
  threshold: 50_000,
  lowerRatio: 0.8,
  upperRatio: 1,
  minCount: 3,
  minTotalRatio: 1,
  windowHours: 24,
  cashTypes: ['cash_deposit', 'cash_withdrawal'],
};

// For cash records both parties are the customer's account (INTERFACES.md); `to` is used.
const BASE = `SELECT *, dst AS party, kind AS side, '' AS counterparty FROM recs
  WHERE kind IN {cashTypes:Array(String)}
    AND amount >= {threshold:Decimal(18, 2)} * {lowerRatio:Decimal(38, 6)}
    AND amount < {threshold:Decimal(18, 2)} * {upperRatio:Decimal(38, 6)}`;

export const structuring: TypologyDetector<StructuringParams> = {
  id: 'structuring',
  logicVersion: '1.0.0',
  defaultParams: STRUCTURING_DEFAULTS,
  paramsSchema: StructuringParamsSchema,
  recordTypes: (params) => params.cashTypes,
  checkParams: (p) => (p.lowerRatio < p.upperRatio ? [] : ['lowerRatio: must be below upperRatio']),
  detect(ctx: DetectionContext<StructuringParams>): Promise<Incident[]> {
    const { params } = ctx;
    return detectAnchoredWindows(ctx, {
      typology: 'structuring',
      base: BASE,
      partyColumn: 'to_account',
      role: 'cash',
      windowMs: Math.round(params.windowHours * HOUR_MS),
      recordTypes: params.cashTypes,
      minCount: params.minCount,
      minCounterparties: 0,
      minTotal: decimalParam(params.threshold * params.minTotalRatio),
      params: {
        cashTypes: params.cashTypes, threshold: decimalParam(params.threshold),
        lowerRatio: String(params.lowerRatio), upperRatio: String(params.upperRatio),
      },
    });
  },
};
