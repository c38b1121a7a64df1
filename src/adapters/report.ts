// The adapters' default error log: when no `onError` is given, each 5xx (and each error whose
// response could not be written because the headers were already sent) is written once to
// `console.error`, as Express, Koa, Fastify and Hono do by default. `onError: false` turns it
// off. Every adapter reports through here. The entry is `toLog`'s, as one line of JSON, so that
// the default log explains an error as fully as a configured logger would (cause chain,
// upstream, redacted headers) and a log collector can read it without parsing text.

import { read } from '../internal/checked.js';
import { logOf } from '../observability/to-log.js';

/**
 * The request of a log entry: method and path as `url` (never the query, which may hold
 * secrets, nor the header fields), what toLog's `request` reads.
 */
export interface RequestLine {
  method: string | undefined;
  url: string | undefined;
}

/** The path of a request target or absolute URL, without query and fragment. */
export const pathOf = (target: unknown): string | undefined =>
  typeof target === 'string'
    ? target.replace(/^[\w+.-]*:\/\/[^/?#]*|[?#].*/gs, '') || '/'
    : undefined;

/**
 * The log entry: {@link toLog} of the thrown value as JSON, with the status the response has
 * (or would have had), the request's method and path — never its query or its header fields,
 * which carry credentials toLog does not know (an `X-Api-Key`) — and the `traceId` member of
 * the request-level `extensions`, where the adapters' `traceId` option puts the id the response
 * carries. toLog redacts `Authorization`, `Proxy-Authorization`, `Cookie` and `Set-Cookie` and
 * drops the query of upstream URLs.
 */
export function logEntry(
  status: number,
  request: RequestLine | undefined,
  original: unknown,
  extensions?: unknown,
): string {
  return JSON.stringify(
    // logOf keeps the trace id only when it is a string.
    logOf(
      original,
      status,
      {
        request,
        traceId: read(extensions, 'traceId') as string | undefined,
      },
      8,
    ),
  );
}

/** Writes the default log entry; never throws (a console that refuses is ignored). */
export function logError(
  status: number,
  request: RequestLine | undefined,
  original: unknown,
  extensions?: unknown,
): void {
  try {
    // A runtime without a console throws here too.
    (globalThis as unknown as { console: { error(text: string): void } }).console.error(
      logEntry(status, request, original, extensions),
    );
  } catch {
    // Logging must never break the response.
  }
}
