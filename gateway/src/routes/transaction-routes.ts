import type { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireInstitution, requireUser } from '../http/request-identity.js';
import { AccessDeniedError, InvalidInputError } from '../../../core/src/errors.js';
import type { PlatformComponents } from '../platform-components.js';
import type { Institution } from '../../../core/src/domain/institution-registry.js';
import { AdmissionController, type Admission } from '../http/admission-control.js';
import { bodyTooLarge, SaturatedError, tooManyRecords } from '../http/limit-errors.js';
import { readNdjsonBody } from '../http/ndjson-body.js';
import { readJsonBody } from '../http/json-body.js';
import { isSubmittedBody, type BodyLimits } from '../http/submitted-body.js';
import { BodyNotJsonError } from '../ingest/preparation/record-preparation.js';

const IngestionAnswer = Type.Object({
  accepted: Type.Integer(), duplicates: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), txId: Type.Union([Type.String(), Type.Null()]), reason: Type.String() })),
  rejectedCount: Type.Optional(Type.Integer({ description: 'Only when the list is cut: how many records were rejected in all' })),
  rejectedTruncated: Type.Optional(Type.Boolean({ description: 'Only when the list is cut (true): `rejected` lists the first ones' })),
});
const ErrorAnswer = Type.Object({ error: Type.String(), message: Type.String(), field: Type.Optional(Type.String()) });

/** What the onRequest hook established for an admitted request. */
interface AdmittedRequest {
  institution: Institution;
  admission: Admission;
}

/** Reporting institutions' ingestion API, and record proofs. */
export const transactionRoutes: FastifyPluginAsync<{ components: PlatformComponents }> = async (app, { components }) => {
  const { access, ingestion, proofs } = components;
  const limits = components.config.ingestLimits;
  const admission = new AdmissionController(limits);
  const admitted = new WeakMap<FastifyRequest, AdmittedRequest>();

  /** Limits of one request's parse; its record count is claimed against the in-flight bound before parsing. */
  const parseLimits = (request: FastifyRequest, text?: string): BodyLimits => ({
    maxRecords: limits.maxRecordsPerRequest,
    tooMany: () => tooManyRecords(limits.maxRecordsPerRequest),
    admit: (count) => {
      const state = admitted.get(request);
      if (!state) return;
      // Its share in bytes is the actual length once known (a chunked NDJSON body keeps the largest until it ends).
      const bytes = Number(request.headers['content-length']) || (text === undefined ? undefined : Buffer.byteLength(text));
      if (bytes !== undefined) state.admission.settleBytes(bytes);
      if (!state.admission.claimRecords(count)) throw new SaturatedError(limits.retryAfterSeconds, 'records');
    },
  });
  // Scoped to this plugin: ingestion bodies are counted before they are parsed.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, readJsonBody(String(body), parseLimits(request, String(body))));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser(['application/x-ndjson', 'application/ndjson'], async (request: FastifyRequest, payload: Readable) => readNdjsonBody(payload, {
    ...parseLimits(request), maxBytes: limits.maxBodyBytes, tooLarge: () => bodyTooLarge(limits.maxBodyBytes),
  }));

  /**
   * Before the body is read: the API key (401), the declared size (413) and the work in
   * flight (429 with Retry-After). A refused request's connection is closed so that its
   * body is never read.
   */
  const admit = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const bodyPending = request.headers['transfer-encoding'] !== undefined || (Number(request.headers['content-length']) || 0) > 0;
    const refuse = (error: Error): never => {
      if (bodyPending) {
        void reply.header('connection', 'close');
        // Once the answer is written, drop the connection instead of reading the body to its end.
        reply.raw.once('finish', () => request.raw.pause());
      }
      throw error;
    };
    let institution: Institution | undefined;
    try {
      institution = requireInstitution(access, request);
    } catch (error) {
      refuse(error as Error);
    }
    const declared = request.headers['content-length'] === undefined ? limits.maxBodyBytes : Number(request.headers['content-length']);
    if (declared > limits.maxBodyBytes) refuse(bodyTooLarge(limits.maxBodyBytes));
    const ticket = admission.admit(Number.isFinite(declared) ? declared : limits.maxBodyBytes);
    if (!ticket) return refuse(new SaturatedError(limits.retryAfterSeconds, 'bytes or records'));
    // Released once the answer is sent or the connection dropped (and the ingestion, if any, is over).
    reply.raw.once('close', () => ticket.release());
    admitted.set(request, { institution: institution as Institution, admission: ticket });
  };

  app.post('/api/v1/transactions', {
    bodyLimit: limits.maxBodyBytes,
    onRequest: admit,
    schema: {
      tags: ['ingestion'], summary: 'Submit transaction records (JSON array or NDJSON)',
      description: 'Each record is validated on its own; valid records are kept, rejected ones are listed with every field and reason (at most '
        + `${limits.maxRejectionsListed}; beyond, \`rejectedCount\` gives the total and \`rejectedTruncated\` is true). Idempotent on (institution, txId). `
        + `At most ${limits.maxRecordsPerRequest} records and ${limits.maxBodyBytes} bytes per request (413 beyond). When the work in flight is at its bound, `
        + '429 with a `Retry-After` header (seconds), before the body is read. A batch of which nothing was accepted (no record new or a duplicate) '
        + 'answers 422 with the same body.',
      response: { 200: IngestionAnswer, 401: ErrorAnswer, 413: ErrorAnswer, 422: IngestionAnswer, 429: ErrorAnswer },
    },
  }, async (request, reply) => {
    const state = admitted.get(request);
    if (!state) throw new Error('ingestion request without admission');
    const { institution } = state;
    if (!isSubmittedBody(request.body)) throw new InvalidInputError('body', 'required: a JSON array of records, or NDJSON');
    const body = request.body;
    state.admission.retain();
    let result;
    try {
      result = await ingestion.submit({ format: body.format, chunks: body.chunks, caller: institution.code, maxRejectionsListed: limits.maxRejectionsListed });
    } catch (error) {
      if (error instanceof BodyNotJsonError) throw new InvalidInputError('body', error.message);
      throw error;
    } finally {
      state.admission.release();
    }
    request.log.debug({ institution: institution.code, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejectedCount }, 'records ingested');
    // Nothing of a non-empty batch kept: the batch as a whole is refused, with its reasons.
    if (result.records > 0 && result.accepted === 0 && result.duplicates === 0) void reply.code(422);
    return {
      accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected,
      ...(result.rejectedCount > result.rejected.length ? { rejectedCount: result.rejectedCount, rejectedTruncated: true } : {}),
    };
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
