import { describe, isToken, refuse } from '../internal/syntax.js';
import { type HttpErrorOptions, NamedError, optionsOf, setHeader } from './http-error.js';

/**
 * Options of {@link MethodNotAllowedError}; `allow` is required.
 *
 * @example
 * const options: MethodNotAllowedOptions = { allow: ['GET', 'HEAD'] };
 */
export interface MethodNotAllowedOptions extends HttpErrorOptions {
  /** The methods the resource supports, sent as `Allow`. An empty list means none. */
  allow: readonly string[];
}

/**
 * 405 Method Not Allowed (RFC 9110 §15.5.6): the resource exists but does not support this
 * method. The response must list the supported ones in `Allow`, so `allow` is required.
 *
 * @example
 * if (req.method !== 'GET' && req.method !== 'HEAD') {
 *   throw new MethodNotAllowedError({ allow: ['GET', 'HEAD'] });
 * }
 */
export class MethodNotAllowedError extends NamedError<405> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 405;

  /** The supported methods, as sent in `Allow`. */
  declare readonly allow: readonly string[];

  constructor(detail: string | undefined, options: MethodNotAllowedOptions);
  constructor(options: MethodNotAllowedOptions);
  constructor(a?: string | MethodNotAllowedOptions, b?: MethodNotAllowedOptions) {
    super(405, 'Method Not Allowed', 'MethodNotAllowedError', a, b);
    const allow = optionsOf(a, b)?.allow;
    // Without `allow` (possible from plain JavaScript) renderers still send the Allow field:
    // empty, which RFC 9110 §10.2.1 reads as "no methods allowed".
    this.allow = allow === undefined ? [] : Object.freeze(validMethods(allow));
    if (allow !== undefined) setHeader(this, 'allow', this.allow.join(', '));
  }
}

function validMethods(allow: unknown): string[] {
  if (!Array.isArray(allow)) {
    refuse('MethodNotAllowedError', 'options.allow must be an array of method names');
  }
  return allow.map((method: unknown, i) => {
    if (typeof method !== 'string' || !isToken(method)) {
      refuse(
        'MethodNotAllowedError',
        `options.allow[${i}] must be a method name (a token), got ${describe(method)}`,
      );
    }
    return method;
  });
}
