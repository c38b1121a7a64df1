import { errorStatusOf, validFields } from '../internal/checked.js';
import { setOwn } from '../internal/own.js';
import { isObject } from '../internal/reply.js';
import { hasHttpErrorBrand } from '../internal/symbols.js';
import { isToken } from '../internal/syntax.js';
import { isMarkedUpstream } from '../internal/upstream.js';
import type { ErrorStatus } from '../status/lookup.js';
import { ERROR_PHRASES } from '../status/table.js';
import { BadGatewayError, GatewayTimeoutError, InternalServerError } from './classes.js';
import { createHttpError } from './create.js';
import { type HeaderInput, HttpError, type HttpErrorOptions } from './http-error.js';

type Loose = Record<PropertyKey, unknown>;

const UNPARSABLE = 'The request content could not be parsed.';

// Brands other libraries put on their errors (Symbol.for, so shared by all their copies).
const UNDICI = Symbol.for('undici.error.UND_ERR');
const FASTIFY = Symbol.for('fastify-error-generic');

// Codes by which HTTP clients say they gave up waiting: axios (`ECONNABORTED`, `ETIMEDOUT`),
// superagent (`ECONNABORTED`), got (`ETIMEDOUT`), undici (its three timeouts).
const TIMEOUT_CODE = /^(ECONNABORTED|ETIMEDOUT|UND_ERR_(CONNECT|HEADERS|BODY)_TIMEOUT)$/;

// The one field each status requires (RFC 9110 §15, RFC 6585 §4): all an unrecognized object
// may send with its status.
const REQUIRED: Readonly<Record<number, string>> = {
  401: 'www-authenticate',
  405: 'allow',
  407: 'proxy-authenticate',
  413: 'retry-after',
  416: 'content-range',
  426: 'upgrade',
  429: 'retry-after',
  503: 'retry-after',
};

const plainFields = (x: unknown): HeaderInput | undefined =>
  isObject(x) && !Array.isArray(x) ? (x as HeaderInput) : undefined;

/**
 * The fields of a Fetch `Headers` (Hono's `res.headers`, h3's `headers`), read by its
 * `forEach`, less `Content-Type` and `Content-Length`, which describe the body the problem
 * replaces.
 */
function fetchFields(x: unknown): HeaderInput | undefined {
  if (!isObject(x) || typeof x.forEach !== 'function') return undefined;
  const headers: Record<string, string | string[]> = {};
  const forEach = x.forEach as (each: (value: unknown, name: unknown) => void) => void;
  forEach.call(x, (value, name) => {
    if (typeof name !== 'string' || typeof value !== 'string') return;
    if (name === 'content-type' || name === 'content-length') return;
    // Headers yields each Set-Cookie on its own; every other field once, combined.
    const before = Object.hasOwn(headers, name) ? headers[name] : undefined;
    setOwn(headers, name, before === undefined ? value : [before, value].flat());
  });
  return headers;
}

/**
 * What an error of a known server-side framework says about the response it wants: its status,
 * its header fields and its expose flag, each possibly absent.
 */
type ServerShape = [status: unknown, headers?: HeaderInput | undefined, expose?: unknown];

/**
 * The status, headers and expose flag of a known server-side error, or `undefined` when `x` is
 * none of them. Each is recognized by what its library puts on it, not by a name alone:
 * - Boom: `isBoom` and `output` (`statusCode`, `headers`);
 * - NestJS `HttpException`: `getStatus()` and `getResponse()`;
 * - Hono `HTTPException`: `getResponse()` and a `res` field (the Response it would send);
 * - h3 v1 `H3Error`: its class's `__h3_error__`; h3 v2 `HTTPError`: the name with its own
 *   `statusText`, `unhandled` and `body` fields and a `Headers` object as `headers`;
 * - Fastify and `@fastify/error`: the `fastify-error-generic` brand;
 * - http-errors (also Koa's `ctx.throw` and body-parser): a boolean `expose` and `status`
 *   equal to `statusCode`.
 */
function serverShape(x: Loose): ServerShape | undefined {
  if (x.isBoom === true && isObject(x.output)) {
    return [x.output.statusCode, plainFields(x.output.headers)];
  }
  if (typeof x.getResponse === 'function') {
    if (typeof x.getStatus === 'function') return [x.status];
    if ('res' in x) return [x.status, fetchFields(isObject(x.res) && x.res.headers)];
  }
  const unhandled = x.unhandled === true ? false : undefined;
  const ctor = x.constructor;
  if (typeof ctor === 'function' && (ctor as unknown as Loose).__h3_error__ === true) {
    return [x.statusCode, undefined, unhandled];
  }
  if (
    x.name === 'HTTPError' &&
    ['unhandled', 'statusText', 'body'].every((k) => Object.hasOwn(x, k))
  ) {
    return [x.status, fetchFields(x.headers), unhandled];
  }
  if (x[FASTIFY] === true) return [x.statusCode ?? x.status, plainFields(x.headers)];
  if (typeof x.expose === 'boolean' && errorStatusOf(x.status) && x.status === x.statusCode) {
    return [x.status, plainFields(x.headers), x.expose];
  }
  return undefined;
}

