/**
 * Loan funds diverted to a restricted sector: a `consumer` or `business` loan disbursement
 * whose money reaches a restricted party (real estate, capital markets…) within a window,
 * straight from the borrower or through up to N intermediate personal accounts. Each hop
 * is later than the one before and carries at least a share of it, so the path follows the
 * money rather than any payment the borrower happens to make.
 *
 * One incident per loan: every path found from the same disbursement is the same misuse,
 * keyed by the loan record, so windows and paths found at different times merge.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { TypologyId } from '../../../gateway/src/domain/alert.js';
import type { DetectionContext, Incident, TypologyDetector } from '../typology.js';
import {
  NON_PERSONAL_ACCOUNTS, PRUNED_RECORDS, decimalParam, evidenceOf, evidenceTuple, inRange,
  type EvidenceTupleRow,
} from './evidence-sql.js';
import { evidenceKey, incidentOf, sumAmounts } from './incident-of.js';

const DAY_MS = 86_400_000;

/** Parameters of a credit-diversion typology (every number is configuration). */
export const CreditFlowParamsSchema = Type.Object({
  /** Loan purposes watched; mortgages are exempt by default. */
  loanPurposes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  /** GB/T 4754 sector codes of the restricted receiving party. */
  restrictedSectors: Type.Array(Type.String({ minLength: 1 })),
  /** Merchant category codes of the restricted receiving party. */
  restrictedMccs: Type.Array(Type.String({ minLength: 1 })),
  /** The restricted payment must happen at most this many days after the disbursement. */
  windowDays: Type.Number({ exclusiveMinimum: 0, maximum: 3660 }),
  /** Intermediate personal accounts allowed between borrower and restricted party. */
  maxIntermediates: Type.Integer({ minimum: 0, maximum: 3 }),
  /** Each hop carries at least this share of the previous hop (the loan for the first). */
  minHopRatio: Type.Number({ minimum: 0, maximum: 1 }),
  /** The restricted payment is at least this amount (CNY). */
  minFinalAmount: Type.Number({ minimum: 0 }),
  /** Record types that move money along the path. */
  flowTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
}, { additionalProperties: false });
export type CreditFlowParams = Static<typeof CreditFlowParamsSchema>;

function checkCreditFlowParams(params: Readonly<CreditFlowParams>): string[] {
  return params.restrictedSectors.length + params.restrictedMccs.length === 0
    ? ['restrictedSectors: at least one sector or MCC must be restricted']
    : [];
}

/** SQL of paths with exactly `hops` intermediates; aliases l, h1…hN, f. */
function pathSql(hops: number): string {
  const legs = ['l', ...Array.from({ length: hops }, (_, i) => `h${i + 1}`), 'f'];
  const joins: string[] = [];
  const where: string[] = [];
  for (let i = 1; i < legs.length; i++) {
    const [prev, leg] = [legs[i - 1]!, legs[i]!];
    const table = leg === 'f' ? 'finals' : 'hops';
    joins.push(`INNER JOIN ${table} AS ${leg} ON ${leg}.src = ${prev}.dst`);
    where.push(`${leg}.t > ${prev}.t`, `${leg}.amount >= ${prev}.amount * {ratio:Decimal(38, 6)}`);
    // An intermediate is a new personal account: no going back to the borrower or an earlier hop.
    if (leg !== 'f') where.push(...legs.slice(0, i).map((p) => `${leg}.dst != ${p}.dst`));
  }
  where.push('f.t <= l.t + {windowMs:Int64}', `(${legs.map(inRange).join(' OR ')})`);
  const evidence = legs.map((leg) => evidenceTuple(leg, leg === 'l' ? 'loan' : leg === 'f' ? 'sensitive_payment' : 'hop'));
  return `SELECT l.inst AS loan_inst, l.tx_id AS loan_tx, [${evidence.join(', ')}] AS ev
  FROM loans AS l ${joins.join(' ')}
  WHERE ${where.join(' AND ')}`;
}

/** The whole query: every path of 0…maxIntermediates hops that touches the range. */
export function creditFlowSql(maxIntermediates: number): string {
  const paths = Array.from({ length: maxIntermediates + 1 }, (_, hops) => pathSql(hops));
  return `WITH
  recs AS (${PRUNED_RECORDS}),
  loans AS (SELECT * FROM recs WHERE kind = 'loan_disbursement' AND purpose IN {loanPurposes:Array(String)}),
  flows AS (SELECT * FROM recs WHERE kind IN {flowTypes:Array(String)}),
  hops AS (SELECT * FROM flows WHERE dst NOT IN (${NON_PERSONAL_ACCOUNTS})),
  finals AS (SELECT * FROM flows
    WHERE (to_sector IN {sectors:Array(String)} OR to_mcc IN {mccs:Array(String)}) AND amount >= {minFinal:Decimal(18, 2)})
${paths.join('\nUNION ALL\n')}`;
}

interface PathRow { loan_inst: string; loan_tx: string; ev: EvidenceTupleRow[] }

/** Group the paths by loan: one incident per disbursement. */
function incidentsOf(typology: TypologyId, rows: readonly PathRow[]): Incident[] {
  const byLoan = new Map<string, PathRow[]>();
  for (const row of rows) {
    const key = `${row.loan_inst}/${row.loan_tx}`;
    byLoan.set(key, [...(byLoan.get(key) ?? []), row]);
  }
  return [...byLoan.entries()].map(([loanKey, paths]) => {
    const evidence = paths.flatMap((path) => path.ev.map(evidenceOf));
    const payments = new Map(evidence.filter((e) => e.role === 'sensitive_payment').map((e) => [evidenceKey(e), e.amount]));
    return incidentOf({ typology, incidentKey: `${typology}:${loanKey}`, evidence, amount: sumAmounts([...payments.values()]) });
  });
}

/** Options of one credit-diversion typology. */
export interface CreditFlowTypologyOptions {
  id: TypologyId;
  logicVersion: string;
  defaultParams: CreditFlowParams;
}

/** A credit-diversion detector for one restricted sector. */
export function createCreditFlowTypology(options: Readonly<CreditFlowTypologyOptions>): TypologyDetector<CreditFlowParams> {
  return {
    id: options.id,
    logicVersion: options.logicVersion,
    defaultParams: options.defaultParams,
    paramsSchema: CreditFlowParamsSchema,
    checkParams: checkCreditFlowParams,
    async detect(ctx: DetectionContext<CreditFlowParams>): Promise<Incident[]> {
      const { params, range, eventTime } = ctx;
      const windowMs = Math.round(params.windowDays * DAY_MS);
      const result = await ctx.client.query({
        query: creditFlowSql(params.maxIntermediates),
        format: 'JSONEachRow',
        query_params: {
          lo: eventTime.minMs - windowMs, hi: eventTime.maxMs + windowMs, windowMs,
          afterSeq: range.afterSeq, uptoSeq: range.uptoSeq,
          loanPurposes: params.loanPurposes, flowTypes: params.flowTypes,
          sectors: params.restrictedSectors, mccs: params.restrictedMccs,
          minFinal: decimalParam(params.minFinalAmount), ratio: String(params.minHopRatio),
        },
      });
      return incidentsOf(options.id, await result.json<PathRow>());
    },
  };
}

