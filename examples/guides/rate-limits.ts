import {
  formatRateLimit,
  parseRateLimit,
  type RateLimit,
  retryDelay,
  TooManyRequestsError,
} from 'http-error-kit';

/** A fixed window of 100 requests a minute per API key. */
export function perMinute(used: number, secondsLeft: number): RateLimit {
  return {
    name: 'per-minute',
    quota: 100,
    window: 60,
    remaining: Math.max(0, 100 - used),
    reset: secondsLeft,
  };
}

/** Every response says where the client stands; past the quota, the request is refused. */
export function checkQuota(used: number, secondsLeft: number): Record<string, string> {
  const limit = perMinute(used, secondsLeft);
  if (limit.remaining === 0) {
    throw new TooManyRequestsError('100 requests a minute; wait for the next window.', {
      retryAfter: secondsLeft,
      rateLimit: limit,
    });
  }
  return formatRateLimit(limit); // headers for the 200
}

/** On the client: milliseconds to wait before the next request, or 0 to go ahead now. */
export function waitFor(res: Response): number {
  // Retry-After, or else the reset of an exhausted policy (draft §7); 0 when neither says when.
  return retryDelay(res) ?? 0;
}

/** The fewest quota units left under any policy: slow down before being refused. */
export function quotaLeft(headers: Headers): number | undefined {
  const left = parseRateLimit(headers).flatMap((l) => l.remaining ?? []);
  return left.length === 0 ? undefined : Math.min(...left);
}
