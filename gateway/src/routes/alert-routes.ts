import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { TYPOLOGY_IDS, type Alert } from '../../../core/src/domain/alert.js';
import { requireUser } from '../http/request-identity.js';
import { canSee } from '../../../alerts/src/joint-review-service.js';
import { toAlert } from '../../../alerts/src/alert-factory.js';
import type { PlatformComponents } from '../platform-components.js';

const AlertQuery = Type.Object({
  typology: Type.Optional(Type.Union(TYPOLOGY_IDS.map((t) => Type.Literal(t)))),
  status: Type.Optional(Type.Union(['open', 'confirmed', 'dismissed', 'escalated'].map((s) => Type.Literal(s)))),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
}, { additionalProperties: false });

const StatsQuery = Type.Object({
  bucket: Type.Optional(Type.Union([Type.Literal('minute'), Type.Literal('hour'), Type.Literal('day')])),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
}, { additionalProperties: false });

const BUCKET_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** Alerts routed to the caller's department (auditors: all), and their counts over time. */
export const alertRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, alerts } = components;

  const visible = (request: Parameters<typeof requireUser>[1]): Alert[] => {
    const user = requireUser(access, request);
    return alerts.all().filter((a) => canSee(user, a)).map(toAlert);
  };

  app.get<{ Querystring: Static<typeof AlertQuery> }>('/api/v1/alerts', {
    schema: { tags: ['alerts'], summary: "Alerts routed to the caller's department, newest first", querystring: AlertQuery },
  }, async (request) => {
    const q = request.query;
    const list = visible(request)
      .filter((a) => (!q.typology || a.typology === q.typology) && (!q.status || a.status === q.status))
      .filter((a) => (!q.from || a.lastTs >= new Date(q.from).toISOString()) && (!q.to || a.firstTs <= new Date(q.to).toISOString()))
      .sort((a, b) => (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : a.id < b.id ? 1 : -1));
    return { alerts: list.slice(0, q.limit ?? 1000) };
  });

  app.get<{ Querystring: Static<typeof StatsQuery> }>('/api/v1/alerts/stats', {
    schema: { tags: ['alerts'], summary: 'Alert counts by typology over time (raised time)', querystring: StatsQuery },
  }, async (request) => {
    const bucket = request.query.bucket ?? 'minute';
    const from = request.query.from ? Date.parse(request.query.from) : 0;
    const to = request.query.to ? Date.parse(request.query.to) : Number.MAX_SAFE_INTEGER;
    const counts = new Map<string, number>();
    const totals: Record<string, number> = {};
    for (const a of visible(request)) {
      const t = Date.parse(a.raisedAt);
      if (t < from || t > to) continue;
      const start = new Date(Math.floor(t / BUCKET_MS[bucket]) * BUCKET_MS[bucket]).toISOString();
      counts.set(`${start}|${a.typology}`, (counts.get(`${start}|${a.typology}`) ?? 0) + 1);
      totals[a.typology] = (totals[a.typology] ?? 0) + 1;
    }
    const series = [...counts].map(([k, count]) => {
      const [t, typology] = k.split('|');
      return { t, typology, count };
    }).sort((a, b) => (a.t! < b.t! ? -1 : a.t! > b.t! ? 1 : 0));
    return { series, totals };
  });

  app.get<{ Params: { id: string } }>('/api/v1/alerts/:id', {
    schema: { tags: ['alerts'], summary: 'One alert', params: Type.Object({ id: Type.String({ maxLength: 64 }) }) },
  }, async (request, reply) => {
    const alert = visible(request).find((a) => a.id === request.params.id);
    if (!alert) return reply.status(404).send({ error: 'NOT_FOUND', message: `alert ${request.params.id} not found` });
    return alert;
  });
};
