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

// RFC 9110 §5.6.7: the two obsolete forms recipients must accept, rewritten as IMF-fixdates.
const RFC850 =
  /^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\d\d)-([A-Z][a-z]{2})-(\d\d) (\S+) GMT$/;
const ASCTIME = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) ([ \d]\d) (\S+) (\d{4})$/;

/**
 * RFC 9110 §5.6.7: a two-digit year that would be more than 50 years in the future is the most
 * recent past year with those digits.
 */
function fullYear(yy: string, now: number): number {
  const current = new Date(now).getUTCFullYear();
  let year = current - (current % 100) + Number(yy);
  if (year > current + 50) year -= 100;
  else if (year <= current - 50) year += 100;
  return year;
}

/**
 * The time of an HTTP-date in ms, or `NaN`. Each form is rewritten as an IMF-fixdate, which is
 * valid exactly when `Date.prototype.toUTCString` writes the same text back (ECMAScript defines
 * that format, and `Date.parse` must read it): day names, day of month, ranges all checked.
 */
function httpDate(value: string, now: number): number {
  let imf = value;
  const old = RFC850.exec(value);
  const asc = ASCTIME.exec(value);
  if (old)
    imf = `${old[1]?.slice(0, 3)}, ${old[2]} ${old[3]} ${fullYear(old[4] as string, now)} ${old[5]} GMT`;
  else if (asc) imf = `${asc[1]}, ${asc[3]?.replace(' ', '0')} ${asc[2]} ${asc[5]} ${asc[4]} GMT`;
  const time = Date.parse(imf);
  return new Date(time).toUTCString() === imf ? time : Number.NaN;
}

function nowOf(now: unknown): number {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms === 'number' && Number.isFinite(ms)) return ms;
  throw new TypeError(
    `retryDelay: options.now must be a finite number of ms or a valid Date, got ${String(now)}`,
  );
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
  const now = nowOf(options?.now);
  const value = replyField(err, 'retry-after')?.trim() ?? '';
  let ms = /^\d+(\.\d+)?$/.test(value)
    ? Math.ceil(Number(value)) * 1000
    : Math.max(0, Math.ceil(httpDate(value, now) - now));
  if (Number.isNaN(ms)) {
    const limit = Number(replyField(err, 'age')) > 0 ? undefined : replyField(err, 'ratelimit');
    ms = (limit === undefined ? undefined : rateLimitReset(limit)) ?? Number.NaN;
    ms *= 1000;
  }
  return Number.isNaN(ms) ? undefined : Math.min(ms, Number.MAX_SAFE_INTEGER);
}
