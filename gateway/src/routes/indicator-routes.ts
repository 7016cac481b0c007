import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { InvalidInputError } from '../../../core/src/errors.js';
import { requireUser } from '../http/request-identity.js';
import { indicatorSetHash, indicatorSetLedgerVersion, mayReadIndicator, quarterOfInstant } from '../../../alerts/src/indicators/index.js';
import type { PlatformComponents } from '../platform-components.js';

const IndicatorQuery = Type.Object({
  quarter: Type.Optional(Type.String({ maxLength: 32, pattern: '^[12]\\d{3}Q[1-4]$', description: 'write the year and quarter, e.g. 2026Q3 (China Standard Time); the current one when absent' })),
  indicator: Type.Optional(Type.String({ maxLength: 64, description: 'only this indicator, e.g. credit_to_real_estate_share' })),
  institution: Type.Optional(Type.String({ maxLength: 64, description: 'only this institution' })),
  granularity: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('quarter')])),
}, { additionalProperties: false });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Contributor = Type.Object({
  institution: Type.String(), txId: Type.String(), type: Type.String(), from: Type.String({ description: 'pseudonym' }), to: Type.String({ description: 'pseudonym' }),
  amount: Type.String(), ts: Type.String(), toSector: Type.Optional(Type.String()), toMcc: Type.Optional(Type.String()), toCountry: Type.Optional(Type.String()),
});

const Indicator = Type.Object({
  indicator: Type.String(), version: Type.String({ description: 'id@version of the definition' }),
  unit: Type.Union(['share', 'amount', 'index', 'growth'].map((u) => Type.Literal(u))),
  institution: Type.String(), segment: Type.Optional(Type.String({ description: 'the corridor (country) of outflow by corridor' })),
  period: Type.String({ description: '2026Q3, 2026-07 or 2026-W27' }), granularity: Type.String(),
  periodStart: Type.String(), periodEnd: Type.String(),
  value: Nullable(Type.Number()), base: Type.Number(), threshold: Nullable(Type.Number()), trendThreshold: Nullable(Type.Number()),
  previous: Nullable(Type.Number()), changePct: Nullable(Type.Number()), sufficientBase: Type.Boolean(),
  breached: Type.Boolean(), breaches: Type.Array(Type.String()), departments: Type.Array(Type.String()),
  caseId: Type.Optional(Type.String({ description: 'the joint review the breach opened' })), caseStatus: Type.Optional(Type.String()),
  alertIds: Type.Array(Type.String()), contributors: Type.Array(Contributor),
  history: Type.Array(Type.Object({ period: Type.String(), value: Nullable(Type.Number()) })),
});

const Listing = Type.Object({
  quarter: Type.String(),
  definitions: Type.Object({ version: Type.String({ description: 'the ledger key of the indicator set' }), hash: Type.String({ description: 'SHA-256 of its canonical JSON, anchored on the ledger' }) }),
  indicators: Type.Array(Indicator),
});

/**
 * Risk indicators of a quarter, those routed to the caller's department (auditors: all).
 * Reading evaluates them: a breach shown is a breach under joint review (its case opened once).
 */
export const indicatorRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, indicators } = components;
  if (!indicators) return;
  // The active set's ids in the schema itself, so the OpenAPI document lists what `indicator` may be.
  const ids = indicators.set.indicators.map((d) => d.id);
  const query = ids.length === 0 ? IndicatorQuery : Type.Object({
    ...IndicatorQuery.properties,
    indicator: Type.Optional(Type.Union(ids.map((id) => Type.Literal(id)), { description: 'only this indicator, e.g. credit_to_real_estate_share' })),
  }, { additionalProperties: false });

  app.get<{ Querystring: Static<typeof IndicatorQuery> }>('/api/v1/indicators', {
    schema: {
      tags: ['indicators'], querystring: query, response: { 200: Listing },
      summary: "Risk indicators of a quarter by institution and period (week, month, quarter) with threshold, trend, history and the case a breach opened; the caller's department's only",
    },
  }, async (request) => {
    const user = requireUser(access, request);
    const q = request.query;
    const quarter = q.quarter ?? quarterOfInstant(new Date()).id;
    const known = indicators.set.indicators.map((d) => d.id);
    // An unknown id is a mistake to name, not an empty answer that looks like "no risk".
    if (q.indicator !== undefined && !known.includes(q.indicator)) throw new InvalidInputError('indicator', `unknown indicator; one of ${known.join(', ')}`);
    const values = (await indicators.evaluate(quarter)).filter((v) => mayReadIndicator(user, v)
      && (!q.indicator || v.indicator === q.indicator) && (!q.institution || v.institution === q.institution)
      && (!q.granularity || v.granularity === q.granularity));
    return { quarter, definitions: { version: indicatorSetLedgerVersion(indicators.set), hash: indicatorSetHash(indicators.set) }, indicators: values };
  });
};
