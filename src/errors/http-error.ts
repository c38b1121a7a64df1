import type { Challenge } from '../auth/format-challenges.js';
import { type FieldValue, headerEntry } from '../internal/headers.js';
import { HTTP_ERROR, hasHttpErrorBrand } from '../internal/symbols.js';
import { describe, isToken, refuse } from '../internal/syntax.js';
import { type ErrorStatus, isErrorStatus } from '../status/lookup.js';
import { ERROR_PHRASES } from '../status/table.js';

/** The engine's stack depth switch (V8, JavaScriptCore), which the ES2022 lib does not declare. */
type StackLimit = { stackTraceLimit?: number | undefined };

/**
 * Response header fields as an error accepts them: names in any case, values as strings,
 * numbers or lists. A list is one field line per value for `Set-Cookie`, `WWW-Authenticate`
 * and `Proxy-Authenticate`, and is joined with `, ` into one line for every other field.
 * `undefined` values are skipped.
 *
 * @example
 * const headers: HeaderInput = {
 *   'Retry-After': 120,
 *   Vary: ['Accept', 'Origin'], // one line: `Vary: Accept, Origin`
 *   'Set-Cookie': ['session=; Max-Age=0', 'csrf=; Max-Age=0'], // two lines
 * };
 */
export type HeaderInput = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/**
 * Options every {@link HttpError} accepts.
 *
 * @example
 * new NotFoundError({
 *   detail: 'No order 42 here.',
 *   instance: '/orders/42',
 *   extensions: { orderId: 42 },
 * });
 */
export interface HttpErrorOptions {
  /** Explanation of this occurrence (RFC 9457 `detail`), when not given as first argument. */
  detail?: string | undefined;
  /** Problem type URI (RFC 9457 `type`); default `'about:blank'`. */
  type?: string | undefined;
  /** Title of the problem type; ignored for `about:blank`, whose title is the reason phrase. */
  title?: string | undefined;
  /** URI reference of this occurrence (RFC 9457 `instance`). */
  instance?: string | undefined;
  /** Response header fields to send with the error; names are lower-cased. */
  headers?: HeaderInput | undefined;
  /** Whether `detail` and `extensions` may be shown to the client; default `status < 500`. */
  expose?: boolean | undefined;
  /** Extension members for the problem body (shown only when `expose` is true). */
  extensions?: Readonly<Record<string, unknown>> | undefined;
  /** The underlying error, kept as the standard `cause` (never sent unless `debug`). */
  cause?: unknown;
  /**
   * Capture a stack trace (default `true`). `false` makes construction several times cheaper
   * for errors used as control flow; the error keeps a one-line `stack`.
   */
  stack?: boolean | undefined;
}

/**
 * The options from either call form of an error constructor.
 * @internal
 */
export function optionsOf<O extends object>(
  a: string | O | undefined,
  b: O | undefined,
): O | undefined {
  return typeof a === 'object' && a !== null ? a : b;
}

// Absent options read as one frozen empty object: the constructor's reads then always load from
// an object (reading through `?.` instead measured about 4% slower to create an error).
const NO_OPTIONS: HttpErrorOptions = /* @__PURE__ */ Object.freeze({});

/** What {@link option} checks an option against, by the name `typeof` gives. */
type Checked = { string: string; boolean: boolean };

/**
 * An option's value when it is of the given type or undefined; anything else is refused,
 * naming the option as `name`. It takes the value, not the options and a key, so that each
 * read stays a plain property access: construction is on the hot path.
 */
function option<T extends keyof Checked>(
  value: unknown,
  name: string,
  type: T,
): Checked[T] | undefined {
  if (value === undefined || typeof value === type) return value as Checked[T] | undefined;
  refuse('HttpError', `${name} must be a ${type}, got ${describe(value)}`);
}

function copyHeaders(input: HeaderInput): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const name of Object.keys(input)) {
    const value = input[name];
    if (value !== undefined && value !== null) {
      const [key, text] = headerEntry('HttpError', name, value);
      // headerEntry refuses `__proto__`, so plain assignment makes an own property.
      out[key] = text;
    }
  }
  return out;
}

function copyExtensions(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  // Never null: the constructor copies only a truthy `extensions`.
  if (typeof input !== 'object' || Array.isArray(input)) {
    refuse('HttpError', 'options.extensions must be a plain object');
  }
  // fromEntries defines each member as an own property, `__proto__` too (no prototype change).
  return Object.fromEntries(Object.entries(input));
}

/** What `instanceof` reads of a value that may be an error of another copy. */
type Branded = { [HTTP_ERROR]?: unknown; status?: unknown };

type Fields = { -readonly [K in keyof HttpError]: HttpError[K] };

