import { errorStatus } from '../internal/error-status.js';
import { isObject, replyOf, replyStatus } from '../internal/reply.js';
import { hasHttpErrorBrand } from '../internal/symbols.js';

/**
 * One link of an error's `cause` chain in an {@link ErrorLog}.
 *
 * @example
 * const cause: CauseLog = { name: 'TypeError', message: 'fetch failed', status: 502 };
 */
export interface CauseLog {
  /** The error's `name` (`'Error'` when it has none; the type for a value that is no object). */
  name: string;
  /** The error's `message`, or the value as a string. */
  message: string;
  /** The stack trace, when there is one. */
  stack?: string;
  /** The status, when the cause is an HTTP error (or a response) that has one. */
  status?: number;
  /** The next link, as long as the chain is neither circular nor longer than `depth`. */
  cause?: CauseLog;
}

/**
 * What {@link toLog} returns: a plain object for a structured logger.
 *
 * @example
 * const entry: ErrorLog = toLog(new ForbiddenError());
 * logger[entry.level]({ err: entry }, entry.message);
 */
export interface ErrorLog extends CauseLog {
  /** `'error'` for a 5xx, `'warn'` for a 4xx. */
  level: 'error' | 'warn';
  /** The status the error is answered with (500 for anything that has none). */
  status: number;
  /** Problem type URI, for an `HttpError`. */
  type?: string;
  /** Problem title, for an `HttpError`. */
  title?: string;
  /** The detail, for an `HttpError`, shown or not to the client. */
  detail?: string;
  /** The error's response header fields, credentials redacted. */
  headers?: Record<string, string>;
  /** The other server's answer, for an error that came from one: its status and URL. */
  upstream?: {
    /** The status the other server answered. */
    status: number;
    /** The URL asked, without query, fragment or user information. */
    url?: string;
  };
  /** The request, when given: method, URL without the query, header fields redacted. */
  request?: {
    /** The request method. */
    method?: string;
    /** The request URL (or path), without query or fragment. */
    url?: string;
    /** The request header fields, lower-case names, credentials redacted. */
    headers?: Record<string, string>;
  };
  /** The correlation id, when given. */
  traceId?: string;
}

/**
 * Options of {@link toLog}.
 *
 * @example
 * const options: ToLogOptions = { request: { method: 'GET', url: '/orders?page=2' }, traceId };
 */
export interface ToLogOptions {
  /**
   * The request being answered: a node:http or Express request, a Fetch `Request`, or just
   * `{ method, url }`. Its headers are logged (credentials redacted) only when present.
   */
  request?:
    | {
        /** The request method. */
        readonly method?: unknown;
        /** The request URL or path; its query is left out of the log. */
        readonly url?: unknown;
        /** A record of header fields (node:http) or a `Headers` object (Fetch). */
        readonly headers?: unknown;
      }
    | undefined;
  /** A correlation id to add, e.g. the one the response carries. */
  traceId?: string | undefined;
  /** How many causes to follow at most; default 8. */
  depth?: number | undefined;
}

type Loose = Record<string, unknown>;

/** `T` with each member allowed to be `undefined`, before {@link defined} removes those. */
type Loosened<T> = { [K in keyof T]: T[K] | undefined };

const CREDENTIALS = /^((proxy-)?authorization|(set-)?cookie)$/;

/** `x[key]`, or `undefined` when reading it throws (a hostile getter, a revoked proxy). */
function read(x: unknown, key: string): unknown {
  try {
    return (x as Loose)[key];
  } catch {
    return undefined;
  }
}

/** `x[key]` when it is a string; `undefined` otherwise, or when reading it throws. */
function text(x: unknown, key: string): string | undefined {
  const value = read(x, key);
  return typeof value === 'string' ? value : undefined;
}

/** `o` without its `undefined` members: a log's optional members are absent, not `undefined`. */
const defined = <T extends object>(o: Loosened<T>): T =>
  Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as T;

