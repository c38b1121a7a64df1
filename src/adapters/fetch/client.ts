// Adapter `http-error-kit/fetch`, client side: a typed error from a Fetch `Response`
// (`fromResponse`, `ensureOk`), reading at most a bounded body.
//
// Edge-safe: no `node:` imports, no `process`, no `Buffer`. The package compiles without the
// DOM lib, so the few members of `Response`, `ReadableStream` and `TextDecoder` used here are
// declared structurally below, and the constructors are reached through `globalThis` at call
// time.

import { parseChallenges } from '../../auth/parse-challenges.js';
import { HttpError, type HttpErrorOptions } from '../../errors/http-error.js';
import { errorStatusOf } from '../../internal/checked.js';
import { isFieldValue } from '../../internal/syntax.js';
import { markUpstream } from '../../internal/upstream.js';
import { parseProblem } from '../../problem/parse.js';
import type { ProblemDetails } from '../../problem/types.js';
import { ERROR_PHRASES } from '../../status/table.js';

/**
 * The members of a Fetch `Response` that {@link fromResponse} reads: a real `Response` is one.
 *
 * @example
 * const response: ResponseLike = await fetch('https://api.example.com/user-data/123');
 */
export interface ResponseLike {
  /** The HTTP status code. */
  readonly status: number;
  /** The response header fields (a `Headers` object). */
  readonly headers: {
    /** A field's value (name in any case), several joined with `, `; or `null`. */
    get(name: string): string | null;
  };
  /** The body as a `ReadableStream` of bytes, or `null` when there is none. */
  readonly body: {
    /** Locks the stream and returns a reader. */
    getReader(): {
      /** The next chunk of bytes, or `done` at the end. */
      read(): Promise<{
        /** Whether the stream has ended. */
        done: boolean;
        /** The chunk (a `Uint8Array`); `undefined` at the end. */
        value?: unknown;
      }>;
      /** Stops reading and discards the rest, which frees the connection. */
      cancel(reason?: unknown): Promise<void>;
    };
    /** Discards the stream, which frees the connection it comes from. */
    cancel(reason?: unknown): Promise<void>;
  } | null;
  /** Whether the body was already read (or is being read). */
  readonly bodyUsed: boolean;
}

/**
 * A class {@link fromResponse} may return for a problem type: it has a static `type` URI, maybe
 * a static `status`, and is constructed as `new Class(detail, options)` with
 * {@link HttpErrorOptions} (`extensions` included). The classes of `defineProblem` are such
 * classes; so is a hand-written one like this:
 *
 * @example
 * class OutOfCreditError extends HttpError<403> {
 *   static readonly type = 'https://example.com/probs/out-of-credit';
 *   constructor(detail?: string, options?: HttpErrorOptions) {
 *     const title = 'You do not have enough credit.';
 *     super(403, detail, { ...options, type: OutOfCreditError.type, title });
 *   }
 * }
 * const problemClass: ProblemClass = OutOfCreditError;
 */
export interface ProblemClass {
  /** The problem type URI that selects this class. */
  readonly type: string;
  /** When a number, the response's status must equal it too for this class to be chosen. */
  readonly status?: number | undefined;
  new (...args: never): HttpError;
}

/**
 * Options of {@link fromResponse} and {@link ensureOk}.
 *
 * @example
 * const options: FromResponseOptions = { maxBodyBytes: 64 * 1024 };
 * const err = await fromResponse(response, options);
 */
export interface FromResponseOptions {
  /**
   * The most bytes of body read. A longer body (by `Content-Length` or while streaming) is
   * cancelled and treated as absent. Default 1 MiB (`1_048_576`); anything but a whole number
   * of 0 or more uses the default.
   */
  maxBodyBytes?: number | undefined;
  /**
   * Classes for problem types, e.g. made by `defineProblem`: when the body's `type` equals a
   * class's static `type` (and the response status its static `status`, if it has one), the
   * error is an instance of the first such class instead of the error of the status —
   * unless its constructor refuses the body, as a `defineProblem` class does when the extension
   * members do not match its `schema`. Then the error is that of the status, with the
   * body's `type`, `title` and members kept as untyped data.
   */
  problems?: readonly ProblemClass[] | undefined;
}

/** The global `TextDecoder` (the package compiles without the DOM lib). */
declare const TextDecoder: new () => {
  decode(input?: ArrayBufferView, options?: { stream: boolean }): string;
};

// The response fields an error status may need (RFC 9110, RFC 6585), copied from a response.
const COPIED = [
  'www-authenticate',
  'proxy-authenticate',
  'retry-after',
  'allow',
  'upgrade',
  'content-range',
  // RFC 9449 §8, §9: the nonce a DPoP client must use next, read with readChallenge.
  'dpop-nonce',
  // draft-ietf-httpapi-ratelimit-headers §3, §4, read with parseRateLimit.
  'ratelimit',
  'ratelimit-policy',
] as const;

const noop = (): void => {};