/**
 * What every error of this package runs at construction, for {@link HttpError} and for the
 * named classes alike: the options checked and copied, the stack captured (or not), the brand.
 * It takes the reason phrase from its caller, so that a named class, which knows its own, does
 * not pull in the table of every phrase; only `new HttpError(status)` looks one up.
 * @internal
 */
export class ErrorBase extends Error {
  constructor(
    status: ErrorStatus,
    phrase: string,
    name: string,
    a?: string | HttpErrorOptions,
    b?: HttpErrorOptions,
  ) {
    // Every option is checked before the stack is captured; the order of the checks is the
    // order of HttpErrorOptions' fields, so that the first bad one is the one reported.
    const options = optionsOf(a, b) ?? NO_OPTIONS;
    const detail = typeof a === 'string' ? a : option(options.detail, 'detail', 'string');
    const type = option(options.type, 'options.type', 'string') ?? 'about:blank';
    const title =
      type === 'about:blank'
        ? phrase
        : (option(options.title, 'options.title', 'string') ?? phrase);
    const instance = option(options.instance, 'options.instance', 'string');
    const expose = option(options.expose, 'options.expose', 'boolean') ?? status < 500;
    const headers = options.headers ? copyHeaders(options.headers) : {};
    const extensions = options.extensions ? copyExtensions(options.extensions) : {};
    const noStack = options.stack === false;
    // stackTraceLimit is the engine's own switch (V8, JavaScriptCore): with 0 the error is
    // still a native Error, only the frames are not collected. Restored before anything else.
    const limit = (Error as StackLimit).stackTraceLimit;
    if (noStack) (Error as StackLimit).stackTraceLimit = 0;
    super(detail ?? title, options.cause === undefined ? undefined : { cause: options.cause });
    if (noStack) (Error as StackLimit).stackTraceLimit = limit;
    const self = this as unknown as Fields;
    self.name = name;
    self.status = status;
    self.statusCode = status;
    self.type = type;
    self.title = title;
    self.detail = detail;
    self.instance = instance;
    self.expose = expose;
    self.headers = headers;
    self.extensions = extensions;
  }

  /** Brand read by {@link isHttpError}; lives on the prototype, shared by every instance. */
  get [HTTP_ERROR](): true {
    return true;
  }

  /**
   * For a named class (one with an own `'~status'` static), the ordinary prototype check or
   * the brand with that status: `new HttpError(403)`, an error of another copy of the package
   * and what `fromResponse` makes of a 403 are all `instanceof ForbiddenError`. For any other
   * class (a subclass of a named class, yours), the ordinary check. Never throws.
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    try {
      return (
        // biome-ignore lint/complexity/noThisInStatic lint/suspicious/noPrototypeBuiltins: the ordinary check
        this.prototype.isPrototypeOf(x as object) ||
        // The brand read as hasHttpErrorBrand does (a primitive has none; null throws, caught).
        // biome-ignore lint/complexity/noThisInStatic: the class on the right of `instanceof`
        (Object.hasOwn(this, '~status') &&
          (x as Branded)[HTTP_ERROR] === true &&
          // biome-ignore lint/complexity/noThisInStatic: as above
          (x as Branded).status === (this as { '~status'?: number })['~status'])
      );
    } catch {
      // A proxy whose traps throw is not an error of this package.
      return false;
    }
  }
}

/**
 * The class the named error classes extend: {@link ErrorBase}, typed as the {@link HttpError}
 * of their status. A named class passes its status, reason phrase and name:
 * `super(403, 'Forbidden', 'ForbiddenError', detail, options)`.
 * @internal
 */
export const NamedError = ErrorBase as unknown as new <S extends ErrorStatus>(
  status: S,
  phrase: string,
  name: string,
  a?: string | HttpErrorOptions,
  b?: HttpErrorOptions,
) => HttpError<S>;

/**
 * An HTTP error: an `Error` that carries everything needed to answer a request with a 4xx or
 * 5xx response and an RFC 9457 problem details body.
 *
 * Throw one of the named classes ({@link ForbiddenError}, {@link UnauthorizedError}, …) or
 * `new HttpError(status, …)`; an adapter or {@link renderError} turns it into a response.
 * `detail` and `extensions` reach the client only when `expose` is true, which by default it is
 * for 4xx and is not for 5xx.
 *
 * `x instanceof HttpError` is true for every error of this package, also one made by another
 * copy of it (a second install, the CommonJS build next to the ESM one): it checks the brand
 * that {@link isHttpError} checks. A named class checks the brand and its status:
 * `x instanceof ForbiddenError` is true for every error of this package whose `status` is 403
 * (`new HttpError(403)`, a `ForbiddenError` of another copy, what `fromResponse` makes of a
 * 403), and `new ForbiddenError() instanceof NotFoundError` is false. So `new HttpError(status)`
 * has the fields of that class too: `conceal: false` and no `challenges` on a 403, no
 * `challenges` on a 401, and on a 405 `allow`, the methods of its `Allow` field (frozen). A
 * subclass of a named class, and a `defineProblem` class, keep the ordinary prototype check.
 *
 * @typeParam S - the status code, as a literal type for the named classes
 *
 * @example
 * throw new HttpError(409, 'The order was already shipped.', { instance: '/orders/42' });
 */
export class HttpError<S extends ErrorStatus = ErrorStatus> extends ErrorBase {
  /** The HTTP status code. */
  declare readonly status: S;
  /** The same as `status`, for code written against http-errors or Node. */
  declare readonly statusCode: S;
  /** Problem type URI (RFC 9457 `type`), `'about:blank'` by default. */
  declare readonly type: string;
  /** Title of the problem type; the reason phrase for `about:blank`. */
  declare readonly title: string;
  /** Explanation of this occurrence, if any. */
  declare readonly detail: string | undefined;
  /** URI reference of this occurrence, if any. */
  declare readonly instance: string | undefined;
  /** Whether `detail` and `extensions` may be shown to the client. */
  declare readonly expose: boolean;
  /**
   * Response header fields, lower-case names, validated at construction. Each value is one
   * field line, except for `set-cookie`, `www-authenticate` and `proxy-authenticate` with
   * several lines: a list of them, each sent as its own field line.
   */
  declare readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** Extension members for the problem body. */
  declare readonly extensions: Readonly<Record<string, unknown>>;

