import type { HttpError } from '../errors/http-error.js';
import { release } from '../internal/hooks.js';

/**
 * The request-level render members every adapter accepts as a value or as a function of the
 * request: `instance` (e.g. the path) and `extensions` (e.g. a trace id), and `onError`, which
 * the adapters call with the request as third argument.
 */
export interface RequestMembers {
  instance?: string;
  extensions?: Readonly<Record<string, unknown>>;
  onError?: ((error: HttpError, original: unknown) => unknown) | false;
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
 * Resolves `instance` and `extensions` for one request, and binds `onError` to it. A function
 * that throws or returns a promise, or a value of the wrong type, counts as absent: rendering an
 * error must not fail or wait because of them.
 */
export function requestMembers(
  instance: unknown,
  extensions: unknown,
  onError: unknown,
  req: unknown,
): RequestMembers {
  const members: RequestMembers = {};
  const i = evaluate(instance, req);
  if (typeof i === 'string') members.instance = i;
  const e = evaluate(extensions, req);
  // Checked when the problem is built (an array, a revoked Proxy count as absent there).
  if (typeof e === 'object' && e !== null)
    members.extensions = e as Readonly<Record<string, unknown>>;
  if (typeof onError === 'function') {
    members.onError = (error, original) => onError(error, original, req);
  } else if (onError === false) {
    members.onError = false;
  }
  return members;
}
