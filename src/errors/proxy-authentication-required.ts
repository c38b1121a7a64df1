import { type Challenge, challengeLines } from '../auth/format-challenges.js';
import { linesValue } from '../internal/headers.js';
import { type HttpErrorOptions, NamedError, optionsOf, setHeader } from './http-error.js';

/**
 * Options of {@link ProxyAuthenticationRequiredError}.
 *
 * @example
 * const options: ProxyAuthenticationRequiredOptions = { challenge: { scheme: 'Basic', params: { realm: 'proxy' } } };
 */
export interface ProxyAuthenticationRequiredOptions extends HttpErrorOptions {
  /** The challenge(s) for `Proxy-Authenticate`, which a 407 must carry; one field line each. */
  challenge: Challenge | readonly Challenge[];
}

/**
 * 407 Proxy Authentication Required (RFC 9110 §15.5.8): like 401, for a proxy; the challenge
 * goes into `Proxy-Authenticate`.
 *
 * @example
 * throw new ProxyAuthenticationRequiredError({
 *   challenge: { scheme: 'Basic', params: { realm: 'corporate proxy' } },
 * });
 */
export class ProxyAuthenticationRequiredError extends NamedError<407> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 407;

  constructor(detail: string | undefined, options: ProxyAuthenticationRequiredOptions);
  constructor(options: ProxyAuthenticationRequiredOptions);
  constructor(
    a?: string | ProxyAuthenticationRequiredOptions,
    b?: ProxyAuthenticationRequiredOptions,
  ) {
    super(407, 'Proxy Authentication Required', 'ProxyAuthenticationRequiredError', a, b);
    const challenge = optionsOf(a, b)?.challenge;
    if (challenge !== undefined) {
      setHeader(this, 'proxy-authenticate', linesValue(challengeLines(challenge)));
    }
  }
}
