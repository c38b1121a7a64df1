// Adapter entry `http-error-kit/fastify`: a Fastify 5 plugin that installs the error and
// not-found handlers for the whole app. Only Fastify's types are imported.

/// <reference types="node" />

import type { FastifyError, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { BadRequestError } from '../errors/bad-request.js';
import { NotFoundError } from '../errors/classes.js';
import { UnprocessableContentError } from '../errors/unprocessable-content.js';
import type { ValidationIssue } from '../errors/validation.js';
import { isRepresentationField, withVary } from '../internal/headers.js';
import { renderError } from '../render/render-error.js';
import { forRequest, type PerRequestOptions } from './per-request.js';

/**
 * Options of {@link errorPlugin}: the `PerRequestOptions` of Fastify's request (`instance`,
 * `extensions`, `traceId` and `onError` get the request), plus the status of schema validation
 * errors.
 *
 * @example
 * const options: FastifyErrorOptions = {
 *   instance: (request) => request.url,
 *   traceId: (request) => request.id,
 *   validationStatus: 422,
 * };
 */
export interface FastifyErrorOptions extends PerRequestOptions<FastifyRequest> {
  /** The status of a request that fails a route's schema: 400 (the default) or 422. */
  validationStatus?: 400 | 422 | undefined;
}

interface AjvFailure {
  message?: string;
  instancePath?: string;
  params?: Record<string, unknown>;
}

const toToken = (name: string) => name.replaceAll('~', '~0').replaceAll('/', '~1');
const fromToken = (token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~');

/** One `errors[]` entry per failure: a JSON Pointer into the body, or the parameter or header. */
function issueOf(failure: AjvFailure, context: unknown): ValidationIssue {
  const detail = typeof failure.message === 'string' ? failure.message : 'is not valid';
  // ajv points at the object that lacks a `required` property, not at the property.
  const missing = failure.params?.missingProperty;
  const at = typeof failure.instancePath === 'string' ? failure.instancePath : '';
  const path = at + (typeof missing === 'string' ? `/${toToken(missing)}` : '');
  if (context === 'body') return { detail, pointer: `#${path}` };
  const name = fromToken(path.split('/')[1] ?? '');
  return context === 'headers' ? { detail, header: name } : { detail, parameter: name };
}

/** Fastify's schema validation error (`FST_ERR_VALIDATION`) as a 400 or 422 with `errors[]`. */
function validationError(err: FastifyError, status: unknown): Error {
  const errors = (err.validation as AjvFailure[]).map((f) => issueOf(f, err.validationContext));
  const options = { errors, cause: err };
  return status === 422
    ? new UnprocessableContentError(err.message, options)
    : new BadRequestError(err.message, options);
}

function send(
  err: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  options: FastifyErrorOptions,
): FastifyReply {
  const { validationStatus, ...rest } = options;
  const failed = err as Partial<FastifyError> | null | undefined;
  const thrown = Array.isArray(failed?.validation)
    ? validationError(failed as FastifyError, validationStatus)
    : err;
  const { status, headers, body } = renderError(thrown, {
    ...forRequest(rest, request, request.headers.traceparent),
    accept: request.headers.accept,
  });
  // Logged as Fastify's own handler logs: through the request's logger.
  if (status >= 500) request.log.error({ err }, 'request failed');
  // Fastify keeps the fields set before the error, and `headers` replaces them: a Vary set
  // before (CORS) is merged in instead. Those that describe the abandoned representation
  // (`ETag`, `Content-Disposition`, …) would be wrong on the problem: they go.
  const before = reply.getHeaders();
  withVary(headers, before.vary);
  for (const name of Object.keys(before)) if (isRepresentationField(name)) reply.removeHeader(name);
  // A Buffer, so that neither a route's response schema nor Fastify's charset rule for strings
  // touches the rendered body. Fastify hands it to node:http whatever the method, and node:http
  // leaves it out for a request that arrived as HEAD.
  return reply.code(status).headers(headers).send(Buffer.from(body));
}

const plugin: FastifyPluginCallback<FastifyErrorOptions> = (app, options, done) => {
  app.setErrorHandler((err, request, reply) => send(err, request, reply, options));
  app.setNotFoundHandler((request, reply) =>
    send(new NotFoundError({ stack: false }), request, reply, options),
  );
  done();
};

// What fastify-plugin does: not encapsulated, so the handlers apply to the whole app.
Object.assign(plugin, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'http-error-kit',
  [Symbol.for('plugin-meta')]: { name: 'http-error-kit', fastify: '5.x' },
});

/**
 * A Fastify 5 plugin, registered once, that answers every error of the app with problem
 * details rendered by `renderError`, and every request no route takes with a 404 problem. It is
 * not encapsulated (it marks itself as `fastify-plugin` does), so it applies to the routes of
 * every plugin registered before or after it; a plugin that sets its own error handler still
 * overrides it for its routes.
 *
 * - Schema validation errors (`FST_ERR_VALIDATION`) become a 400 (or 422 with
 *   `validationStatus: 422`) whose `errors[]` has one entry per failure: a JSON Pointer into the
 *   body (`#/name`), or the query or path `parameter`, or the `header`.
 * - Fastify's own errors keep their status (`FST_ERR_CTP_*`: 400, 413, 415), and the request
 *   body is never echoed.
 * - A 5xx is logged with `request.log.error`, as Fastify's default handler does.
 * - A route's response schema does not reshape the problem.
 * - Fields set on the reply before the error are kept (CORS), except those that describe the
 *   abandoned representation (`Content-*` but `Content-Security-Policy`, `ETag`,
 *   `Last-Modified`); a `Vary` set before is merged with the rendered `Vary: Accept`.
 *
 * @example
 * import Fastify from 'fastify';
 * import { ForbiddenError } from 'http-error-kit';
 * import { errorPlugin } from 'http-error-kit/fastify';
 *
 * const app = Fastify();
 * await app.register(errorPlugin, { instance: (request) => request.url });
 * app.delete('/user-data/:id', async () => {
 *   throw new ForbiddenError('You do not have permission to delete user data.');
 * });
 */
export const errorPlugin: FastifyPluginCallback<FastifyErrorOptions> = plugin;
