import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PlatformError } from '../../../core/src/errors.js';
import { bodyTooLarge } from './limit-errors.js';

const STATUS_BY_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  ACCESS_DENIED: 403,
  NOT_FOUND: 404,
  RECORD_DELETED: 410,
  LEDGER_REFUSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  SATURATED: 429,
  ENGINE_UNAVAILABLE: 503,
};

/** The error body every route answers with: a stable code and a message a person can act on. */
export interface ErrorBody {
  error: string;
  message: string;
  field?: string;
}

/**
 * Translates every error to HTTP in one place. Platform errors keep their message;
 * request-shape errors from Fastify (schema validation, bad JSON, body too large) become
 * 4xx naming what was wrong; anything else is logged whole and answered with a 500 that
 * reveals nothing of the internals.
 */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if ((error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE') error = bodyTooLarge(request.routeOptions.bodyLimit);
  if (error instanceof PlatformError) {
    const status = STATUS_BY_CODE[error.code] ?? 500;
    const body: ErrorBody = { error: error.code, message: error.message };
    if (typeof error.details?.field === 'string') body.field = error.details.field;
    if (typeof error.details?.retryAfterSeconds === 'number') void reply.header('retry-after', String(error.details.retryAfterSeconds));
    if (status >= 500) request.log.error({ err: error }, 'platform error');
    else request.log.info({ code: error.code }, error.message);
    return reply.status(status).send(body);
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const first = fe.validation[0];
    const field = fieldOf(first?.instancePath, first?.params);
    // A pattern says nothing to a person; the field's description says what to write.
    const description = (first as { parentSchema?: { description?: unknown } } | undefined)?.parentSchema?.description;
    const reason = first?.keyword === 'pattern' && typeof description === 'string' ? description : first?.message ?? 'invalid';
    return reply.status(400).send({ error: 'INVALID_INPUT', message: `${field}: ${reason}`, field });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.status(fe.statusCode).send({ error: fe.code || 'BAD_REQUEST', message: fe.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ error: 'INTERNAL', message: 'internal error; it has been logged' });
}

function fieldOf(instancePath: string | undefined, params: unknown): string {
  const missing = (params as { missingProperty?: string } | undefined)?.missingProperty;
  const path = (instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  if (missing) return path ? `${path}.${missing}` : missing;
  return path || 'body';
}