  /**
   * @param status - a registered 4xx or 5xx code; anything else throws `TypeError`
   * @param detail - explanation of this occurrence; becomes `message`
   * @param options - see {@link HttpErrorOptions}
   */
  constructor(status: S, detail?: string, options?: HttpErrorOptions);
  constructor(status: S, options?: HttpErrorOptions);
  constructor(status: S, detailOrOptions?: string | HttpErrorOptions, options?: HttpErrorOptions);
  constructor(status: S, a?: string | HttpErrorOptions, b?: HttpErrorOptions) {
    if (!isErrorStatus(status)) {
      refuse('HttpError', `status must be a registered 4xx or 5xx code, got ${describe(status)}`);
    }
    super(status, ERROR_PHRASES[status], 'HttpError', a, b);
    // `instanceof` the named class of the status holds for this error (it checks the status),
    // so it carries what that class does, in the same order: the `conceal` of a 403, the
    // `challenges` of a 401 or 403 (none: a `WWW-Authenticate` header is not parsed, as in the
    // named classes), and the `allow` of a 405, its `Allow` field's methods.
    const named = this as { challenges?: readonly Challenge[]; conceal?: boolean; allow?: unknown };
    if (status === 403) named.conceal = false;
    if (status === 401 || status === 403) named.challenges = NO_CHALLENGES;
    if (status === 405) {
      const field = this.headers.allow;
      named.allow = Object.freeze(
        typeof field === 'string' ? field.split(',').map(trimmed).filter(isToken) : [],
      );
    }
  }

  /**
   * For `HttpError` itself, the brand: true for every error of this package, from any copy of
   * it. For a subclass (a `defineProblem` class, yours), the ordinary prototype check. The
   * named classes have their own, on the base class. Never throws.
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return (
      // biome-ignore lint/complexity/noThisInStatic: the base class's check, for this class
      super[Symbol.hasInstance](x) ||
      // The prototype carries the brand for its instances; it is not one itself.
      // biome-ignore lint/complexity/noThisInStatic: the class on the right of `instanceof`
      (this === HttpError && x !== HttpError.prototype && hasHttpErrorBrand(x))
    );
  }
}

/** The `challenges` of an error that has none: one frozen empty list. @internal */
export const NO_CHALLENGES: readonly Challenge[] = /* @__PURE__ */ Object.freeze([]);

const trimmed = (item: string): string => item.trim();

/**
 * Sets a header the class itself derives from its options (`Allow`, `Retry-After`, …). The
 * caller builds the value from parts it has validated (tokens, numbers, formatted challenges),
 * so it is a valid field value by construction and is not checked again here; `renderError`
 * still checks every header it sends. `name` is lower-case; a list (of two or more lines) only
 * for the fields that keep their lines apart.
 * @internal
 */
export function setHeader(err: HttpError, name: string, value: FieldValue): void {
  (err.headers as Record<string, FieldValue>)[name] = value;
}