/** A Fetch `Request`, as ky's errors carry it. */
const isRequest = (x: unknown): boolean =>
  isObject(x) && typeof x.url === 'string' && typeof x.method === 'string';

/**
 * Whether `x` is an HTTP client's error, that is about a request to another server: by the
 * marks of axios, undici, got, ky, ofetch, node-fetch, superagent, Stripe's SDK, the
 * Elasticsearch client and the AWS SDK, or, for any other client, a `response` with an error
 * status (node-fetch's documented pattern, superagent).
 */
const isClientError = (x: Loose): boolean =>
  x.isAxiosError === true ||
  x[UNDICI] === true ||
  (typeof x.code === 'string' && x.code.startsWith('UND_ERR_')) ||
  // got: every RequestError has `timings` and `options`.
  ('timings' in x && isObject(x.options)) ||
  ((x.name === 'HTTPError' || x.name === 'TimeoutError') && isRequest(x.request)) ||
  // ofetch (`request`, `options`) or node-fetch (`type`: 'system', 'request-timeout', …).
  (x.name === 'FetchError' && (('request' in x && 'options' in x) || typeof x.type === 'string')) ||
  // superagent's timeout error has no response.
  (typeof x.timeout === 'number' && x.code === 'ECONNABORTED') ||
  // Stripe: `raw` (the API's error object) and `rawType`.
  (isObject(x.raw) && 'rawType' in x) ||
  // Elasticsearch: `meta` is the diagnostic result (statusCode, headers, body).
  (isObject(x.meta) && 'statusCode' in x.meta && 'headers' in x.meta) ||
  // AWS SDK v3: `$metadata.httpStatusCode`.
  (isObject(x.$metadata) && 'httpStatusCode' in x.$metadata) ||
  (isObject(x.response) &&
    (errorStatusOf(x.response.status) ?? errorStatusOf(x.response.statusCode)) !== undefined);

/**
 * Whether a client's error says it gave up waiting: a timeout code, ky's `TimeoutError`,
 * ofetch's cause named `TimeoutError`, node-fetch 2's `request-timeout`.
 */
const timedOut = (x: Loose): boolean =>
  (typeof x.code === 'string' && TIMEOUT_CODE.test(x.code)) ||
  x.name === 'TimeoutError' ||
  x.type === 'request-timeout' ||
  (isObject(x.cause) && x.cause.name === 'TimeoutError');

/** Keeps the original's stack (logs point at the real failure), if it has a string one. */
function withStack(err: HttpError, x: unknown): HttpError {
  try {
    if (isObject(x) && typeof x.stack === 'string') err.stack = x.stack;
  } catch {
    // keep the one-line stack
  }
  return err;
}

/**
 * An error of `Class` with the original as cause and stack, and nothing else of it: an upstream
 * failure (502, 504 for a timeout) or an unknown value (500).
 */
const wrap = (Class: new (options: HttpErrorOptions) => HttpError, x: unknown): HttpError =>
  withStack(new Class({ cause: x, stack: false }), x);

function allowOf(headers: HeaderInput | undefined): string[] {
  for (const name of Object.keys(headers ?? {})) {
    const value = headers?.[name];
    if (name.toLowerCase() === 'allow' && (typeof value === 'string' || Array.isArray(value))) {
      return String(value)
        .split(',')
        .map((m) => m.trim())
        .filter((m) => m !== '');
    }
  }
  return [];
}

/** The options a foreign error's status is made with; `allow` only for a 405. */
type ForeignOptions = HttpErrorOptions & { allow?: string[] };

/**
 * Makes the error of a foreign error's status, from options that are valid for its named
 * class: {@link toHttpError} makes the named class, {@link normalizeError} the base class.
 */
type Make = (status: ErrorStatus, options: ForeignOptions) => HttpError;

/**
 * The error of a foreign error's status. `trusted` (a known server-side shape) keeps its
 * headers and its expose flag (by default `status < 500`); otherwise only the field the status
 * requires is kept and the message is shown only with `expose === true`. `undefined` when the
 * status is none, or when a 405's `Allow` names something that is no method (a token), which
 * no MethodNotAllowedError can send.
 */
