import type { HttpError } from '../errors/http-error.js';
import { release } from '../internal/hooks.js';
import { randomTraceId, traceparentId } from '../observability/trace-id.js';

/**
 * The request-level render members every adapter accepts as a value or as a function of the
 * request: `instance` (e.g. the path) and `extensions` (e.g. a trace id), and `onError`, which
 * the adapters call with the request as third argument.
 */
export interface RequestMembers {
  instance?: string;
  extensions?: Readonly<Record<string, unknown>>;
  onError?: (error: HttpError, original: unknown) => void;
}

/**
 * The correlation id of one request for the adapters' `traceId` option: with `true`, the
 * trace-id of a valid W3C `traceparent` (version 00) or else a fresh random one; with a
 * function, the string it returns (and, when it returns none, the same as `true`). Absent
 * otherwise. Never throws.
 */
export function traceIdFor(
  option: unknown,
  req: unknown,
  traceparent: unknown,
): string | undefined {
  if (option !== true && typeof option !== 'function') return undefined;
  const own = evaluate(option, req);
  return typeof own === 'string' && own !== ''
    ? own
    : (traceparentId(traceparent) ?? randomTraceId());
}

function evaluate(option: unknown, req: unknown): unknown {
  if (typeof option !== 'function') return option;
  try {
    const value: unknown = option(req);
    // A promise cannot be waited for while rendering: absent (its rejection is handled).
    return release(value) ? undefined : value;
  } catch {
    return undefined;
  }
}

/**
 * Resolves `instance` and `extensions` for one request, and binds `onError` to it (the request
 * and the trace id as third and fourth arguments). A `traceId` is added to the extensions as
 * the `traceId` member. A function that throws or returns a promise, or a value of the wrong
 * type, counts as absent: rendering an error must not fail or wait because of them.
 */
export function requestMembers(
  instance: unknown,
  extensions: unknown,
  onError: unknown,
  req: unknown,
  traceId?: string,
): RequestMembers {
  const members: RequestMembers = {};
  const i = evaluate(instance, req);
  if (typeof i === 'string') members.instance = i;
  const e = evaluate(extensions, req);
  // Checked when the problem is built (an array, a revoked Proxy count as absent there).
  if (typeof e === 'object' && e !== null)
    members.extensions = e as Readonly<Record<string, unknown>>;
  if (traceId !== undefined) {
    let merged: Record<string, unknown>;
    try {
      merged = { ...members.extensions, traceId };
    } catch {
      merged = { traceId };
    }
    members.extensions = merged;
  }
  if (typeof onError === 'function') {
    // Three arguments without a trace id, as before the option existed.
    members.onError =
      traceId === undefined
        ? (error, original) => onError(error, original, req)
        : (error, original) => onError(error, original, req, traceId);
  }
  return members;
}
