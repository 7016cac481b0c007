import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireInstitution, requireUser } from '../http/request-identity.js';
import { AccessDeniedError } from '../errors.js';
import type { PlatformComponents } from '../platform-components.js';
import { ndjsonLineError } from '../http/ndjson-parser.js';

const IngestionAnswer = Type.Object({
  accepted: Type.Integer(), duplicates: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), txId: Type.Union([Type.String(), Type.Null()]), reason: Type.String() })),
});

/** Reporting institutions' ingestion API, and record proofs. */
export const transactionRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, ingestion, proofs } = components;

  app.post('/api/v1/transactions', {
    bodyLimit: 64 * 1024 * 1024,
    schema: {
      tags: ['ingestion'], summary: 'Submit transaction records (JSON array or NDJSON)',
      description: 'Each record is validated on its own; valid records are kept, rejected ones are listed with the field and reason. Idempotent on (institution, txId).',
      response: { 200: IngestionAnswer },
    },
  }, async (request) => {
    const institution = requireInstitution(access, request);
    const body: unknown = request.body;
    const records = Array.isArray(body) ? body : [body];
    const result = await ingestion.ingest(records, institution.code);
    // An NDJSON line that was not JSON is refused as such, not for the marker that stands in for it.
    const rejected = result.rejected.map((r) => {
      const lineError = ndjsonLineError(records[r.index]);
      return lineError === undefined ? r : { index: r.index, txId: null, reason: `record: ${lineError}` };
    });
    request.log.info({ institution: institution.code, accepted: result.accepted, duplicates: result.duplicates, rejected: rejected.length }, 'records ingested');
    return { accepted: result.accepted, duplicates: result.duplicates, rejected };
  });

  app.get<{ Params: { institution: string; txId: string } }>('/api/v1/transactions/:institution/:txId/proof', {
    schema: {
      tags: ['ledger'], summary: 'Merkle inclusion proof of a stored record and its ledger anchor',
      params: Type.Object({ institution: Type.String({ maxLength: 32 }), txId: Type.String({ maxLength: 64 }) }),
    },
  }, async (request) => {
    // Institutions may prove their own records; department users any record.
    const institution = access.institutionOfKey(request.headers.authorization?.replace(/^Bearer /, ''));
    if (institution) {
      if (institution.code !== request.params.institution) throw new AccessDeniedError('an institution may only prove its own records');
    } else {
      requireUser(access, request);
    }
    return proofs.prove(request.params.institution, request.params.txId);
  });
};