function fromStatus(
  x: Loose,
  [given, headers, exposed]: ServerShape,
  trusted: boolean,
  make: Make,
): HttpError | undefined {
  // Unregistered codes (nginx's 499, a vendor's 520) fall back to the generic code of their
  // class, so that every HttpError carries a status clients and tables know.
  const code = errorStatusOf(given);
  if (code === undefined) return undefined;
  const expose = trusted ? (typeof exposed === 'boolean' ? exposed : code < 500) : exposed === true;
  const options: ForeignOptions = { expose, cause: x, stack: false };
  const message = typeof x.message === 'string' ? x.message : '';
  // body-parser's message for content that does not parse is JSON.parse's, which quotes the
  // start of the raw body (`Unexpected token 'p', "password=h"... is not valid JSON`): it is
  // replaced, never shown. Its other messages (a `verify` hook's, "too many parameters") stay.
  if (x.type === 'entity.parse.failed') options.detail = UNPARSABLE;
  else if (message !== '' && message !== ERROR_PHRASES[code]) options.detail = message;
  if (code === 405) {
    const allow = allowOf(headers);
    if (!allow.every(isToken)) return undefined;
    options.allow = allow;
  }
  // Trusted: every valid field; otherwise only the one the status requires (none for most).
  if (headers) {
    options.headers = validFields(
      'toHttpError',
      headers,
      (key) => trusted || key === REQUIRED[code],
    );
  }
  const { allow } = options;
  // `Allow` as MethodNotAllowedError writes it, from which the base class reads its `allow`.
  if (allow) options.headers = { ...options.headers, allow: allow.join(', ') };
  return withStack(make(code, options), x);
}

function fromForeign(x: Loose, make: Make): HttpError | undefined {
  const shape = serverShape(x);
  if (shape) return fromStatus(x, shape, true, make);
  if (isClientError(x)) return wrap(timedOut(x) ? GatewayTimeoutError : BadGatewayError, x);
  const status = typeof x.status === 'number' ? x.status : x.statusCode;
  return fromStatus(x, [status, plainFields(x.headers), x.expose], false, make);
}

/** The one normalization, whichever class `make` gives a foreign error's status. */
function normalize(x: unknown, make: Make): HttpError {
  if (isObject(x)) {
    try {
      if (isMarkedUpstream(x)) return wrap(BadGatewayError, x);
      if (hasHttpErrorBrand(x)) return x as unknown as HttpError;
      const err = fromForeign(x, make);
      if (err) return err;
    } catch {
      // A hostile object (throwing getters, a revoked proxy) is treated as unknown.
    }
  }
  return wrap(InternalServerError, x);
}

const named: Make = (status, options) => createHttpError(status, options);

/** The base class of the status, which has what its named class has for these options. */
const base: Make = (status, options) => new HttpError(status, options);

/**
 * Normalizes anything thrown into an {@link HttpError}, by a trust model (see the problem
 * details guide for the table):
 * - an `HttpError` (from any copy of this package) is returned as it is, unless
 *   `fromResponse` or `ensureOk` made it from another server's response;
 * - the errors of HTTP clients — axios, undici, got, ky, ofetch, node-fetch, superagent, SDK
 *   errors shaped like Stripe's, and those `fromResponse`/`ensureOk` made — describe another
 *   server's response: they become a {@link BadGatewayError} (a {@link GatewayTimeoutError}
 *   when the client timed out) with the original as `cause` and nothing else of it. To pass
 *   one on, throw an error of your own: `throw new ServiceUnavailableError({ cause: err })`;
 * - errors of http-errors (Koa's `ctx.throw`, body-parser), Boom, Fastify, Hono
 *   (`HTTPException`, with the header fields of its `res`), h3 and NestJS keep their status,
 *   headers, expose flag (default `status < 500`) and message, as the named class of the
 *   status; body-parser's raw `body` is never copied, and its message for content that does not
 *   parse — which quotes the raw body — is replaced by a fixed detail;
 * - any other object with `status` or `statusCode` 400–599 keeps its status; its message is
 *   shown only when it has `expose === true`, and of its headers only the field the status
 *   requires (`WWW-Authenticate` for 401, `Allow` 405, `Proxy-Authenticate` 407,
 *   `Retry-After` 413, 429 and 503, `Content-Range` 416, `Upgrade` 426) is kept;
 * - anything else becomes an {@link InternalServerError} with the original as `cause`, so its
 *   message is never shown to clients.
 *
 * The original's `stack` is kept, so logs point at the real failure. Never throws.
 *
 * @example
 * try {
 *   await handler(req, res);
 * } catch (thrown) {
 *   const err = toHttpError(thrown); // e.g. InternalServerError for a TypeError
 *   console.error(err.status, err.cause);
 * }
 */
export function toHttpError(x: unknown): HttpError {
  return normalize(x, named);
}

/**
 * {@link toHttpError} for rendering: the same status, fields, headers, cause and stack, but a
 * foreign error's status becomes the base `HttpError` instead of its named class (an
 * `InternalServerError`, `BadGatewayError` or `GatewayTimeoutError` stays one), so that the
 * render path does not carry every named class and its option checks. Never throws.
 * @internal
 */
export function normalizeError(x: unknown): HttpError {
  return normalize(x, base);
}
