import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { requireUser } from '../http/request-identity.js';
import { AccessDeniedError, InvalidInputError } from '../../../core/src/errors.js';
import type { UserSession } from '../../../core/src/domain/user-session.js';
import type { PlatformComponents } from '../platform-components.js';
import {
  addListEntry, listEntries, ListEntryError, removeListEntry, type ListEntryKey,
} from '../../../alerts/src/rules/index.js';

const Entry = Type.Object({
  list: Type.Union([Type.Literal('negative'), Type.Literal('allow')]),
  kind: Type.Union([Type.Literal('account'), Type.Literal('jurisdiction')]),
  /** A raw account id (pseudonymized on arrival, never stored), an account pseudonym `p_…`, or a country code. */
  value: Type.String({ minLength: 1, maxLength: 128 }),
  typology: Type.Optional(Type.String({ maxLength: 32 })),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
}, { additionalProperties: false });
type EntryBody = Static<typeof Entry>;

const PSEUDONYM = /^p_[0-9a-f]{32}$/;

/**
 * The negative list (raises severity) and the allow list (exempts accounts), shared by all
 * departments. Every department user reads them; reviewers and admins change them, and each
 * change records who made it.
 */
export const listRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, client, pseudonymizer } = components;

  const mayChange = (user: UserSession): void => {
    if (user.role !== 'reviewer' && user.role !== 'admin') throw new AccessDeniedError(`role ${user.role} may not change the lists`);
  };
  const keyOf = (body: EntryBody): ListEntryKey => ({
    list: body.list, kind: body.kind,
    value: body.kind === 'account' && !PSEUDONYM.test(body.value) ? pseudonymizer.pseudonymize(body.value) : body.value,
    ...(body.typology ? { typology: body.typology as ListEntryKey['typology'] } : {}),
  });
  const translate = (error: unknown): never => {
    if (error instanceof ListEntryError) throw new InvalidInputError(error.field, error.message.replace(`${error.field}: `, ''));
    throw error;
  };

  app.get('/api/v1/lists', { schema: { tags: ['rules'], summary: 'Negative and allow list entries' } }, async (request) => {
    requireUser(access, request);
    return { entries: await listEntries(client) };
  });

  app.post<{ Body: EntryBody }>('/api/v1/lists', {
    schema: { tags: ['rules'], summary: 'Add a list entry (reviewers, admins)', body: Entry },
  }, async (request, reply) => {
    const user = requireUser(access, request);
    mayChange(user);
    const key = keyOf(request.body);
    await addListEntry(client, { ...key, reason: request.body.reason ?? '', addedBy: `${user.department}/${user.username}` }).catch(translate);
    return reply.status(201).send({ entry: { ...key, typology: key.typology ?? '*' } });
  });

  app.delete<{ Body: EntryBody }>('/api/v1/lists', {
    schema: { tags: ['rules'], summary: 'Remove a list entry (reviewers, admins)', body: Entry },
  }, async (request) => {
    const user = requireUser(access, request);
    mayChange(user);
    await removeListEntry(client, { ...keyOf(request.body), removedBy: `${user.department}/${user.username}` }).catch(translate);
    return { removed: true };
  });
};
