// Adapter entry `http-error-kit/hono`: Hono's error, not-found and validator hooks. Only Hono's
// types are imported; the responses are made as `toResponse` of the fetch entry makes them.

import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { NotFoundError } from '../errors/classes.js';
import { isRepresentationField, mergeVary } from '../internal/headers.js';
import { fromIssues, type IssueLocation } from '../validation/from-issues.js';
import type { StandardSchemaIssue } from '../validation/standard-schema.js';
import { respond } from './fetch/server.js';
import { forRequest, type PerRequestOptions } from './per-request.js';

/**
 * Options of {@link onError} and {@link notFound}: the `PerRequestOptions` of Hono's `Context`
 * (`instance`, `extensions`, `traceId` and `onError` get the context).
 *
 * @example
 * const options: HonoOptions = {
 *   instance: (c) => c.req.path,
 *   traceId: (c) => c.req.header('x-request-id'),
 * };
 */
export type HonoOptions = PerRequestOptions<Context>;

function answer(err: unknown, c: Context, options: HonoOptions | undefined): Response {
  // Without `onError`, a 5xx is logged.
  const response = respond(err, forRequest(options, c, c.req.header('traceparent')), c.req.raw);
  adopt(c, response.headers);
  return response;
}

/**
 * Hono sets the fields set on the context before the error over the response the hook returns
 * (`c.res = response`): a `Cache-Control: public` or a cookie set earlier would replace the error
 * response's own. So, as the node:http adapters do, the fields set earlier that the error
 * response has, and those of the abandoned representation, are removed from the context first,
 * and a `Vary` set earlier is merged into the error response's.
 */
function adopt(c: Context, fields: Headers): void {
  try {
    const before = c.res.headers;
    const vary = before.get('vary');
    if (vary !== null) fields.set('vary', mergeVary(vary, fields.get('vary') ?? undefined));
    for (const name of [...before.keys()]) {
      if (fields.has(name) || isRepresentationField(name)) before.delete(name);
    }
  } catch {
    // A context that cannot be read keeps its fields: the response is still the error's.
  }
}

/**
 * Hono's `app.onError` hook, answering every error with problem details negotiated from the
 * request: our errors, Hono's `HTTPException` (its status, the header fields of its `res` such
 * as `basicAuth`'s `WWW-Authenticate`, and its message below 500; the exception stays the
 * `cause`), and anything else as a redacted 500. A `HEAD` request gets the headers only.
 * Fields set on the context before the error (CORS) are kept, except those the error response
 * has itself (`Cache-Control`, `Set-Cookie`, …: the error's win) and those of the abandoned
 * representation (`Content-*`, `ETag`, `Last-Modified`); a `Vary` set before is merged with the
 * error response's `Vary: Accept`.
 *
 * @param options - see {@link HonoOptions}
 *
 * @example
 * import { Hono } from 'hono';
 * import { ForbiddenError } from 'http-error-kit';
 * import { notFound, onError } from 'http-error-kit/hono';
 *
 * const app = new Hono();
 * app.onError(onError());
 * app.notFound(notFound());
 * app.delete('/user-data/:id', () => {
 *   throw new ForbiddenError('You do not have permission to delete user data.');
 * });
 */
export function onError(options?: HonoOptions): ErrorHandler {
  return (err, c) => answer(err, c, options);
}

/**
 * Hono's `app.notFound` hook: a 404 problem (no `detail`) for a request no route took.
 *
 * @param options - see {@link HonoOptions}
 *
 * @example
 * app.notFound(notFound({ instance: (c) => c.req.path }));
 */
export function notFound(options?: HonoOptions): NotFoundHandler {
  return (c) => answer(new NotFoundError({ stack: false }), c, options);
}

/**
 * Options of {@link validationHook}: {@link HonoOptions} and the status.
 *
 * @example
 * const options: ValidationHookOptions = { status: 400, traceId: true };
 */
export interface ValidationHookOptions extends HonoOptions {
  /** The status of a request that fails validation: 422 (the default) or 400. */
  status?: 400 | 422 | undefined;
}

/**
 * What a validator middleware gives its hook: whether the value passed, the issues (an array
 * from `@hono/standard-validator`, a `ZodError` from `@hono/zod-validator`) and the target.
 *
 * @example
 * const failed: ValidationResult = { success: false, error: [{ message: 'Required' }], target: 'json' };
 */
export interface ValidationResult {
  /** Whether the value passed. */
  success: boolean;
  /** The issues (`StandardSchemaIssue`s), or an error that has them as `issues`. */
  error?: unknown;
  /** `json`, `form`, `query`, `param`, `header` or `cookie`. */
  target: string;
}

/**
 * The hook of Hono's validator middleware (`sValidator` of `@hono/standard-validator`,
 * `zValidator` of `@hono/zod-validator`): when the value fails, it answers a 422 problem (400
 * with `status: 400`) made by `fromIssues`: one `errors[]` entry per issue, with a JSON Pointer
 * into a `json` or `form` body, or the name of the `query` or `param` parameter or `header` (a
 * `cookie` issue names no place); nothing of the value is sent. When it passes, the route runs.
 * It renders as {@link onError} does (same `instance`, `extensions`, `traceId`, `onError`),
 * since a hook's response never reaches Hono's `onError`.
 *
 * @param options - see {@link ValidationHookOptions}
 *
 * @example
 * import { sValidator } from '@hono/standard-validator';
 * import { Hono } from 'hono';
 * import { onError, validationHook } from 'http-error-kit/hono';
 * import { z } from 'zod';
 *
 * const user = z.object({ name: z.string(), age: z.number().int().min(0) });
 * const app = new Hono();
 * app.onError(onError());
 * app.post('/users', sValidator('json', user, validationHook()), (c) =>
 *   c.json(c.req.valid('json'), 201),
 * );
 */
export function validationHook(
  options?: ValidationHookOptions,
): (result: ValidationResult, c: Context) => Response | undefined {
  const { status, ...rest } = options ?? {};
  // A status other than 400 and 422 is refused now, with fromIssues's TypeError.
  fromIssues([], { status });
  return (result, c) => {
    if (result.success) return undefined;
    const { error, target } = result;
    // Where the target is in the request, which says how an issue names its place.
    const where: IssueLocation =
      target === 'query'
        ? 'query'
        : target === 'param'
          ? 'path'
          : target === 'header' || target === 'cookie'
            ? 'header'
            : 'body';
    let err: unknown;
    try {
      // fromIssues checks them: anything but issues throws, and is answered as a redacted 500.
      const { issues = error } = error as { issues?: unknown };
      const list = issues as readonly StandardSchemaIssue[];
      // A cookie is not a header of its own: its issues keep their message only.
      const listed = target === 'cookie' ? list.map(({ message }) => ({ message })) : list;
      err = fromIssues(listed, { status, in: where, stack: false });
    } catch (thrown) {
      err = thrown;
    }
    return answer(err, c, rest);
  };
}
