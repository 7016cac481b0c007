/**
 * `cross_border_split`: at least 3 outbound remittances from one account within 7 days, each
 * between 50% (inclusive) and 100% (exclusive) of the 200,000 cross-border reporting
 * threshold, to at least 2 countries, together at least the threshold: one large remittance
 * split to stay under the reporting line.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { DetectionContext, Incident, TypologyDetector } from '../typology.js';
import { detectAnchoredWindows } from './anchored-window.js';
import { decimalParam } from './evidence-sql.js';

const DAY_MS = 86_400_000;

export const CrossBorderSplitParamsSchema = Type.Object({
  /** Cross-border reporting threshold (CNY). */
  threshold: Type.Number({ exclusiveMinimum: 0 }),
  /** Each amount at least this share of the threshold (inclusive). */
  lowerRatio: Type.Number({ minimum: 0, maximum: 1 }),
  /** Each amount below this share of the threshold (exclusive). */
  upperRatio: Type.Number({ exclusiveMinimum: 0, maximum: 10 }),
  minCount: Type.Integer({ minimum: 2 }),
  minCountries: Type.Integer({ minimum: 1 }),
  /** The window's amounts together at least this share of the threshold. */
  minTotalRatio: Type.Number({ minimum: 0 }),
  windowDays: Type.Number({ exclusiveMinimum: 0, maximum: 366 }),
  remittanceTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type CrossBorderSplitParams = Static<typeof CrossBorderSplitParamsSchema>;

export const CROSS_BORDER_SPLIT_DEFAULTS: CrossBorderSplitParams = {
  threshold: 200_000,
  lowerRatio: 0.5,
  upperRatio: 1,
  minCount: 3,
  minCountries: 2,
  minTotalRatio: 1,
  windowDays: 7,
  remittanceTypes: ['cross_border_out'],
};

const BASE = `SELECT *, src AS party, '' AS side, to_country AS counterparty FROM recs
  WHERE kind IN {remittanceTypes:Array(String)}
    AND amount >= {threshold:Decimal(18, 2)} * {lowerRatio:Decimal(38, 6)}
    AND amount < {threshold:Decimal(18, 2)} * {upperRatio:Decimal(38, 6)}`;

export const crossBorderSplit: TypologyDetector<CrossBorderSplitParams> = {
  id: 'cross_border_split',
  logicVersion: '1.0.0',
  defaultParams: CROSS_BORDER_SPLIT_DEFAULTS,
  paramsSchema: CrossBorderSplitParamsSchema,
  recordTypes: (params) => params.remittanceTypes,
  checkParams: (p) => (p.lowerRatio < p.upperRatio ? [] : ['lowerRatio: must be below upperRatio']),
  detect(ctx: DetectionContext<CrossBorderSplitParams>): Promise<Incident[]> {
    const { params } = ctx;
    return detectAnchoredWindows(ctx, {
      typology: 'cross_border_split',
      base: BASE,
      partyColumn: 'from_account',
      role: 'remittance',
      windowMs: Math.round(params.windowDays * DAY_MS),
      recordTypes: params.remittanceTypes,
      minCount: params.minCount,
      minCounterparties: params.minCountries,
      minTotal: decimalParam(params.threshold * params.minTotalRatio),
      params: {
        remittanceTypes: params.remittanceTypes, threshold: decimalParam(params.threshold),
        lowerRatio: String(params.lowerRatio), upperRatio: String(params.upperRatio),
      },
    });
  },
};
