import {
  formatRateLimit,
  parseRateLimit,
  type RateLimit,
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
export function waitFor(headers: Headers): number {
  const retryAfter = headers.get('retry-after');
  // Retry-After takes precedence over the RateLimit fields (draft §7).
  if (retryAfter !== null && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const exhausted = parseRateLimit(headers).filter((l) => l.remaining === 0);
  return Math.max(0, ...exhausted.map((l) => (l.reset ?? 1) * 1000));
}
