import { isObject } from '../internal/reply.js';
import { retryable } from './retry-advice.js';
import { refuse, retryDelay } from './retry-delay.js';

/**
 * Options of {@link shouldRetry}.
 *
 * @example
 * const options: ShouldRetryOptions = { method: 'GET', attempt: 1, maxAttempts: 4 };
 */
export interface ShouldRetryOptions {
  /** The method of the request that failed, e.g. `'GET'` (any case). */
  method: string;
  /** Which attempt failed: 1 for the first request, 2 for the first retry, … */
  attempt: number;
  /** How many attempts in all, the first included; default 3. */
  maxAttempts?: number | undefined;
  /**
   * The longest wait worth retrying after, in ms; a longer `Retry-After` (or `RateLimit`
   * reset) means no automatic retry. Default 60 000 (one minute).
   */
  maxDelay?: number | undefined;
  /** The time an HTTP-date `Retry-After` is measured from (see {@link retryDelay}). */
  now?: number | Date | undefined;
}

/**
 * The answer of {@link shouldRetry}: no, or yes after `delay` milliseconds.
 *
 * @example
 * const decision: RetryDecision = { retry: true, delay: 1000 };
 */
export type RetryDecision =
  | {
      /** No automatic retry. */
      retry: false;
    }
  | {
      /** Retry… */
      retry: true;
      /** …after this many milliseconds. */
      delay: number;
    };

// RFC 9110 §9.2.2.
const IDEMPOTENT = /^(GET|HEAD|OPTIONS|TRACE|PUT|DELETE)$/;

/**
 * Whether a client may repeat a failed request on its own, and after how long, from the error
 * ({@link retryAdvice}) and the request:
 * - never for `'no'` and `'authenticate'`: the client must change something first (and must not
 *   switch credentials on its own);
 * - for `'later'` (429, 503, …), whatever the method, since the request was not processed:
 *   after `Retry-After`, or else the reset of an exhausted `RateLimit` policy (both read by
 *   {@link retryDelay}), or a capped exponential backoff with jitter when neither says when;
 * - for `'idempotent'` (500, 502, 504, network failures, …) only when the method is idempotent
 *   (RFC 9110 §9.2.2: GET, HEAD, OPTIONS, TRACE, PUT, DELETE), after `Retry-After` or the
 *   backoff;
 * - never once `attempt` reaches `maxAttempts`, or when the wait would exceed `maxDelay`.
 *
 * The backoff for attempt n is between half and all of min(30 s, 500 ms · 2^(n−1)). Options
 * that are not valid throw `TypeError`; the error itself may be anything.
 *
 * @param err - what the request failed with: an `HttpError`, a `Response`, ky's or ofetch's
 *   error, or the `TypeError` of a network failure
 * @param options - see {@link ShouldRetryOptions}
 *
 * @example
 * for (let attempt = 1; ; attempt++) {
 *   try {
 *     return await ensureOk(await fetch(url));
 *   } catch (err) {
 *     const decision = shouldRetry(err, { method: 'GET', attempt });
 *     if (!decision.retry) throw err;
 *     await new Promise((resolve) => setTimeout(resolve, decision.delay));
 *   }
 * }
 */
export function shouldRetry(err: unknown, options: ShouldRetryOptions): RetryDecision {
  if (!isObject(options)) refuse('shouldRetry', '', 'an object', options);
  const { method } = options;
  if (typeof method !== 'string') refuse('shouldRetry', '.method', 'a string', method);
  const count = (name: 'attempt' | 'maxAttempts' | 'maxDelay', min: number, fallback?: number) => {
    const value = options[name] ?? fallback;
    return Number.isInteger(value) && (value as number) >= min
      ? (value as number)
      : refuse('shouldRetry', `.${name}`, `a whole number, ${min} or more`, value);
  };
  const attempt = count('attempt', 1);
  const maxAttempts = count('maxAttempts', 1, 3);
  const maxDelay = count('maxDelay', 0, 60_000);
  const advice = retryable(err);
  if (
    (advice === 'later' || (advice && IDEMPOTENT.test(method.toUpperCase()))) &&
    attempt < maxAttempts
  ) {
    // The backoff: between half and all of min(30 s, 500 ms · 2^(attempt − 1)).
    const half = Math.min(15_000, 125 * 2 ** attempt);
    const delay = retryDelay(err, options) ?? Math.ceil(half + Math.random() * half);
    if (delay <= maxDelay) return { retry: true, delay };
  }
  return { retry: false };
}