/** The URL without query, fragment or user information; `undefined` when nothing is left. */
function bare(url: string | undefined): string | undefined {
  return url?.replace(/^([\w+.-]*:?\/\/)[^/?#@]*@|[?#].*/gs, '$1') || undefined;
}

/**
 * Header fields of a record or a `Headers` object, lower-case names, credentials redacted;
 * `undefined` when there are none.
 */
function fields(headers: unknown): Record<string, string> | undefined {
  try {
    // A string is iterable too, and its characters are dropped below; `null` throws here.
    const list: [unknown, unknown][] = (headers as Partial<Iterable<unknown>>)[Symbol.iterator]
      ? [...(headers as Iterable<[unknown, unknown]>)]
      : Object.entries(headers as object);
    const entries = list
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => {
        const key = (name as string).toLowerCase();
        return [key, CREDENTIALS.test(key) ? '[REDACTED]' : [value].flat().join(', ')];
      });
    // fromEntries defines own properties, also for a field named `__proto__`.
    return entries[0] && Object.fromEntries(entries);
  } catch {
    return undefined;
  }
}

/** The other server's answer `x` is (a Fetch `Response`) or carries (ky, ofetch, axios). */
function upstreamOf(x: unknown): ErrorLog['upstream'] {
  try {
    const res = replyOf(x) as Loose;
    const status = replyStatus(x);
    if (!status || hasHttpErrorBrand(x) || (res === x && !text(x, 'url'))) return undefined;
    // The response's own URL (fetch, ky, ofetch), or the one axios was asked for.
    return defined<NonNullable<ErrorLog['upstream']>>({
      status,
      url: bare(text(res, 'url') || text((x as Loose).config, 'url')),
    });
  } catch {
    return undefined;
  }
}

/** Name, message and stack of `x`, with `more` between message and stack, and the status. */
function describe(x: unknown, more?: object): CauseLog {
  // A primitive (a Symbol included) is written by String(), which never throws for one; a
  // function is read as an object, since its own toString could throw.
  const object = Object(x) === x;
  return defined<CauseLog>({
    name: object ? text(x, 'name') || 'Error' : typeof x,
    message: object ? text(x, 'message') || '' : String(x),
    ...more,
    stack: text(x, 'stack'),
  });
}

/** The `cause` chain (at most `depth` links, never around a cycle), and the upstream on it. */
function causes(x: unknown, depth: number): Loosened<Pick<ErrorLog, 'upstream' | 'cause'>> {
  const chain: Loosened<Pick<ErrorLog, 'upstream' | 'cause'>> = {};
  const seen = new Set<unknown>([x]);
  let from: Loosened<CauseLog> = chain as Loosened<CauseLog>;
  // A primitive has no `cause` and is no upstream: the walk ends there by itself.
  for (let link = x, left = depth; ; left--) {
    chain.upstream ||= upstreamOf(link);
    const next = read(link, 'cause');
    if (!left || next === undefined || seen.has(next)) return chain;
    seen.add(next);
    from = from.cause = describe(next, { status: replyStatus(next) });
    link = next;
  }
}

/**
 * A plain object that explains an error in a structured log, e.g. as pino's `err` serializer:
 * `level` (`'error'` for 5xx, `'warn'` for 4xx), `status`, and for an `HttpError` its `type`,
 * `title`, `detail` and response `headers`; `name`, `message`, `stack`; the whole `cause` chain
 * (each cause with its own `status` when it has one; cycles and chains longer than `depth` are
 * cut); `upstream` — status and URL — for an error that came from another server (a Fetch
 * `Response` as cause, as `fromResponse` sets it, or ky's, ofetch's or axios's errors); and the
 * `request` and `traceId` when given.
 *
 * URLs lose their query string, fragment and user information; the values of
 * `Authorization`, `Proxy-Authorization`, `Cookie` and `Set-Cookie` are replaced by
 * `'[REDACTED]'`. Nothing else of a cause is read. Never throws for any `err`; a bad
 * `options.depth` throws `TypeError`.
 *
 * @param err - anything thrown; an adapter's `onError` gets the normalized error
 * @param options - see {@link ToLogOptions}
 *
 * @example
 * import pino from 'pino';
 *
 * const logger = pino({ serializers: { err: toLog } });
 * const entry = toLog(new InternalServerError({ cause: new Error('db down') }));
 * logger[entry.level]({ err: entry }, entry.message);
 * // entry: { level: 'error', status: 500, type: 'about:blank', title: 'Internal Server Error',
 * //   name: 'InternalServerError', message: 'Internal Server Error', stack: '…',
 * //   cause: { name: 'Error', message: 'db down', stack: '…' } }
 */
export function toLog(err: unknown, options?: ToLogOptions): ErrorLog {
  const depth = options?.depth ?? 8;
  if (Number.isInteger(depth) && depth >= 0) return logOf(err, errorStatus(err), options, depth);
  throw new TypeError(`toLog: options.depth must be a whole number, got ${depth}`);
}

/**
 * {@link toLog}'s entry for the `status` the error is answered with: the adapters' default
 * log, which knows the status it sent, follows at most `depth` causes and needs no option
 * checks. Never throws.
 * @internal
 */
export function logOf(
  err: unknown,
  status: number,
  options: ToLogOptions | undefined,
  depth: number,
): ErrorLog {
  const http = hasHttpErrorBrand(err) && err;
  const request = options?.request;
  return defined<ErrorLog>({
    level: status >= 500 ? 'error' : 'warn',
    status,
    ...describe(err, {
      type: text(http, 'type'),
      title: text(http, 'title'),
      detail: text(http, 'detail'),
      headers: fields(read(http, 'headers')),
    }),
    ...causes(err, depth),
    request: isObject(request)
      ? defined<NonNullable<ErrorLog['request']>>({
          method: text(request, 'method'),
          url: bare(text(request, 'url')),
          headers: fields(read(request, 'headers')),
        })
      : undefined,
    traceId: text(options, 'traceId'),
  });
}
