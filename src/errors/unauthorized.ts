import { type Challenge, formatChallenges } from '../auth/format-challenges.js';
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
