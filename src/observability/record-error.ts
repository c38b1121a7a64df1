import { errorStatus } from '../internal/error-status.js';
import { replyStatus } from '../internal/reply.js';

/**
 * The members of an OpenTelemetry `Span` that {@link recordError} calls; a span of
 * `@opentelemetry/api` is one. No dependency on it: any object with these methods will do.
 *
 * @example
 * import { trace } from '@opentelemetry/api';
 *
 * const span: SpanLike = trace.getTracer('orders').startSpan('GET /orders');
 */
export interface SpanLike {
  /** Sets one attribute. */
  setAttribute(key: string, value: string | number): unknown;
  /** Adds an `exception` event. */
  recordException(exception: Error | string): unknown;
  /** Sets the span status: `{ code: 2 }` is `SpanStatusCode.ERROR`. */
  setStatus(status: { code: number }): unknown;
}

/**
 * Options of {@link recordError}.
 *
 * @example
 * const options: RecordErrorOptions = { kind: 'client' };
 */
export interface RecordErrorOptions {
  /**
   * Whether the span is the server's span of the request being answered (default) or a
   * client's span of a request it sent.
   */
  kind?: 'server' | 'client' | undefined;
}

/** `SpanStatusCode.ERROR` of `@opentelemetry/api`. */
const ERROR = 2;

/**
 * Records an error on an OpenTelemetry span the way the HTTP semantic conventions ask:
 * - `http.response.status_code`: the status answered (server: the error's, 500 for anything
 *   without one) or received (client: `HttpError`, `Response`, ky's or ofetch's error);
 * - an `exception` event with the error (`span.recordException`);
 * - span status `ERROR` and `error.type` (the status as a string, e.g. `'503'`) for a 5xx on a
 *   server span and for a 4xx or 5xx on a client span; a 4xx on a server span is the client's
 *   mistake, not the server's, so its status stays unset and it gets no `error.type`;
 * - on a client span, a failure without a response (the `TypeError` of a network failure) has
 *   no status code: `error.type` is the error's name and the span status `ERROR`.
 *
 * Never throws, whatever the span's methods do; an unknown `options.kind` throws `TypeError`.
 *
 * @param span - the span, e.g. `trace.getActiveSpan()`
 * @param err - anything thrown
 * @param options - see {@link RecordErrorOptions}
 *
 * @example
 * import { trace } from '@opentelemetry/api';
 *
 * const span = trace.getActiveSpan();
 * if (span) recordError(span, new ServiceUnavailableError());
 * // http.response.status_code 503, error.type '503', an exception event, status ERROR
 */
export function recordError(span: SpanLike, err: unknown, options?: RecordErrorOptions): void {
  const kind = options?.kind ?? 'server';
  if (kind !== 'server' && kind !== 'client') {
    throw new TypeError(
      `recordError: options.kind must be 'server' or 'client', got ${String(kind)}`,
    );
  }
  try {
    const client = kind === 'client';
    const status = client ? replyStatus(err) : errorStatus(err);
    let errorType: string | undefined;
    if (status === undefined) {
      const name = typeof err === 'object' && err !== null ? (err as Error).name : undefined;
      errorType = typeof name === 'string' && name !== '' ? name : '_OTHER';
    } else {
      span.setAttribute('http.response.status_code', status);
      if (status >= (client ? 400 : 500)) errorType = String(status);
    }
    if (errorType !== undefined) {
      span.setAttribute('error.type', errorType);
      span.setStatus({ code: ERROR });
    }
    const message = typeof err === 'object' && err !== null ? (err as Error).message : undefined;
    span.recordException(typeof message === 'string' ? (err as Error) : String(err));
  } catch {
    // Tracing must never break the request.
  }
}
