import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireUser } from '../http/request-identity.js';
import type { PlatformComponents } from '../platform-components.js';

const CaseParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64 }) });
const OpinionBody = Type.Object({
  decision: Type.Union([Type.Literal('confirm'), Type.Literal('dismiss'), Type.Literal('request_info')]),
  comment: Type.Optional(Type.String({ maxLength: 4000 })),
}, { additionalProperties: false });

/** Joint-review cases: details, the department's opinion, and the department's queue. */
export const caseRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, review, alerts, proofs } = components;

  app.get<{ Params: Static<typeof CaseParams> }>('/api/v1/cases/:caseId', {
    schema: { tags: ['cases'], summary: 'A joint-review case routed to the caller', params: CaseParams },
  }, async (request) => {
    const user = requireUser(access, request);
    const details = await review.details(user, request.params.caseId);
    // The proof of the evidence's first record shows the anchoring; every record can be proven individually.
    const first = details.evidence[0];
    const proof = first ? await proofs.prove(first.institution, first.txId).catch(() => undefined) : undefined;
    return {
      ...details,
      proof: { verified: proof?.verified ?? false, batchId: proof?.batchId, blockNumber: proof?.ledger?.blockNumber },
    };
  });

  app.post<{ Params: Static<typeof CaseParams>; Body: Static<typeof OpinionBody> }>('/api/v1/cases/:caseId/opinions', {
    schema: { tags: ['cases'], summary: "Record the caller's department's opinion (reviewers)", params: CaseParams, body: OpinionBody },
  }, async (request) => {
    const user = requireUser(access, request);
    const view = await review.submitOpinion(user, request.params.caseId, request.body.decision, request.body.comment);
    return { case: view };
  });

  app.post<{ Params: Static<typeof CaseParams>; Body: { department: string } }>('/api/v1/cases/:caseId/departments', {
    schema: {
      tags: ['cases'], summary: 'Widen a case to another department (reviewers of a routed department)', params: CaseParams,
      body: Type.Object({ department: Type.String({ maxLength: 8 }) }, { additionalProperties: false }),
    },
  }, async (request) => {
    const user = requireUser(access, request);
    return { case: await review.addDepartment(user, request.params.caseId, request.body.department) };
  });

  app.get('/api/v1/queue', { schema: { tags: ['cases'], summary: 'Open cases awaiting the caller\'s department, oldest first' } }, async (request) => {
    const user = requireUser(access, request);
    // Auditors decide nothing, so nothing awaits them.
    if (user.role === 'auditor') return { cases: [] };
    // Built from the alerts' mirrored case state: no ledger round trip per case.
    const cases = alerts.all()
      .filter((a) => a.departments.includes(user.department) && a.status === 'open')
      .filter((a) => { const d = a.decisions?.[user.department]; return d === undefined || d === 'request_info'; })
      .sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : 0))
      .map((a) => review.queueView(a));
    return { cases };
  });
};
