import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireUser } from '../http/request-identity.js';
import { canSee } from '../../../alerts/src/joint-review-service.js';
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
    const waiting = alerts.all()
      .filter((a) => canSee(user, a) && a.departments.includes(user.department) && a.status === 'open')
      .sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : 1));
    const cases = [];
    for (const a of waiting) {
      const details = await review.details(user, a.caseId);
      if (!details.case.opinions.some((o) => o.department === user.department && o.decision !== 'request_info')) cases.push(details.case);
    }
    return { cases };
  });
};
