import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireUser } from '../http/request-identity.js';
import type { PlatformComponents } from '../platform-components.js';
import type { ListEntryRequest } from '../../../alerts/src/rules/index.js';

const Entry = Type.Object({
  list: Type.Union([Type.Literal('negative'), Type.Literal('allow')]),
  kind: Type.Union([Type.Literal('account'), Type.Literal('jurisdiction')]),
  /** A raw account id (pseudonymized on arrival, never stored), an account pseudonym `p_…`, or a country code. */
  value: Type.String({ minLength: 1, maxLength: 128 }),
  /** One typology routed to the caller's department, or `*` (default): every typology routed to it. */
  typology: Type.Optional(Type.String({ maxLength: 32, pattern: '^([a-z_]{1,32}|\\*)$' })),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
}, {
  additionalProperties: false,
  // The list's rules in the schema itself: the allow list holds accounts only, and a jurisdiction is a country code.
  allOf: [
    { if: { properties: { list: { const: 'allow' } } }, then: { properties: { kind: { type: 'string', const: 'account' } } } },
    { if: { properties: { kind: { const: 'jurisdiction' } } }, then: { properties: { value: { type: 'string', pattern: '^[A-Z]{2}$' } } } },
  ],
});
type EntryBody = Static<typeof Entry>;

const EntryId = Type.Object({ entryId: Type.String({ pattern: '^L-[0-9a-f]{32}$' }) });
type EntryIdParams = Static<typeof EntryId>;
const Awaiting = Type.Object({ awaiting: Type.Optional(Type.Literal('mine')) }, { additionalProperties: false });

const PSEUDONYM = /^p_[0-9a-f]{32}$/;

/**
 * The negative list (raises severity) and the allow list (exempts accounts). Every
 * department user reads them, with each entry's owner, scope and ledger record. A
 * department's reviewers and admins list only within their department's remit; an
 * allow-list entry takes effect once every other department it would silence has
 * approved it on the ledger (`alerts/src/rules/list-governance.ts`).
 */
export const listRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, lists, pseudonymizer } = components;

  const requestOf = (body: EntryBody): ListEntryRequest => ({
    list: body.list, kind: body.kind,
    value: body.kind === 'account' && !PSEUDONYM.test(body.value) ? pseudonymizer.pseudonymize(body.value) : body.value,
    typology: (body.typology ?? '*') as ListEntryRequest['typology'],
    ...(body.reason === undefined ? {} : { reason: body.reason }),
  });

  app.get<{ Querystring: Static<typeof Awaiting> }>('/api/v1/lists', {
    schema: { tags: ['rules'], summary: 'Negative and allow list entries (awaiting=mine: proposals waiting for my department)', querystring: Awaiting },
  }, async (request) => {
    const user = requireUser(access, request);
    return { entries: await lists.entries(request.query.awaiting === 'mine' ? user.department : undefined) };
  });

  app.post<{ Body: EntryBody }>('/api/v1/lists', {
    schema: { tags: ['rules'], summary: "Propose a list entry within the department's remit (reviewers, admins)", body: Entry },
  }, async (request, reply) => {
    const user = requireUser(access, request);
    const entry = await lists.propose(user, requestOf(request.body));
    return reply.status(201).send({ entry });
  });

  app.post<{ Params: EntryIdParams }>('/api/v1/lists/:entryId/approval', {
    schema: { tags: ['rules'], summary: "Approve another department's entry that affects my department's alerts (reviewers)", params: EntryId },
  }, async (request) => {
    const user = requireUser(access, request);
    return { entry: await lists.approve(user, request.params.entryId) };
  });

  app.delete<{ Params: EntryIdParams }>('/api/v1/lists/:entryId', {
    schema: { tags: ['rules'], summary: 'Withdraw an entry: its owner, or a department whose approval it needs', params: EntryId },
  }, async (request) => {
    const user = requireUser(access, request);
    return { removed: true, entry: await lists.withdraw(user, request.params.entryId) };
  });

  app.delete<{ Body: EntryBody }>('/api/v1/lists', {
    schema: { tags: ['rules'], summary: "Withdraw my department's entry for a value (reviewers, admins)", body: Entry },
  }, async (request) => {
    const user = requireUser(access, request);
    const { list, kind, value } = requestOf(request.body);
    return { removed: true, entry: await lists.withdraw(user, lists.entryIdOf(user, list, kind, value)) };
  });
};
