import type { Challenge } from '../auth/format-challenges.js';
import type { HttpError } from '../errors/http-error.js';
import { normalizeError } from '../errors/normalize.js';
import { checkError, read } from '../internal/checked.js';
import { mergeVary } from '../internal/headers.js';
import { release } from '../internal/hooks.js';
import {
  type ErrorFormat,
  PROBLEM_JSON,
  PROBLEM_XML,
  type ProblemDetails,
} from '../problem/types.js';
import type { ErrorStatus } from '../status/lookup.js';
import { headersFor } from './headers.js';
import { HTML_CSP } from './html.js';
import { negotiate } from './negotiate.js';
import { type ProblemFormat, serializeProblem } from './serialize.js';
import { problemOf } from './to-problem.js';

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
  debug?: boolean | undefined;
  /**
   * Force a format instead of negotiating one. A negotiated response carries `Vary: Accept`; a
   * forced one does not, since its body does not depend on `Accept`.
   */
  format?: ErrorFormat | undefined;
  /** `instance` for errors that have none of their own, e.g. the request path. */
  instance?: string | undefined;
  /**
   * The challenge for a 401 (or 407) that carries none, since the response must have one.
   * Default `{ scheme: 'Bearer' }`.
   */
  challenge?: Challenge | readonly Challenge[] | undefined;
  /**
   * Reshapes the JSON body, e.g. to a legacy `{ "error": "…" }` shape; the result is sent as
   * `application/json`, since it is no longer a problem document. Gets the redacted problem
   * and the normalized error. Applies to the JSON formats only. It must return the new shape
   * synchronously: when it throws, or returns a promise or another thenable, the problem is
   * sent as it is.
   */
  body?: ((problem: ProblemDetails, error: HttpError) => unknown) | undefined;
  /**
   * Called with the normalized error and the original thrown value, e.g. to log it. A foreign
   * error that keeps its status (http-errors, Boom, a `{ status }` object) comes as the base
   * `HttpError` of that status; `toHttpError(original)` gives its named class. It may be
   * `async`: what it throws, or its promise rejects with, is swallowed, since reporting must
   * never break the response. `false` is the same as none here; the adapters log each 5xx to
   * `console.error` when `onError` is not given, and `false` turns that off.
   */
  onError?: ((error: HttpError, original: unknown) => unknown) | false | undefined;
  /**
   * Request-level members added to every problem, redacted or not, e.g. `{ traceId }`:
   * the one channel for correlation data on a 5xx. Reserved members still win.
   */
  extensions?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * An error response ready to send: status, header fields (lower-case names) and body.
 *
 * A field value is one field line, except for `set-cookie`, `www-authenticate` and
 * `proxy-authenticate` with several lines: a list, whose every value must go out as its own
 * field line (the adapters do that). Never join such a list into one line: several cookies in
 * one `Set-Cookie` corrupt each other, and browsers mishandle challenges joined in one
 * `WWW-Authenticate`.
 *
 * @example
 * const { status, headers, body }: RenderedError = renderError(err);
 * const fields = new Headers();
 * for (const [name, value] of Object.entries(headers)) {
 *   for (const line of typeof value === 'string' ? [value] : value) fields.append(name, line);
 * }
 * return new Response(body, { status, headers: fields });
 */
export interface RenderedError {
  /** The HTTP status to send: a registered 4xx or 5xx code, equal to the problem's `status`. */
  status: ErrorStatus;
  /**
   * Response header fields, lower-case names, values free of CR, LF and NUL; a list holds the
   * lines of a field that are sent apart (two or more).
   */
  headers: Record<string, string | string[]>;
  /** The response content; empty for HEAD. */
  body: string;
}

