import { replyField } from '../internal/reply.js';
import { rateLimitReset } from '../rate-limit/reset.js';

/**
 * Options of {@link retryDelay}.
 *
 * @example
 * const options: RetryDelayOptions = { now: Date.now() };
 */
export interface RetryDelayOptions {
  /** The time an HTTP-date is measured from, in ms since the epoch or as a `Date`; default now. */
  now?: number | Date | undefined;
}

// RFC 9110 §5.6.7: the two obsolete forms recipients must accept, RFC 850's (a long day name,
// a two-digit year) and asctime's (month first, the day padded with a space, no zone).
const RFC850 = /^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d\d)-(\w{3})-(\d\d) (\S+ GMT)$/;
const ASCTIME = /^(\w{3}) (\w{3}) ( \d|\d\d) (\S+) (\d{4})$/;

/**
 * The time of an HTTP-date in ms, or `NaN`. The obsolete forms are rewritten as IMF-fixdates,
 * and an IMF-fixdate is valid exactly when `Date.prototype.toUTCString` writes the same text
 * back (ECMAScript defines that format, and `Date.parse` must read it): names, their case, the
 * weekday, the day of the month and every range are checked at once.
 */
function httpDate(value: string, now: number): number {
  const imf = value
    .replace(RFC850, (_, day: string, dd: string, mon: string, yy: string, time: string) => {
      // A two-digit year more than 50 years ahead is the most recent past year with those
      // digits: the latest year ending in `yy` that is at most 50 years ahead.
      const year = +yy + 100 * Math.floor((new Date(now).getUTCFullYear() + 50 - +yy) / 100);
      return `${day.slice(0, 3)}, ${dd} ${mon} ${year} ${time}`;
    })
    .replace(ASCTIME, (_, day: string, mon: string, dd: string, time: string, year: string) => {
      return `${day}, ${dd.replace(' ', '0')} ${mon} ${year} ${time} GMT`;
    });
  const time = Date.parse(imf);
  return new Date(time).toUTCString() === imf ? time : NaN;
}

/**
 * Throws the TypeError of an option that is not valid, in the words every helper here uses.
 * @internal
 */
export function refuse(helper: string, name: string, expected: string, value: unknown): never {
  throw new TypeError(`${helper}: options${name} must be ${expected}, got ${String(value)}`);
}

/**
 * Milliseconds until a retry is allowed, from the error's `Retry-After` field (RFC 9110
 * §10.2.3): delay-seconds (a fraction is rounded up to the next second), or an HTTP-date in any
 * of the three forms RFC 9110 §5.6.7 requires recipients to accept (IMF-fixdate, RFC 850 with
 * its two-digit year, asctime; weekday and day of month must agree), measured from
 * `options.now`; a date in the past gives `0`.
 *
 * Without a usable `Retry-After` (absent or not valid), from the `RateLimit` field
 * (draft-ietf-httpapi-ratelimit-headers-11 §4): the effective window `t` of a policy whose
 * available quota `r` is 0 — of the longest such window when several policies are exhausted,
 * since the client should use no quota of any of them within its window (§7). A `Retry-After`
 * takes precedence over it (§7); a response that came from a cache (an `Age` above 0) has its
 * RateLimit fields ignored (§7.3), and so does a field that is not valid (§7). The field is read
 * as `parseRateLimit` reads it.
 *
 * `undefined` when neither says when — never `NaN`. Values too large to count in ms are capped
 * at `Number.MAX_SAFE_INTEGER`.
 *
 * Reads an `HttpError` (e.g. from `fromResponse`), a Fetch `Response`, or the error of an HTTP
 * client that carries its `response` (ky, ofetch, axios). A bad `options.now` throws
 * `TypeError`; nothing else does.
 *
 * @param err - the error, or the response
 * @param options - see {@link RetryDelayOptions}
 *
 * @example
 * retryDelay(new TooManyRequestsError({ retryAfter: 30 })); // 30000
 * const now = Date.parse('Sun, 06 Nov 1994 08:49:37 GMT');
 * const unavailable = new ServiceUnavailableError({ headers: { 'Retry-After': 'Sun, 06 Nov 1994 08:50:37 GMT' } });
 * retryDelay(unavailable, { now }); // 60000
 * const limited = new Response(null, { status: 429, headers: { RateLimit: '"hourly";r=0;t=42' } });
 * retryDelay(limited); // 42000
 * retryDelay(new BadRequestError()); // undefined
 */
export function retryDelay(err: unknown, options?: RetryDelayOptions): number | undefined {
  const given = options?.now;
  const now = given === undefined ? Date.now() : given instanceof Date ? given.getTime() : given;
  if (!Number.isFinite(now))
    refuse('retryDelay', '.now', 'a finite number of ms or a valid Date', given);
  const value = replyField(err, 'retry-after')?.trim() ?? '';
  const ms = /^\d+(\.\d+)?$/.test(value)
    ? Math.ceil(Number(value)) * 1000
    : Math.max(0, Math.ceil(httpDate(value, now) - now));
  // §7: a usable Retry-After takes precedence; §7.3: a cached response's RateLimit is ignored.
  const delay =
    ms >= 0 || Number(replyField(err, 'age')) > 0
      ? ms
      : rateLimitReset(replyField(err, 'ratelimit')) * 1000;
  // Capped at Number.MAX_SAFE_INTEGER, written out: a shorter bundle.
  return delay >= 0 ? Math.min(delay, 2 ** 53 - 1) : undefined;
}
