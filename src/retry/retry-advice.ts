import { parseChallenges } from '../auth/parse-challenges.js';
import { isObject, replyField, replyStatus } from '../internal/reply.js';
import type { RetryAdvice } from '../status/metadata.js';

// The `retry` column of the status table for the codes whose advice is not 'no', repeated here
// so that a client's bundle does not carry the whole table; a test checks that both agree for
// every code. Any 5xx not registered is understood as 500 (RFC 9110 §15). shouldRetry needs
// only the codes it may retry after, so the 'authenticate' ones are apart.
const AUTHENTICATE = [401, 407, 511];
// (As patterns over the code's digits: a shorter bundle than arrays of numbers.)
const LATER = /^(42[39]|50[37])$/; // 423, 429, 503, 507
const IDEMPOTENT = /^(408|42[15]|50[0249]|512)$/; // 408, 421, 425, 500, 502, 504, 509, 512

/**
 * Whether `x` (or its `cause`) is the `TypeError` fetch rejects with when no response came
 * (refused, reset, DNS), or a timeout (`TimeoutError`, from `AbortSignal.timeout` or ky).
 */
function isNetworkFailure(x: unknown): boolean {
  const failed = (link: unknown) =>
    isObject(link) && ['TypeError', 'TimeoutError'].includes(link.name as string);
  try {
    return isObject(x) && (failed(x) || failed(x.cause));
  } catch {
    return false; // unreadable: not a network failure
  }
}

function insufficientScope(challenges: string | undefined): boolean {
  if (challenges === undefined) return false;
  return parseChallenges(challenges).some(
    (c) => c.scheme.toLowerCase() === 'bearer' && c.params?.error === 'insufficient_scope',
  );
}

/**
 * What a client may do about an error, for this error rather than its status alone:
 * - `'no'`: the same request fails the same way (400, 403, 404, 422, …);
 * - `'authenticate'`: only with new or other credentials (401, 407, 511) — and a 403 whose
 *   `WWW-Authenticate` says `Bearer error="insufficient_scope"`: get a token with the scope
 *   it names (RFC 6750 §3.1);
 * - `'later'`: after `Retry-After` (429, 503, …);
 * - `'idempotent'`: safe to repeat for idempotent methods (408, 500, 502, 504, …), and for a
 *   network failure (the `TypeError` fetch throws) or a timeout.
 *
 * Reads an `HttpError` (e.g. from `fromResponse`), a Fetch `Response`, or the error of an HTTP
 * client that carries its `response` (ky, ofetch, axios). An unregistered 5xx is treated as
 * 500 (RFC 9110 §15); anything else without a status is `'no'`. Never throws.
 *
 * @example
 * retryAdvice(new ForbiddenError()); // 'no'
 * retryAdvice(new ForbiddenError({ scope: 'user:delete' })); // 'authenticate'
 * retryAdvice(new TooManyRequestsError({ retryAfter: 30 })); // 'later'
 * retryAdvice(new TypeError('fetch failed')); // 'idempotent'
 */
export function retryAdvice(err: unknown): RetryAdvice {
  const status = replyStatus(err);
  return AUTHENTICATE.includes(status as number) ||
    (status === 403 && insufficientScope(replyField(err, 'www-authenticate')))
    ? 'authenticate'
    : (retryable(err, status) ?? 'no');
}

/**
 * Whether a client may repeat the request unchanged, by status alone (or for a network
 * failure): {@link retryAdvice} when it says `'later'` or `'idempotent'`, else `undefined`.
 * @internal
 */
export function retryable(
  err: unknown,
  status = replyStatus(err),
): 'later' | 'idempotent' | undefined {
  if (status === undefined) return isNetworkFailure(err) ? 'idempotent' : undefined;
  const code = String(Math.min(status, 512));
  return LATER.test(code) ? 'later' : IDEMPOTENT.test(code) ? 'idempotent' : undefined;
}