/** The media type of each format: its `Content-Type`. */
const MEDIA: Record<ErrorFormat, string> = {
  'problem+json': PROBLEM_JSON,
  json: 'application/json',
  'problem+xml': PROBLEM_XML,
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

function reshape(
  shape: NonNullable<RenderOptions['body']>,
  problem: ProblemDetails,
  error: HttpError,
): string | undefined {
  try {
    const shaped = shape(problem, error);
    // A promise (an async function) cannot be waited for here: no reshape.
    if (release(shaped)) return undefined;
    const json = JSON.stringify(shaped);
    return typeof json === 'string' ? json : undefined;
  } catch {
    return undefined;
  }
}

const FALLBACK_BODY = '{"type":"about:blank","title":"Internal Server Error","status":500}';

const isFormat = (x: unknown): x is ErrorFormat => typeof x === 'string' && Object.hasOwn(MEDIA, x);

function report(error: HttpError, original: unknown, options: RenderOptions | undefined): void {
  const onError = read(options, 'onError');
  if (typeof onError !== 'function') return;
  try {
    release(Reflect.apply(onError, options, [error, original]));
  } catch {
    // Reporting must never break the response.
  }
}

/**
 * Turns anything thrown into an error response: the one pipeline every adapter calls.
 * Normalizes (by {@link toHttpError}'s trust model, though a foreign status becomes the base
 * {@link HttpError} of that status, not its named class), redacts ({@link toProblem}),
 * negotiates the format from `accept` ({@link negotiate}) and serializes
 * ({@link serializeProblem}). Never throws.
 *
 * For every input: `status` is 400–599; a 401 has `WWW-Authenticate`; a 405 has `Allow`;
 * `Content-Type` matches the body; `X-Content-Type-Options: nosniff` is set, and
 * `Cache-Control: no-store` unless the error set its own (an empty one counts as none); no
 * header value contains CR, LF or NUL; several challenges or cookies are several field lines
 * (a list in `headers`); a negotiated format (no `format` option) comes with `Vary: Accept`,
 * merged with the error's own `Vary` (each member once, `*` alone when there is one). An HTML
 * body comes with a `Content-Security-Policy` that allows only the page's own style sheet
 * (`default-src 'none'` and the style's hash), replacing any the error set.
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
  try {
    return render(err, options);
  } catch {
    // Only options whose getters throw get here; the client still gets a valid response.
    const headers = {
      'content-type': MEDIA['problem+json'],
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    return { status: 500, headers, body: FALLBACK_BODY };
  }
}

function render(err: unknown, options: RenderOptions | undefined): RenderedError {
  const error = normalizeError(err);
  report(error, err, options);
  const checked = checkError(error);
  const problem = problemOf(checked, options);
  // problemOf takes the status from the checked error (or 404 for a concealed one).
  const status = problem.status as ErrorStatus;
  const forced = options?.format;
  const negotiated = !isFormat(forced);
  const format = negotiated ? negotiate(options?.accept) : forced;
  const headers = headersFor(checked, status, options?.challenge);
  // The body depends on Accept: a cache must not answer a JSON client with the HTML page.
  // Most errors carry no Vary of their own: skip the merge (a split and a Set) for them.
  if (negotiated) {
    const own = headers.vary as string | undefined;
    headers.vary = own === undefined ? 'Accept' : mergeVary(own, 'Accept');
  }
  let contentType = MEDIA[format];
  let body: string | undefined;
  const shape = options?.body;
  if (typeof shape === 'function' && (format === 'problem+json' || format === 'json')) {
    body = reshape(shape, problem, error);
    if (body !== undefined) contentType = MEDIA.json;
  }
  // Each format is written by the writer its name ends with: problem+json by `json`.
  body ??= serializeProblem(problem, format.slice(format.indexOf('+') + 1) as ProblemFormat);
  headers['content-type'] = contentType;
  // The page's own style sheet is all an HTML body may load: no script can run in it.
  if (contentType === MEDIA.html) headers['content-security-policy'] = HTML_CSP;
  const method: unknown = options?.method;
  if (typeof method === 'string' && method.toUpperCase() === 'HEAD') body = '';
  return { status, headers, body };
}
