import { type Challenge, challengeLines } from '../auth/format-challenges.js';
import { linesValue } from '../internal/headers.js';
import { applyDpopNonce } from './dpop-nonce.js';
import {
  type HttpErrorOptions,
  NamedError,
  NO_CHALLENGES,
  optionsOf,
  setHeader,
} from './http-error.js';

/**
 * Options of {@link UnauthorizedError}.
 *
 * @example
 * const options: UnauthorizedOptions = { challenge: { scheme: 'Basic', params: { realm: 'admin' } } };
 */
export interface UnauthorizedOptions extends HttpErrorOptions {
  /**
   * The challenge(s) for `WWW-Authenticate`, each sent as its own field line, in order of
   * preference. Without one, renderers send the default challenge (`Bearer`, or the
   * `challenge` render option), because a 401 must carry one.
   */
  challenge?: Challenge | readonly Challenge[] | undefined;
  /**
   * A nonce for the client's next DPoP proof, sent as `DPoP-Nonce`, typically with a
   * `dpopChallenge({ error: 'use_dpop_nonce', … })` (RFC 9449 §9). Printable ASCII without
   * space, `"` and `\` (RFC 9449 §8.1).
   */
  dpopNonce?: string | undefined;
}

/**
 * 401 Unauthorized (RFC 9110 §15.5.2): "who are you?" The request has no valid credentials —
 * none, expired, malformed. The client may retry after authenticating. The response must carry
 * a `WWW-Authenticate` challenge telling it how.
 *
 * When the caller is known but not allowed, that is {@link ForbiddenError}, not this. Several
 * challenges (say DPoP and Bearer, RFC 9449 §7.2) are offered in order of preference, one
 * `WWW-Authenticate` field line each.
 *
 * @example
 * if (!token) throw new UnauthorizedError('Sign in to delete user data.');
 * if (!valid(token)) {
 *   throw new UnauthorizedError('The access token expired.', {
 *     challenge: bearerChallenge({ realm: 'api', error: 'invalid_token' }),
 *   });
 * }
 */
export class UnauthorizedError extends NamedError<401> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 401;

  /**
   * The challenges this error carries: those of its `challenge` option, or, for an error made by
   * `fromResponse`, those the server sent (parsed). Empty when there are none; a renderer then
   * sends the default challenge.
   */
  declare readonly challenges: readonly Challenge[];

  constructor(detail?: string | UnauthorizedOptions, options?: UnauthorizedOptions) {
    super(401, 'Unauthorized', 'UnauthorizedError', detail, options);
    const given = optionsOf(detail, options);
    const challenge = given?.challenge;
    if (challenge !== undefined) {
      setHeader(this, 'www-authenticate', linesValue(challengeLines(challenge)));
    }
    this.challenges =
      challenge === undefined ? NO_CHALLENGES : ([] as Challenge[]).concat(challenge);
    applyDpopNonce(this, given);
  }
}
