import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireUser } from '../http/request-identity.js';
import type { PlatformComponents } from '../platform-components.js';
import { awaitingDepartment } from '../../../alerts/src/department-queue.js';
import { severityBasisOf } from '../../../alerts/src/severity-basis.js';
import { linkedCases } from '../../../alerts/src/linked-cases.js';

const CaseParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64 }) });
const OpinionBody = Type.Object({
  decision: Type.Union([Type.Literal('confirm'), Type.Literal('dismiss'), Type.Literal('request_info')]),
  comment: Type.Optional(Type.String({ maxLength: 4000 })),
}, { additionalProperties: false });

const DiscussionBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 4000 }),
  askedDepartment: Type.Optional(Type.String({ maxLength: 8, description: 'ask another routed department for information' })),
  replyTo: Type.Optional(Type.String({ maxLength: 64, description: 'the id of a request addressed to the caller\'s department' })),
}, { additionalProperties: false });

/** Joint-review cases: details, the department's opinion, and the department's queue. */
export const caseRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, review, alerts, proofs, discussion } = components;

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
      severityBasis: severityBasisOf(details.alert),
      linkedCases: linkedCases(review.visibleAlert(user, request.params.caseId), alerts.all(), user),
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

  app.get<{ Params: Static<typeof CaseParams> }>('/api/v1/cases/:caseId/discussion', {
    schema: { tags: ['cases'], summary: "A case's discussion thread, oldest first (texts off-chain, hashes on the ledger)", params: CaseParams },
  }, async (request) => {
    const user = requireUser(access, request);
    return { entries: await discussion.entries(user, request.params.caseId) };
  });

  app.post<{ Params: Static<typeof CaseParams>; Body: Static<typeof DiscussionBody> }>('/api/v1/cases/:caseId/discussion', {
    schema: {
      tags: ['cases'], summary: 'Add to the discussion (analysts and reviewers of a routed department); its hash goes to the ledger',
      params: CaseParams, body: DiscussionBody,
    },
  }, async (request, reply) => {
    const user = requireUser(access, request);
    const { text, ...addressing } = request.body;
    const entry = await discussion.post(user, request.params.caseId, text, addressing);
    return reply.status(201).send({ entry });
  });

  app.get('/api/v1/queue', { schema: { tags: ['cases'], summary: 'Open cases awaiting the caller\'s department, oldest first' } }, async (request) => {
    const user = requireUser(access, request);
    return { cases: awaitingDepartment(alerts.all(), user).map((a) => review.queueView(a)) };
  });
};
