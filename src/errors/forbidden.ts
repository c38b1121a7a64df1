import { formatScope } from '../auth/bearer.js';
import type { Challenge } from '../auth/format-challenges.js';
import {
  type HttpErrorOptions,
  NamedError,
  NO_CHALLENGES,
  optionsOf,
  setHeader,
} from './http-error.js';

/**
 * Options of {@link ForbiddenError}.
 *
 * @example
 * const options: ForbiddenOptions = { scope: ['users:delete'], conceal: false };
 */
export interface ForbiddenOptions extends HttpErrorOptions {
  /**
   * OAuth scope(s) the request would need. Adds
   * `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"` (RFC 6750 §3.1).
   */
  scope?: string | readonly string[] | undefined;
  /**
   * Hide that the resource exists: every renderer answers a plain 404 Not Found with no
   * detail and none of this error's headers, while the error itself stays a 403 for logs.
   */
  conceal?: boolean | undefined;
}

/**
 * 403 Forbidden (RFC 9110 §15.5.4): "I know who you are, and no." The request was understood
 * and the credentials (if any) were fine, but this caller may not do this. Repeating the
 * request, or retrying with other credentials automatically, will not help.
 *
 * Missing or invalid credentials are {@link UnauthorizedError} (401) instead. To hide the
 * resource from callers who may not know it exists, set `conceal: true` (answered as 404).
 *
 * @example
 * if (user.id !== params.userId && !user.isAdmin) {
 *   throw new ForbiddenError('You do not have permission to delete user data.');
 * }
 * // A token that lacks a scope:
 * throw new ForbiddenError({ scope: 'admin:read' });
 */
export class ForbiddenError extends NamedError<403> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 403;

  /** Whether renderers answer 404 Not Found instead. */
  declare readonly conceal: boolean;
  /**
   * The challenges this error carries: the `insufficient_scope` Bearer challenge of its `scope`
   * option, or, for an error made by `fromResponse`, those the server sent (parsed). Empty when
   * there are none.
   */
  declare readonly challenges: readonly Challenge[];

  constructor(detail?: string | ForbiddenOptions, options?: ForbiddenOptions) {
    super(403, 'Forbidden', 'ForbiddenError', detail, options);
    const given = optionsOf(detail, options);
    this.conceal = given?.conceal === true;
    this.challenges = NO_CHALLENGES;
    if (given?.scope !== undefined) {
      // What formatChallenges(bearerChallenge({ error: 'insufficient_scope', scope })) writes;
      // formatScope admits no character that a quoted-string would have to escape.
      const scope = formatScope(given.scope);
      setHeader(this, 'www-authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
      this.challenges = [{ scheme: 'Bearer', params: { error: 'insufficient_scope', scope } }];
    }
  }
}
