// The adapters' default error log: when no `onError` is given, each 5xx (and each error whose
// response could not be written because the headers were already sent) is written once to
// `console.error`, as Express, Koa, Fastify and Hono do by default. `onError: false` turns it
// off. Every adapter reports through here.

import type { HttpError } from '../errors/http-error.js';
import { toHttpError } from '../errors/normalize.js';
import { release } from '../internal/hooks.js';
import { reasonPhrase } from '../status/lookup.js';

/** The request line of a log entry: method and path (never the query, which may hold secrets). */
export interface RequestLine {
  method: string | undefined;
  path: string | undefined;
}

const MAX_CAUSES = 8;

/** The path of a request target or absolute URL, without query and fragment. */
export function pathOf(target: unknown): string | undefined {
  if (typeof target !== 'string') return undefined;
  const scheme = target.indexOf('://');
  const start = scheme === -1 ? 0 : target.indexOf('/', scheme + 3);
  if (start === -1) return '/';
  const end = target.slice(start).search(/[?#]/);
  return end === -1 ? target.slice(start) : target.slice(start, start + end);
}

/** One link of the cause chain: its stack (which starts with name and message), or those. */
function describeLink(link: unknown): string {
  if (typeof link !== 'object' || link === null) return String(link);
  const { stack, name, message } = link as Record<string, unknown>;
  return typeof stack === 'string' ? stack : `${String(name)}: ${String(message)}`;
}

/**
 * The log entry: `http-error-kit: 502 Bad Gateway, GET /orders/42`, then the thrown value and
 * each of its causes (stack, or name and message), cycles and chains longer than 8 cut.
 */
export function logEntry(status: number, request: RequestLine | undefined, original: unknown) {
  const line = [`http-error-kit: ${status} ${reasonPhrase(status) ?? ''}`.trimEnd()];
  if (request?.method !== undefined || request?.path !== undefined) {
    line[0] += `, ${request.method ?? '-'} ${request.path ?? '-'}`;
  }
  const seen = new Set<unknown>();
  let link = original;
  while (link !== undefined && seen.size < MAX_CAUSES && !seen.has(link)) {
    seen.add(link);
    try {
      line.push(`${seen.size === 1 ? '' : 'cause: '}${describeLink(link)}`);
      link =
        typeof link === 'object' && link !== null ? (link as { cause?: unknown }).cause : undefined;
    } catch {
      line.push('[unreadable]');
      break;
    }
  }
  return line.join('\n');
}

/** Writes the default log entry; never throws (a console that refuses is ignored). */
export function logError(status: number, request: RequestLine | undefined, original: unknown) {
  try {
    (globalThis as { console?: { error?: (text: string) => void } }).console?.error?.(
      logEntry(status, request, original),
    );
  } catch {
    // Logging must never break the response.
  }
}

/**
 * Reports an error the adapter could not answer (the headers were sent): to `onError` when it
 * is a function (bound to the request; what it throws or rejects with is swallowed), to the
 * default log when it is `undefined`, nowhere when it is `false`.
 */
export function reportUnanswered(
  err: unknown,
  onError: unknown,
  request: RequestLine | undefined,
): void {
  const error: HttpError = toHttpError(err);
  if (onError === undefined) {
    logError(error.status, request, err);
    return;
  }
  if (typeof onError !== 'function') return;
  try {
    release(onError(error, err));
  } catch {
    // Reporting must never break the response.
  }
}