// `application/json`, `application/problem+json` or another `application/…+json` type (its
// subtype a token), any case, before the parameters.
const JSON_TYPE = /^\s*application\/(?:[!#$%&'*+\-.^`|~\w]*\+)?json\s*(?:;|$)/i;

/**
 * The problem in a JSON body, or `undefined`. Reads at most `limit` bytes as UTF-8; a body that
 * is not read to its end (not JSON, too long, not bytes, failing) is cancelled so that its
 * connection is freed.
 */
async function readProblem(
  res: ResponseLike,
  status: number,
  limit: number,
): Promise<ProblemDetails | undefined> {
  // What to cancel: the stream before it is read, its reader once it is.
  let open: { cancel(): Promise<void> } | null | undefined;
  try {
    if (res.bodyUsed) return undefined;
    const body = res.body;
    open = body;
    if (!body) return undefined;
    // Not JSON, or announced longer than the bound: not read at all.
    if (
      JSON_TYPE.test(res.headers.get('content-type') ?? '') &&
      Number(res.headers.get('content-length') ?? 0) <= limit
    ) {
      const reader = body.getReader();
      open = reader;
      const decoder = new TextDecoder();
      let text = '';
      for (;;) {
        const { done, value } = await reader.read();
        // The end flushes a sequence the last chunk left incomplete. With a numeric status,
        // parseProblem's result always has one.
        if (done) return parseProblem(text + decoder.decode(), { status });
        // Not a byte chunk, or one too many: the rest is not read.
        if (!ArrayBuffer.isView(value)) break;
        limit -= value.byteLength;
        if (limit < 0) break;
        // A character may be split between chunks: `stream` keeps its first bytes for the next.
        text += decoder.decode(value, { stream: true });
      }
    }
  } catch {
    // A response or stream that fails is cancelled like a body that is too long.
  }
  try {
    open?.cancel().catch(noop);
  } catch {
    // A stream that refuses to be cancelled is left to the garbage collector.
  }
  return undefined;
}

function problemClass(
  problems: FromResponseOptions['problems'],
  type: string,
  status: number,
): ProblemConstructor | undefined {
  if (!Array.isArray(problems)) return undefined;
  for (const candidate of problems as readonly unknown[]) {
    try {
      if (typeof candidate !== 'function') continue;
      const { type: own, status: code } = candidate as ProblemClass;
      if (own === type && (typeof code !== 'number' || code === status)) {
        return candidate as ProblemConstructor;
      }
    } catch {
      // A class whose `type` cannot be read never matches.
    }
  }
  return undefined;
}

/** How {@link fromResponse} constructs a {@link ProblemClass}. */
type ProblemConstructor = new (detail: string | undefined, options: HttpErrorOptions) => HttpError;

/**
 * Turns an error response back into a typed error, on the client: `undefined` unless the status
 * is 400–599 (so for `res.ok`, redirects, `304` and opaque responses), otherwise an error of the
 * status that reads as its named class: `err instanceof ForbiddenError` works and `err.name` is
 * `'ForbiddenError'`.
 *
 * - The error is the base {@link HttpError} of the status (`err.constructor === HttpError`), so
 *   that a client's bundle carries none of the named classes and their option checks: a named
 *   class's `instanceof` checks the status of any error of this package. It has what the named
 *   class would have: its `name`, `conceal: false` for a 403, the `allow` list of a 405.
 * - An unregistered code falls back to the generic status of its range: `499` gives a
 *   `BadRequestError`, `520` an `InternalServerError`. The real code stays readable as
 *   `err.cause.status`: the error's `cause` is always the response it was read from.
 * - A JSON body (`application/json`, `application/problem+json` or another `+json` type) is
 *   read as RFC 9457 problem details ({@link parseProblem}): `detail`, `type`, `title` (kept
 *   unless the type is `about:blank`), `instance` and every extension member are kept, as data.
 *   The HTTP status wins over the body's `status` member.
 * - With `problems`, a body whose `type` equals a class's static `type` (and whose response
 *   status equals its static `status`, if it has one) gives an instance of that class. Its
 *   constructor has the last word: a `defineProblem` class checks the extension members
 *   against its `schema` and refuses a body that does not match (a `balance` of `"30"` where
 *   the schema says number), and then, as whenever the constructor throws, the error is the
 *   error of the status with the members as untyped data. So `OutOfCredit.is(err)` is
 *   true only for members that passed the schema, while `err.type` still shows the type the
 *   server claimed.
 * - `WWW-Authenticate`, `Proxy-Authenticate`, `Retry-After`, `Allow`, `Upgrade`,
 *   `Content-Range`, `DPoP-Nonce`, `RateLimit` and `RateLimit-Policy` are copied to
 *   `err.headers` when present and valid; for a 405, the valid methods of `Allow` are also
 *   `err.allow`, and `Allow` is rewritten from them, as `MethodNotAllowedError` does. Thrown on
 *   in a server, the error is an upstream failure: `toHttpError` renders it as a 502 with none
 *   of these fields.
 * - For a 401 or 403, `err.challenges` holds the challenges of `WWW-Authenticate`
 *   ({@link parseChallenges}; `[]` when there are none): read one with `readChallenge`,
 *   giving it the response's `DPoP-Nonce` (`res.headers.get('dpop-nonce')`) for a nonce.
 * - `expose` follows the usual rule (4xx yes, 5xx no), so that a server which rethrows an
 *   upstream's 5xx does not pass on what that upstream said; the detail is on the error all the
 *   same, for logs and for the caller.
 *
 * The body of an error response is consumed: a JSON one is read (at most `maxBodyBytes`, 1 MiB
 * by default), any other one, or a longer one, is cancelled to free the connection (use
 * `res.clone()` first to read it yourself). Never throws: a body that is malformed, not JSON,
 * too long, hostile or already used (`bodyUsed`) leaves the error with the status alone.
 *
 * @example
 * const res = await fetch('https://api.example.com/user-data/123', { method: 'DELETE' });
 * const err = await fromResponse(res);
 * if (err instanceof ForbiddenError) console.log(err.detail);
 * // 'You do not have permission to delete user data.'
 */
export async function fromResponse(
  res: ResponseLike,
  options?: FromResponseOptions,
): Promise<HttpError | undefined> {
  let status = 0;
  try {
    status = res.status;
  } catch {
    // A status that cannot be read is no error status.
  }
  // An unregistered code in 400–599 reads as the generic status of its range.
  const code = errorStatusOf(status);
  if (code === undefined) return undefined;
  // Anything but a whole number of 0 or more: the default, 1 MiB.
  const max = options?.maxBodyBytes;
  const problem = await readProblem(
    res,
    status,
    Number.isSafeInteger(max) && (max as number) >= 0 ? (max as number) : 1_048_576,
  );

  // The error-related fields whose values are valid field values; the others are dropped
  // (the error's constructor validates and trims them again, and would throw on these).
  const headers: Record<string, string> = {};
  for (const name of COPIED) {
    try {
      const value = res.headers.get(name);
      if (typeof value === 'string' && isFieldValue(value)) headers[name] = value;
    } catch {
      // Unreadable or invalid: dropped.
    }
  }
  // The standard members, and the others as extensions (a rest element copies own members
  // as data, `__proto__` included). With no problem, none: the options of the status alone.
  const { type, title, status: _, detail, instance, ...extensions } = problem ?? {};
  const given: HttpErrorOptions = {
    cause: res,
    headers,
    type,
    title,
    detail,
    instance,
    extensions,
  };
  let err: HttpError | undefined;
  const Defined = problem && problemClass(options?.problems, problem.type, status);
  if (Defined) {
    try {
      err = new Defined(detail, given);
    } catch {
      // fall through: the error of the status
    }
  }
  if (!err) {
    // The base class (so that the 39 classes and their option checks stay out of a client's
    // bundle), which has what the named class of the status has (`conceal` of a 403, the
    // frozen `allow` of a 405: the valid methods of Allow), named as that class; `Allow` is
    // rewritten from those methods. `instanceof` the named class holds: it checks the status.
    err = new HttpError(code, given);
    (err as { name: string }).name = classNameOf(ERROR_PHRASES[code]);
    const { allow } = err as { allow?: readonly string[] };
    if (allow) (err.headers as Record<string, string>).allow = allow.join(', ');
  }
  // An upstream's error (`toHttpError` renders it as a 502), with `challenges` on a 401 or
  // 403 from its copied `WWW-Authenticate` field.
  if (err.status === 401 || err.status === 403) {
    Object.defineProperty(err, 'challenges', {
      value: parseChallenges(String(err.headers['www-authenticate'] ?? '')),
      enumerable: true,
      configurable: true,
    });
  }
  return markUpstream(err);
}

/**
 * The class name of a phrase, as the named classes are named: PascalCase, acronyms as words
 * (`URI Too Long` → `UriTooLongError`), `Error` once; `HttpError` for a code without a class
 * (418, whose phrase is `(Unused)`). The registered phrases of 4xx and 5xx codes are words of
 * letters, one space apart: each word keeps its first letter and lower-cases the rest.
 */
function classNameOf(phrase: string): string {
  const name = phrase.startsWith('(')
    ? 'Http'
    : phrase.replace(/\B\w+| /g, (w) => w.trim().toLowerCase());
  return name.endsWith('Error') ? name : `${name}Error`;
}

/**
 * Returns the response when its status is not an error (not 400–599); otherwise throws the
 * typed error {@link fromResponse} makes of it (consuming the body).
 *
 * @example
 * try {
 *   const res = await ensureOk(await fetch('https://api.example.com/admin-dashboard'));
 *   render(await res.json());
 * } catch (err) {
 *   if (err instanceof UnauthorizedError) signIn();
 *   else if (err instanceof ForbiddenError) showNoAccess(err.detail);
 *   else throw err;
 * }
 */
export async function ensureOk<T extends ResponseLike>(
  res: T,
  options?: FromResponseOptions,
): Promise<T> {
  const err = await fromResponse(res, options);
  if (err) throw err;
  return res;
}
