import { isHttpError } from '../errors/brand.js';
import { errorStatus } from '../internal/error-status.js';
import { isObject, replyStatus } from '../internal/reply.js';

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

const REDACTED = '[REDACTED]';
const CREDENTIALS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** `f()`, or `undefined` when it throws (a hostile getter, a revoked proxy). */
function read<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

const text = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** Sets `target[key]` unless the value is `undefined`. */
function put(target: object, key: string, value: unknown): void {
  if (value !== undefined) (target as Loose)[key] = value;
}

/** The URL without query, fragment or user information. */
function bare(url: unknown): string | undefined {
  return text(url)
    ?.replace(/[?#].*/s, '')
    .replace(/^([a-z][\w+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** Header fields of a record or a `Headers` object, lower-case names, credentials redacted. */
function fields(headers: unknown): Record<string, string> | undefined {
  if (!isObject(headers)) return undefined;
  const list: [unknown, unknown][] =
    typeof (headers as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function'
      ? [...(headers as unknown as Iterable<[unknown, unknown]>)]
      : Object.entries(headers);
  // fromEntries defines own properties, also for a field named `__proto__`.
  return Object.fromEntries(
    list
      .filter(([name, value]) => typeof name === 'string' && value !== undefined)
      .map(([name, value]) => {
        const key = (name as string).toLowerCase();
        return [key, CREDENTIALS.has(key) ? REDACTED : [value].flat().join(', ')];
      }),
  );
}

/** The other server's answer `x` is (a Fetch `Response`) or carries (ky, ofetch, axios). */
function upstreamOf(x: Loose): ErrorLog['upstream'] {
  const res = isObject(x.response) ? x.response : x;
  const status = replyStatus(res);
  if (status === undefined || (res === x && typeof x.url !== 'string')) return undefined;
  const upstream = { status };
  const request = x.request as Loose | undefined;
  const url = text(res.url) || text(request?.url) || text(request) || (x.config as Loose)?.url;
  put(upstream, 'url', bare(url) || undefined);
  return upstream;
}

function describe(x: unknown): CauseLog {
  const entry = isObject(x)
    ? { name: read(() => text(x.name)) || 'Error', message: read(() => text(x.message)) ?? '' }
    : { name: typeof x, message: read(() => String(x)) ?? '' };
  put(
    entry,
    'stack',
    read(() => text((x as Loose).stack)),
  );
  return entry;
}

/** Follows the `cause` chain (at most `depth` links, never around a cycle) onto `log`. */
function causes(x: unknown, log: ErrorLog, depth: number): void {
  const seen = new Set<unknown>([x]);
  let from: CauseLog = log;
  let link = x;
  for (let i = 0; isObject(link); i++) {
    const current = link;
    if (!(log.upstream || isHttpError(current)))
      put(
        log,
        'upstream',
        read(() => upstreamOf(current)),
      );
    const next = read(() => current.cause);
    if (i === depth || next === undefined || seen.has(next)) break;
    seen.add(next);
    const entry = describe(next);
    put(entry, 'status', replyStatus(next));
    from.cause = entry;
    from = entry;
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
  if (!Number.isInteger(depth) || depth < 0) {
    throw new TypeError(`toLog: options.depth must be a whole number, got ${depth}`);
  }
  const status = errorStatus(err);
  const log: ErrorLog = { level: status >= 500 ? 'error' : 'warn', status, name: '', message: '' };
  if (isHttpError(err)) {
    for (const key of ['type', 'title', 'detail'])
      put(
        log,
        key,
        read(() => text(err[key as 'type'])),
      );
    const headers = read(() => fields(err.headers));
    if (headers && Object.keys(headers).length > 0) log.headers = headers;
  }
  Object.assign(log, describe(err));
  causes(err, log, depth);
  const request = options?.request;
  if (isObject(request)) {
    log.request = {};
    put(
      log.request,
      'method',
      read(() => text(request.method)),
    );
    put(
      log.request,
      'url',
      read(() => bare(request.url)),
    );
    put(
      log.request,
      'headers',
      read(() => fields(request.headers)),
    );
  }
  put(log, 'traceId', text(options?.traceId));
  return log;
}
