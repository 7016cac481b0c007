/**
 * CSV downloads of what a department user sees: the alerts (with the stream's filters and
 * search), the department's queue, and a case's evidence. Same visibility as the JSON routes;
 * the session cookie authenticates a browser download.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireUser } from '../http/request-identity.js';
import { canSee } from '../../../alerts/src/joint-review-service.js';
import { awaitingDepartment } from '../../../alerts/src/department-queue.js';
import { matchesSearch } from '../../../monitor-ui/src/data/alert-query.js';
import type { PlatformComponents } from '../platform-components.js';
import { toCsv } from './csv-text.js';

const AlertCsvQuery = Type.Object({
  typology: Type.Optional(Type.String({ maxLength: 64 })),
  status: Type.Optional(Type.Union(['open', 'confirmed', 'dismissed', 'escalated'].map((s) => Type.Literal(s)))),
  severity: Type.Optional(Type.Union(['low', 'medium', 'high', 'critical'].map((s) => Type.Literal(s)))),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  q: Type.Optional(Type.String({ maxLength: 128, description: 'account pseudonym, txId, case id or alert id (prefix)' })),
}, { additionalProperties: false });
const CaseParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64 }) });

const ALERT_COLUMNS = ['id', 'caseId', 'typology', 'ruleVersion', 'severity', 'status', 'amount', 'firstTs', 'lastTs', 'raisedAt', 'departments', 'institutions', 'accounts', 'txIds'];

function sendCsv(reply: FastifyReply, filename: string, body: string): FastifyReply {
  return reply.header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

export const exportRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, alerts, review } = components;

  app.get<{ Querystring: Static<typeof AlertCsvQuery> }>('/api/v1/alerts.csv', {
    schema: { tags: ['alerts'], summary: "Alerts routed to the caller's department as CSV, newest first", querystring: AlertCsvQuery },
  }, async (request, reply) => {
    const user = requireUser(access, request);
    const q = request.query;
    const from = q.from ? new Date(q.from).toISOString() : undefined;
    const to = q.to ? new Date(q.to).toISOString() : undefined;
    const rows = alerts.all().filter((a) => canSee(user, a))
      .filter((a) => (!q.typology || a.typology === q.typology) && (!q.status || a.status === q.status) && (!q.severity || a.severity === q.severity))
      .filter((a) => (!from || a.lastTs >= from) && (!to || a.firstTs <= to) && matchesSearch(a, q.q ?? ''))
      .sort((a, b) => (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : a.id < b.id ? 1 : -1))
      .map((a) => [a.id, a.caseId, a.typology, a.ruleVersion, a.severity, a.status, a.amount, a.firstTs, a.lastTs, a.raisedAt,
        a.departments.join(' '), a.institutions.join(' '), a.accounts.join(' '), a.txIds.join(' ')]);
    return sendCsv(reply, 'alerts.csv', toCsv(ALERT_COLUMNS, rows));
  });

  app.get('/api/v1/queue.csv', {
    schema: { tags: ['cases'], summary: "The caller's department's queue as CSV, oldest first" },
  }, async (request, reply) => {
    const user = requireUser(access, request);
    const rows = awaitingDepartment(alerts.all(), user).map((a) => [a.caseId, a.id, a.typology, a.severity, a.status, a.amount,
      a.openedAt ?? a.raisedAt, a.deadline ?? '', a.departments.join(' '), a.departments.map((d) => `${d}:${a.decisions?.[d] ?? 'pending'}`).join(' ')]);
    return sendCsv(reply, `queue-${user.department}.csv`,
      toCsv(['caseId', 'alertId', 'typology', 'severity', 'status', 'amount', 'openedAt', 'deadline', 'departments', 'decisions'], rows));
  });

  app.get<{ Params: Static<typeof CaseParams> }>('/api/v1/cases/:caseId/evidence.csv', {
    schema: { tags: ['cases'], summary: "A case's evidence records as CSV, in event order", params: CaseParams },
  }, async (request, reply) => {
    const user = requireUser(access, request);
    const doc = review.visibleAlert(user, request.params.caseId);
    const rows = [...doc.evidence].sort((a, b) => a.ts.localeCompare(b.ts)).map((e) => [e.ts, e.institution, e.txId, e.type, e.role,
      e.from, e.to, e.amount, e.toSector, e.toMcc, e.toCountry]);
    return sendCsv(reply, `evidence-${doc.caseId}.csv`,
      toCsv(['ts', 'institution', 'txId', 'type', 'role', 'from', 'to', 'amount', 'toSector', 'toMcc', 'toCountry'], rows));
  });
};
