/**
 * Every bad request gets the same JSON shape: status code, a sentence, and the
 * path of each bad field, so the console can show an error where it belongs.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { formatPath } from '@crowdcue/protocol';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AccountError } from '../accounts/account-store';
import { ShowConflictError, ShowDamagedError, ShowNotFoundError, ShowValidationError } from '../storage/show-store';
import { StorageError } from '../storage/storage-error';
import { WorkerTaskError } from './worker-task';

export interface FieldError {
  path: string;
  message: string;
}

export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
  /** On a 409: what is stored now, so the client can merge. */
  current?: unknown;
  /** On a 409 for a show file with no good copy: why it cannot be read. */
  damaged?: { reason: string };
  /** On a 5xx: the id the controller log has the details under. */
  requestId?: string;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Where a failed request is logged when fastify's own request log is off (the
 * default): a 500 must reach a log, with its request id, whatever the options.
 */
export type ServerErrorLog = (line: string) => void;
const stderrLog: ServerErrorLog = (line) => process.stderr.write(`${line}\n`);

function logServerError(log: ServerErrorLog, req: FastifyRequest, status: number, err: Error): void {
  // With `logger: false` fastify's logger is a no-op without a level.
  const level = (req.log as { level?: string }).level;
  const fastifyLogs = level !== undefined && level !== 'silent' && level !== 'fatal';
  if (fastifyLogs) req.log.error({ err, reqId: req.id }, 'request failed');
  else log(`request ${req.id} ${req.method} ${req.url.split('?')[0]} failed (${status}): ${err.stack ?? err.message}`);
}

function reply(res: FastifyReply, body: ApiError): FastifyReply {
  return res.code(body.statusCode).type('application/json').send(body);
}

/** The error handler; a 5xx goes to fastify's log when it is on, else to `log` (default stderr). */
export function makeErrorHandler(log: ServerErrorLog = stderrLog) {
  return (err: FastifyError, req: FastifyRequest, res: FastifyReply): FastifyReply => handleError(log, err, req, res);
}

export const errorHandler = makeErrorHandler();

function handleError(log: ServerErrorLog, err: FastifyError, req: FastifyRequest, res: FastifyReply): FastifyReply {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const fields = err.validation.map((v) => {
      const segments = v.instancePath.split('/').filter(Boolean).map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
      return { path: formatPath([where, ...segments]), message: v.message ?? 'invalid' };
    });
    return reply(res, { statusCode: 400, error: STATUS_TEXT[400], message: fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields });
  }
  if (err instanceof ShowValidationError) {
    return reply(res, { statusCode: 400, error: STATUS_TEXT[400], message: err.message, fields: err.errors });
  }
  if (err instanceof ShowConflictError) {
    return reply(res, { statusCode: 409, error: STATUS_TEXT[409], message: err.message, current: err.current });
  }
  if (err instanceof ShowNotFoundError) {
    return reply(res, { statusCode: 404, error: STATUS_TEXT[404], message: err.message });
  }
  if (err instanceof ShowDamagedError && err.refused) {
    return reply(res, { statusCode: 403, error: STATUS_TEXT[403], message: err.message, damaged: { reason: err.reason } });
  }
  if (err instanceof ShowDamagedError) {
    return reply(res, { statusCode: 409, error: STATUS_TEXT[409], message: err.message, damaged: { reason: err.reason } });
  }
  if (err instanceof StorageError) {
    // The disk refused a write; nothing changed, and the next write may work: say so plainly.
    logServerError(log, req, 503, err);
    return reply(res, { statusCode: 503, error: STATUS_TEXT[503], message: err.message, requestId: String(req.id) });
  }
  if (err instanceof AccountError) {
    const field = (err as AccountError).field;
    return reply(res, {
      statusCode: 400,
      error: STATUS_TEXT[400],
      message: err.message,
      ...(field ? { fields: [{ path: field, message: err.message }] } : {}),
    });
  }
  if (err instanceof WorkerTaskError) {
    // Too heavy or too slow for a live controller: said plainly, the show untouched.
    return reply(res, { statusCode: err.statusCode, error: STATUS_TEXT[err.statusCode] ?? 'Error', message: err.message });
  }
  if (err instanceof HttpError) {
    return reply(res, { statusCode: err.statusCode, error: STATUS_TEXT[err.statusCode] ?? 'Error', message: err.message, ...(err.fields ? { fields: err.fields } : {}) });
  }
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
  if (status >= 500) logServerError(log, req, status, err);
  return reply(res, {
    statusCode: status,
    error: STATUS_TEXT[status] ?? 'Error',
    message: status >= 500 ? `internal error; see the controller log (request ${req.id})` : err.message,
    ...(status >= 500 ? { requestId: String(req.id) } : {}),
  });
}
