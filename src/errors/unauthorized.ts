import { type Challenge, formatChallenges } from '../auth/challenge.js';
import { HttpError, type HttpErrorOptions, optionsOf, setHeader } from './http-error.js';

/**
 * Options of {@link UnauthorizedError}.
 *
 * @example
 * const options: UnauthorizedOptions = { challenge: { scheme: 'Basic', params: { realm: 'admin' } } };
 */
export interface UnauthorizedOptions extends HttpErrorOptions {
  /**
   * The challenge(s) for `WWW-Authenticate`. Without one, renderers send the default
   * challenge (`Bearer`, or the `challenge` render option), because a 401 must carry one.
   */
  challenge?: Challenge | readonly Challenge[];
}

/**
 * 401 Unauthorized (RFC 9110 §15.5.2): "who are you?" The request has no valid credentials —
 * none, expired, malformed. The client may retry after authenticating. The response must carry
 * a `WWW-Authenticate` challenge telling it how.
 *
 * When the caller is known but not allowed, that is {@link ForbiddenError}, not this.
 *
 * @example
 * if (!token) throw new UnauthorizedError('Sign in to delete user data.');
 * if (!valid(token)) {
 *   throw new UnauthorizedError('The access token expired.', {
 *     challenge: bearerChallenge({ realm: 'api', error: 'invalid_token' }),
 *   });
 * }
 */
export class UnauthorizedError extends HttpError<401> {
  constructor(detail?: string, options?: UnauthorizedOptions);
  constructor(options?: UnauthorizedOptions);
  constructor(a?: string | UnauthorizedOptions, b?: UnauthorizedOptions) {
    super(401, a, b);
    this.name = 'UnauthorizedError';
    const challenge = optionsOf(a, b)?.challenge;
    if (challenge !== undefined) {
      setHeader(this, 'www-authenticate', formatChallenges(challenge));
    }
  }
}

/**
 * Options of {@link ProxyAuthenticationRequiredError}.
 *
 * @example
 * const options: ProxyAuthenticationRequiredOptions = { challenge: { scheme: 'Basic', params: { realm: 'proxy' } } };
 */
export interface ProxyAuthenticationRequiredOptions extends HttpErrorOptions {
  /** The challenge(s) for `Proxy-Authenticate`, which a 407 must carry. */
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
export class ProxyAuthenticationRequiredError extends HttpError<407> {
  constructor(detail: string | undefined, options: ProxyAuthenticationRequiredOptions);
  constructor(options: ProxyAuthenticationRequiredOptions);
  constructor(
    a?: string | ProxyAuthenticationRequiredOptions,
    b?: ProxyAuthenticationRequiredOptions,
  ) {
    super(407, a, b);
    this.name = 'ProxyAuthenticationRequiredError';
    const challenge = optionsOf(a, b)?.challenge;
    if (challenge !== undefined) {
      setHeader(this, 'proxy-authenticate', formatChallenges(challenge));
    }
  }
}
