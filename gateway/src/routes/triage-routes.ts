/** A department's triage of its cases: the state, assignment to a colleague, bulk acknowledgement. */
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireUser } from '../http/request-identity.js';
import type { PlatformComponents } from '../platform-components.js';

const CaseParams = Type.Object({ caseId: Type.String({ minLength: 1, maxLength: 64 }) });
const AssignmentBody = Type.Object({ assignee: Type.String({ maxLength: 64, description: "a username of the caller's department; '' unassigns" }) }, { additionalProperties: false });
const AcknowledgeBody = Type.Object({ caseIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });

export const triageRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, triage } = components;

  app.get('/api/v1/triage', {
    schema: { tags: ['cases'], summary: "The caller's department's assignments and acknowledgements, and who cases can be assigned to" },
  }, async (request) => {
    const user = requireUser(access, request);
    return { cases: await triage.state(user), members: triage.members(user) };
  });

  app.post<{ Params: Static<typeof CaseParams>; Body: Static<typeof AssignmentBody> }>('/api/v1/cases/:caseId/assignment', {
    schema: { tags: ['cases'], summary: "Assign the case, for the caller's department, to a colleague", params: CaseParams, body: AssignmentBody },
  }, async (request) => {
    const user = requireUser(access, request);
    return { caseId: request.params.caseId, ...(await triage.assign(user, request.params.caseId, request.body.assignee)) };
  });

  app.post<{ Body: Static<typeof AcknowledgeBody> }>('/api/v1/triage/acknowledge', {
    schema: { tags: ['cases'], summary: 'Acknowledge cases in bulk for the caller\'s department (all or none)', body: AcknowledgeBody },
  }, async (request) => {
    const user = requireUser(access, request);
    return { acknowledged: await triage.acknowledge(user, request.body.caseIds) };
  });
};
