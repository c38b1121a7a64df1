import { headerEntry } from '../internal/headers.js';
import { isErrorStatus } from '../status/lookup.js';
import { PHRASES } from '../status/table.js';
import { InternalServerError } from './classes.js';
import { createHttpError } from './create.js';
import {
  type HeaderInput,
  type HttpError,
  type HttpErrorOptions,
  isHttpError,
} from './http-error.js';

type Loose = Record<string, unknown>;

const UNPARSABLE = 'The request content could not be parsed.';

const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null;

function plainHeaders(x: unknown): HeaderInput | undefined {
  return isObject(x) && !Array.isArray(x) ? (x as HeaderInput) : undefined;
}

/**
 * The header fields of Hono's `HTTPException`: those of its `res`, the Fetch `Response` Hono
 * would send (e.g. basicAuth's `WWW-Authenticate: Basic realm="…"`), less `Content-Type` and
 * `Content-Length`, which describe the body the problem replaces. Hono marks it by
 * `getResponse()`; anything else with a `res` (a Node `ServerResponse`, say) is not read.
 */
function honoHeaders(x: Loose): HeaderInput | undefined {
  if (typeof x.getResponse !== 'function' || !isObject(x.res)) return undefined;
  const fields = x.res.headers;
  if (!isObject(fields) || typeof fields.forEach !== 'function') return undefined;
  const headers: Record<string, string | string[]> = {};
  const forEach = fields.forEach as (each: (value: unknown, name: unknown) => void) => void;
  forEach.call(fields, (value, name) => {
    if (typeof name !== 'string' || typeof value !== 'string') return;
    if (name === 'content-type' || name === 'content-length') return;
    // Headers yields each Set-Cookie on its own; every other field once, combined.
    const before = headers[name];
    headers[name] = before === undefined ? value : [before, value].flat();
  });
  return headers;
}

/**
 * Reads the status, headers, expose flag and message of an error from another library:
 * http-errors, body-parser and Koa (`status`/`statusCode`, `expose`, `headers`), Boom
 * (`isBoom`, `output.statusCode`, `output.headers`) or Hono's `HTTPException` (`status`,
 * `message`, and the headers of its `res`). Nothing else is copied: in particular not
 * body-parser's `body` (the raw request body) nor its `type` (an error code, not a problem
 * type URI).
 */
function fromForeign(x: Loose): HttpError | undefined {
  let status: unknown;
  let headers: HeaderInput | undefined;
  let expose: unknown;
  if (x.isBoom === true && isObject(x.output)) {
    status = x.output.statusCode;
    headers = plainHeaders(x.output.headers);
  } else {
    status = typeof x.status === 'number' ? x.status : x.statusCode;
    headers = plainHeaders(x.headers) ?? honoHeaders(x);
    expose = x.expose;
  }
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
    return undefined;
  }
  // Unregistered codes (nginx's 499, a vendor's 520) fall back to the generic code of their
  // class, so that every HttpError carries a status clients and tables know.
  const code = isErrorStatus(status) ? status : status < 500 ? 400 : 500;
  const message = typeof x.message === 'string' ? x.message : '';
  // body-parser's message for content that does not parse is JSON.parse's, which quotes the
  // start of the raw body (`Unexpected token 'p', "password=h"... is not valid JSON`): it is
  // replaced, never shown. Such errors carry the raw body as `body` or the type below.
  const unparsable = x.type === 'entity.parse.failed' || 'body' in x;
  const options: HttpErrorOptions & { allow?: string[] } = {
    expose: typeof expose === 'boolean' ? expose : code < 500,
    cause: x,
    stack: false,
  };
  if (unparsable) options.detail = UNPARSABLE;
  else if (message !== '' && message !== PHRASES[code]) options.detail = message;
  if (code === 405) options.allow = allowOf(headers);
  const err = build(code, options, headers);
  if (typeof x.stack === 'string') err.stack = x.stack;
  return err;
}

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

/** Builds the named class; foreign headers that do not validate are dropped, not fatal. */
function build(code: number, options: HttpErrorOptions, headers: HeaderInput | undefined) {
  if (headers) {
    // Each foreign field on its own: one that does not validate (a CR, several cookies in one
    // Set-Cookie) is dropped, the others are kept.
    const valid: Record<string, string> = {};
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (value === undefined || value === null) continue;
      try {
        const [key, text] = headerEntry('toHttpError', name, value);
        valid[key] = text;
      } catch {
        // dropped
      }
    }
    options.headers = valid;
  }
  return createHttpError(code, options);
}

/**
 * Normalizes anything thrown into an {@link HttpError}:
 * - an `HttpError` (from any copy of this package) is returned as it is;
 * - errors of http-errors, body-parser, Koa, Fastify, Boom and Hono (`HTTPException`, with the
 *   header fields of its `res`) keep their status, headers, expose flag and message, as the
 *   named class of the status, with the original as `cause` (and its `stack`); body-parser's
 *   raw `body` is never copied, and its message for content that does not parse — which quotes
 *   the raw body — is replaced by a fixed detail;
 * - anything else becomes an {@link InternalServerError} with the original as `cause`, so its
 *   message is never shown to clients.
 *
 * Never throws.
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
  if (isHttpError(x)) return x;
  if (isObject(x)) {
    try {
      const err = fromForeign(x);
      if (err) return err;
    } catch {
      // A hostile object (throwing getters, a revoked proxy) is treated as unknown.
    }
  }
  const err = new InternalServerError({ cause: x, stack: false });
  try {
    if (isObject(x) && typeof x.stack === 'string') err.stack = x.stack;
  } catch {
    // keep the one-line stack
  }
  return err;
}
