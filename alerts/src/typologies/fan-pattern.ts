/**
 * Fan-in and fan-out: one personal account exchanging transfers with many distinct accounts
 * within a window, for a large total — collection of funds from many sources, or their
 * dispersal to many. The two differ only in which side is the personal hub.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { TypologyId } from '../../../core/src/domain/alert.js';
import type { DetectionContext, Incident, TypologyDetector } from '../typology.js';
import { detectAnchoredWindows } from './anchored-window.js';
import { NON_PERSONAL_ACCOUNTS, decimalParam } from './evidence-sql.js';

const HOUR_MS = 3_600_000;

export const FanParamsSchema = Type.Object({
  /** Distinct counterparties (senders for fan-in, recipients for fan-out) at least this many. */
  minCounterparties: Type.Integer({ minimum: 2 }),
  windowHours: Type.Number({ exclusiveMinimum: 0, maximum: 24 * 366 }),
  /** The window's transfers together at least this (CNY). */
  minTotal: Type.Number({ minimum: 0 }),
  transferTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type FanParams = Static<typeof FanParamsSchema>;

export const FAN_DEFAULTS: FanParams = { minCounterparties: 10, windowHours: 24, minTotal: 100_000, transferTypes: ['transfer'] };

/** Which side of the transfers is the personal hub. */
export type FanDirection = 'in' | 'out';

function baseOf(direction: FanDirection): string {
  const [hub, other] = direction === 'in' ? ['dst', 'src'] : ['src', 'dst'];
  return `SELECT *, ${hub} AS party, '' AS side, ${other} AS counterparty FROM recs
  WHERE kind IN {transferTypes:Array(String)} AND src != dst AND ${hub} NOT IN (${NON_PERSONAL_ACCOUNTS})`;
}

/** A fan detector in one direction. */
export function createFanTypology(id: TypologyId, direction: FanDirection): TypologyDetector<FanParams> {
  const base = baseOf(direction);
  return {
    id,
    logicVersion: '1.0.0',
    defaultParams: FAN_DEFAULTS,
    paramsSchema: FanParamsSchema,
    recordTypes: (params) => params.transferTypes,
    detect(ctx: DetectionContext<FanParams>): Promise<Incident[]> {
      const { params } = ctx;
      return detectAnchoredWindows(ctx, {
        typology: id,
        base,
        partyColumn: direction === 'in' ? 'to_account' : 'from_account',
        role: 'transfer',
        windowMs: Math.round(params.windowHours * HOUR_MS),
        recordTypes: params.transferTypes,
        minCount: params.minCounterparties,
        minCounterparties: params.minCounterparties,
        minTotal: decimalParam(params.minTotal),
        params: { transferTypes: params.transferTypes },
      });
    },
  };
}
