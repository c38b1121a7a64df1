// The guard apart from the class, so that isHttpError (and the logs and traces that check for
// an HttpError) imports only the brand symbol, not the class.
import { hasHttpErrorBrand } from '../internal/symbols.js';
import type { HttpError } from './http-error.js';

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
  return hasHttpErrorBrand(x);
}
