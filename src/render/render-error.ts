import type { Challenge } from '../auth/format-challenges.js';
import type { HttpError } from '../errors/http-error.js';
import { toHttpError } from '../errors/normalize.js';
import type { ErrorFormat, ProblemDetails } from '../problem/types.js';
import type { ErrorStatus } from '../status/lookup.js';
import { headersFor } from './headers.js';
import { negotiate } from './negotiate.js';
import { type ProblemFormat, serializeProblem } from './serialize.js';
import { toProblem } from './to-problem.js';

/**
 * Options of {@link renderError}, which every adapter accepts too.
 *
 * @example
 * const options: RenderOptions = {
 *   accept: req.headers.accept,
 *   method: req.method,
 *   debug: process.env.NODE_ENV === 'development',
 *   extensions: { traceId },
 * };
 */
export interface RenderOptions {
  /** The request's `Accept` field, for content negotiation (see {@link negotiate}). */
  accept?: string | null | undefined;
  /** The request method: `HEAD` gets the headers and an empty body. */
  method?: string | undefined;
  /** Show messages, stacks and causes of every error. Development only; default `false`. */
  debug?: boolean;
  /** Force a format instead of negotiating one. */
  format?: ErrorFormat;
  /** `instance` for errors that have none of their own, e.g. the request path. */
  instance?: string;
  /**
   * The challenge for a 401 (or 407) that carries none, since the response must have one.
   * Default `{ scheme: 'Bearer' }`.
   */
  challenge?: Challenge | readonly Challenge[];
  /**
   * Reshapes the JSON body, e.g. to a legacy `{ "error": "…" }` shape; the result is sent as
   * `application/json`, since it is no longer a problem document. Gets the redacted problem
   * and the normalized error. Applies to the JSON formats only.
   */
  body?: (problem: ProblemDetails, error: HttpError) => unknown;
  /**
   * Called with the normalized error and the original thrown value, e.g. to log it. Whatever
   * it throws is swallowed: reporting must never break the response.
   */
  onError?: (error: HttpError, original: unknown) => void;
  /**
   * Request-level members added to every problem, redacted or not, e.g. `{ traceId }`:
   * the one channel for correlation data on a 5xx. Reserved members still win.
   */
  extensions?: Readonly<Record<string, unknown>>;
}

/**
 * An error response ready to send: status, header fields (lower-case names) and body.
 *
 * @example
 * const { status, headers, body }: RenderedError = renderError(err);
 * return new Response(body, { status, headers });
 */
export interface RenderedError {
  /** The HTTP status to send: a registered 4xx or 5xx code, equal to the problem's `status`. */
  status: ErrorStatus;
  /** Response header fields, lower-case names, values free of CR, LF and NUL. */
  headers: Record<string, string>;
  /** The response content; empty for HEAD. */
  body: string;
}

const MEDIA: Record<ErrorFormat, string> = {
  'problem+json': 'application/problem+json',
  json: 'application/json',
  'problem+xml': 'application/problem+xml',
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

const SERIALIZE_AS: Record<ErrorFormat, ProblemFormat> = {
  'problem+json': 'json',
  json: 'json',
  'problem+xml': 'xml',
  html: 'html',
  text: 'text',
};

function reshape(
  shape: NonNullable<RenderOptions['body']>,
  problem: ProblemDetails,
  error: HttpError,
): string | undefined {
  try {
    const json = JSON.stringify(shape(problem, error));
    return typeof json === 'string' ? json : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns anything thrown into an error response: the one pipeline every adapter calls.
 * Normalizes ({@link toHttpError}), redacts ({@link toProblem}), negotiates the format from
 * `accept` ({@link negotiate}) and serializes ({@link serializeProblem}). Never throws.
 *
 * For every input: `status` is 400–599; a 401 has `WWW-Authenticate`; a 405 has `Allow`;
 * `Content-Type` matches the body; `X-Content-Type-Options: nosniff` is set, and
 * `Cache-Control: no-store` unless the error set its own; no header value contains CR, LF or
 * NUL.
 *
 * @example
 * const { status, headers, body } = renderError(
 *   new ForbiddenError('You do not have permission to delete user data.'),
 *   { accept: 'application/json' },
 * );
 * // status 403, headers['content-type'] 'application/problem+json', body
 * // {"type":"about:blank","title":"Forbidden","status":403,"detail":"You do not have permission to delete user data."}
 */
export function renderError(err: unknown, options?: RenderOptions): RenderedError {
  const error = toHttpError(err);
  if (options?.onError) {
    try {
      options.onError(error, err);
    } catch {
      // Reporting must never break the response.
    }
  }
  const problem = toProblem(error, options);
  // toProblem takes the status from a normalized HttpError (or 404 for a concealed one).
  const status = problem.status as ErrorStatus;
  const format = options?.format ?? negotiate(options?.accept);
  const headers = headersFor(error, status, options?.challenge);
  let contentType = MEDIA[format] ?? MEDIA['problem+json'];
  let body: string | undefined;
  if (options?.body && (format === 'problem+json' || format === 'json')) {
    body = reshape(options.body, problem, error);
    if (body !== undefined) contentType = MEDIA.json;
  }
  body ??= serializeProblem(problem, SERIALIZE_AS[format] ?? 'json');
  headers['content-type'] = contentType;
  const method: unknown = options?.method;
  if (typeof method === 'string' && method.toUpperCase() === 'HEAD') body = '';
  return { status, headers, body };
}
