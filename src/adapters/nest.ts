// Adapter entry `http-error-kit/nest`: a NestJS exception filter for the Express and Fastify
// platforms, told apart by the host's response object. Only Nest's types are imported.

/// <reference types="node" />

import type { ServerResponse } from 'node:http';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { HttpError } from '../errors/http-error.js';
import { isRepresentationField, withVary } from '../internal/headers.js';
import { type RenderOptions, renderError } from '../render/render-error.js';
import { forRequest, type PerRequestOptions } from './per-request.js';
import { logError, pathOf } from './report.js';

/**
 * Options of {@link ProblemFilter}: the `PerRequestOptions` of Nest's `ArgumentsHost`
 * (`instance`, `extensions`, `traceId` and `onError` get the host of the failed request).
 *
 * @example
 * const options: NestOptions = {
 *   instance: (host) => host.switchToHttp().getRequest<{ url: string }>().url,
 *   traceId: true,
 * };
 */
export type NestOptions = PerRequestOptions<ArgumentsHost>;

/** What the filter reads of a request: the same on Express (`req`) and Fastify (`request`). */
interface RequestFields {
  method?: string;
  originalUrl?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** What the filter uses of a Fastify reply (an Express response has no `raw`). */
interface Reply {
  raw: ServerResponse;
  sent: boolean;
  code(status: number): Reply;
  headers(fields: Record<string, string | string[]>): Reply;
  send(body: Uint8Array): unknown;
  getHeaders(): Record<string, unknown>;
  removeHeader(name: string): unknown;
}

/** What is read of a thrown value to tell a Nest `HttpException`. */
interface NestException {
  getStatus?: unknown;
  getResponse?: unknown;
  cause?: unknown;
}

/**
 * Nest's `HttpException` (told by its methods) as our error: its status, the message of
 * `getResponse()` (a string, or the `message` member of an object) as `detail`, and a list of
 * messages (`ValidationPipe`'s) as `errors[]` entries; the exception is the `cause`. Anything
 * else, an exception whose methods throw, and one made from body-parser's error (its `cause`)
 * are left to `toHttpError`.
 */
function fromNest(x: NestException | null | undefined): unknown {
  try {
    if (typeof x?.getStatus !== 'function' || typeof x.getResponse !== 'function') return x;
    // Nest's Express platform wraps body-parser's errors (told by `type`), message and all
    // (JSON.parse's quotes the body): toHttpError answers from body-parser's error instead.
    const cause = x.cause as { expose?: unknown; type?: unknown } | null | undefined;
    if (typeof cause?.expose === 'boolean' && typeof cause.type === 'string') return cause;
    const response: unknown = x.getResponse.call(x);
    const message = (response as { message?: unknown } | null)?.message ?? response;
    const errors = Array.isArray(message)
      ? message.filter((m) => typeof m === 'string').map((detail) => ({ detail }))
      : undefined;
    return new HttpError(x.getStatus.call(x) as 400, {
      detail: typeof message === 'string' ? message : undefined,
      extensions: errors && { errors },
      cause: x,
      stack: false,
    });
  } catch {
    return x;
  }
}

/**
 * A NestJS exception filter that answers every error of an HTTP request with problem details
 * rendered by `renderError`, on the Express and the Fastify platform: our errors with the
 * fields their status needs (`WWW-Authenticate`, `Allow`, `Retry-After`, which Nest's own filter
 * drops), Nest's `HttpException`s with their status and message (`ValidationPipe`'s list of
 * messages as `errors[]`), anything else as a redacted 500; a request no route takes gets a 404.
 *
 * Register it once, with no decorator: `app.useGlobalFilters(new ProblemFilter(options))`, or
 * as a module's `APP_FILTER` provider (`useValue: new ProblemFilter(options)`, or `useClass:
 * ProblemFilter`). Errors of other contexts (microservices, WebSockets, GraphQL) are left to
 * Nest: the filter returns nothing for them, and Nest handles them as it does without it.
 * Without `onError`, each 5xx is written once to `console.error`. Once the headers are sent,
 * the response is destroyed and the error reported.
 *
 * @example
 * import { NestFactory } from '@nestjs/core';
 * import { ProblemFilter } from 'http-error-kit/nest';
 * import { AppModule } from './app.module.js';
 *
 * const app = await NestFactory.create(AppModule);
 * app.useGlobalFilters(new ProblemFilter({ traceId: true }));
 * await app.listen(3000);
 */
export class ProblemFilter implements ExceptionFilter {
  readonly #options: NestOptions | undefined;

  /** @param options - see {@link NestOptions} */
  constructor(options?: NestOptions) {
    this.#options = options;
  }

  /**
   * Answers the error of an HTTP request; does nothing for the other contexts.
   * @param exception - anything thrown
   * @param host - Nest's arguments host of the failed call
   */
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const req: RequestFields = host.getArgByIndex(0);
    const res: Partial<Reply> = host.getArgByIndex(1);
    const reply = typeof res.code === 'function' && res.raw ? (res as Reply) : undefined;
    const raw = reply?.raw ?? (res as unknown as ServerResponse);
    const options: RenderOptions = forRequest(this.#options, host, req.headers?.traceparent);
    const { onError } = options;
    // `onError` hears of what was thrown, not of the error made from a Nest exception.
    if (typeof onError === 'function') options.onError = (error) => onError(error, exception);
    // Both platforms read node:http's fields, which join repeated Accept lines into one string.
    options.accept = req.headers?.accept as string | undefined;
    const sent = raw.headersSent || reply?.sent === true;
    // Rendered also when it cannot be sent: onError hears of it, and the log has its status.
    const { status, headers, body } = renderError(fromNest(exception as NestException), options);
    if (onError === undefined && (sent || status >= 500)) {
      // Both platforms' requests have Express's `originalUrl`, before any router cut it.
      const line = { method: req.method, url: pathOf(req.originalUrl) };
      logError(status, line, exception, options.extensions);
    }
    // Too late for an error response: break this one, so it does not pass for complete.
    if (sent) return void raw.destroy();
    // Fields set before the error (Nest's `@Header()`) that describe the abandoned
    // representation go, `Content-Disposition` among them; the others (CORS) stay.
    const fields = reply ?? raw;
    const set = fields.getHeaders();
    for (const name of Object.keys(set)) if (isRepresentationField(name)) fields.removeHeader(name);
    // Setting `vary` replaces one set earlier (CORS's `Origin`): it is merged in instead.
    withVary(headers, set.vary);
    const bytes = Buffer.from(body);
    // A Buffer, so that neither a response schema nor Fastify's charset rule touches it.
    if (reply) return void reply.code(status).headers(headers).send(bytes);
    headers['content-length'] = String(bytes.byteLength);
    // node:http sends no body for HEAD, with the Content-Length a GET gets.
    raw.writeHead(status, headers).end(bytes);
  }
}
