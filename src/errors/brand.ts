// The brand of HttpError, apart from the class, so that a guard (isHttpError, and the logs and
// traces that check for one) imports only the symbol, not the class and its phrase table.
import type { HttpError } from './http-error.js';

/**
 * Symbol.for: the same symbol in every realm and in every copy of this package, so that
 * isHttpError() recognises errors created by a second copy (a nested node_modules, a bundle).
 * @internal
 */
export const BRAND: unique symbol = /* @__PURE__ */ Symbol.for('http-error-kit.HttpError') as never;

/**
 * True when `x` is an {@link HttpError}, also one created in another realm or by another copy
 * of this package (where `instanceof` would say no). Never throws.
 *
 * @example
 * try {
 *   await handler(request);
 * } catch (err) {
 *   if (isHttpError(err) && err.status === 403) audit(err);
 *   throw err;
 * }
 */
export function isHttpError(x: unknown): x is HttpError {
  try {
    return typeof x === 'object' && x !== null && (x as { [BRAND]?: unknown })[BRAND] === true;
  } catch {
    return false;
  }
}
