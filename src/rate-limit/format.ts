// The server side of draft-ietf-httpapi-ratelimit-headers (revision 11): quota policies and
// service limits as the `RateLimit-Policy` (§3) and `RateLimit` (§4) fields, RFC 9651 Lists.
// Bad input is a programming error and throws; parse.ts reads the fields back tolerantly.

import { type HttpError, setHeader } from '../errors/http-error.js';
import { applyRetryAfter, type RetryAfterOptions } from '../errors/retry-after.js';
import {
  isSfInteger,
  isSfString,
  serializeBinary,
  serializeString,
} from '../internal/structured-field.js';
import { describe } from '../internal/syntax.js';

/**
 * One quota policy and its current state, as the rate-limit fields carry them
 * (draft-ietf-httpapi-ratelimit-headers §3, §4). `quota` (with `window`, `unit`) describes the
 * policy and goes into `RateLimit-Policy`; `remaining` (with `reset`) is the current service
 * limit and goes into `RateLimit`. Give either or both.
 *
 * @example
 * const perMinute: RateLimit = { name: 'per-minute', quota: 100, window: 60, remaining: 0, reset: 42 };
 * // RateLimit-Policy: "per-minute";q=100;w=60
 * // RateLimit: "per-minute";r=0;t=42
 */
export interface RateLimit {
  /** The policy's name, which ties the two fields together: printable ASCII, not empty. */
  name: string;
  /** `q` (§3.1.1): the quota the policy allocates per window, in quota units; 0 or more. */
  quota?: number | undefined;
  /**
   * `qu` (§3.1.2): the quota unit, `'requests'` (the default when absent), `'content-bytes'` or
   * `'concurrent-requests'`. Only with `quota`.
   */
  unit?: string | undefined;
  /** `w` (§3.1.3): the policy's window in seconds, 1 or more. Only with `quota`. */
  window?: number | undefined;
  /**
   * `pk` (§3.1.4, §4.1.3): the partition key, the quota partition the request counted against;
   * bytes, or a string taken as its UTF-8 bytes. Sent on every field item of this policy.
   * Avoid putting anything sensitive in it (§6.1).
   */
  partitionKey?: Uint8Array | string | undefined;
  /** `r` (§4.1.1): the quota units still available, 0 or more. */
  remaining?: number | undefined;
  /**
   * `t` (§4.1.2): the effective window, the seconds within which the client can use no more
   * than `remaining`, 0 or more; for an exhausted quota, when to come back. Only with
   * `remaining`.
   */
  reset?: number | undefined;
}

type Encoder = new () => { encode(input: string): Uint8Array };

/** The partition key's bytes: a string is UTF-8 encoded. */
function keyBytes(key: Uint8Array | string): Uint8Array {
  if (typeof key !== 'string') return key;
  const TextEncoder = (globalThis as unknown as { TextEncoder: Encoder }).TextEncoder;
  return new TextEncoder().encode(key);
}

/**
 * Validates `rateLimit` (one or a non-empty list of {@link RateLimit}) and returns the field
 * values, `undefined` for a field that has no item.
 * @internal
 */
export function rateLimitFields(
  where: string,
  path: string,
  input: unknown,
): { policy: string | undefined; limit: string | undefined } {
  const list: unknown[] = Array.isArray(input) ? input : [input];
  const at = (i: number) => (Array.isArray(input) ? `${path}[${i}]` : path);
  const fail = (i: number, message: string): never => {
    throw new TypeError(`${where}: ${at(i)}${message}`);
  };
  if (list.length === 0) fail(0, ' must contain at least one policy');
  const policies: string[] = [];
  const limits: string[] = [];
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      fail(i, ` must be an object, got ${Array.isArray(entry) ? 'an array' : describe(entry)}`);
    }
    const { name, quota, unit, window, partitionKey, remaining, reset } = entry as RateLimit;
    const count = (value: unknown, key: string, min: number, spec: string): void => {
      if (value !== undefined && (!isSfInteger(value) || value < min)) {
        fail(
          i,
          `.${key} must be a whole number, ${min} or more and at most 15 digits (${spec}), got ${describe(value)}`,
        );
      }
    };
    if (typeof name !== 'string' || name === '' || !isSfString(name)) {
      fail(
        i,
        `.name must be a non-empty string of printable ASCII (draft-ietf-httpapi-ratelimit-headers §3), got ${describe(name)}`,
      );
    }
    count(quota, 'quota', 0, '§3.1.1');
    count(window, 'window', 1, '§3.1.3');
    count(remaining, 'remaining', 0, '§4.1.1');
    count(reset, 'reset', 0, '§4.1.2');
    if (unit !== undefined && (typeof unit !== 'string' || unit === '' || !isSfString(unit))) {
      fail(
        i,
        `.unit must be a non-empty string of printable ASCII (§3.1.2), got ${describe(unit)}`,
      );
    }
    if (quota === undefined && (unit !== undefined || window !== undefined)) {
      fail(i, `.${unit !== undefined ? 'unit' : 'window'} needs a quota (§3.1: q is required)`);
    }
    if (remaining === undefined && reset !== undefined) {
      fail(i, '.reset needs remaining (§4.1: r is required)');
    }
    if (quota === undefined && remaining === undefined) {
      fail(i, ' needs a quota, remaining, or both');
    }
    let pk = '';
    if (partitionKey !== undefined) {
      if (typeof partitionKey !== 'string' && !(partitionKey instanceof Uint8Array)) {
        fail(i, `.partitionKey must be a Uint8Array or a string, got ${describe(partitionKey)}`);
      }
      pk = `;pk=${serializeBinary(keyBytes(partitionKey))}`;
    }
    const id = serializeString(name);
    if (seen.has(id + pk)) {
      fail(i, `.name repeats ${describe(name)} with the same partition key`);
    }
    seen.add(id + pk);
    if (quota !== undefined) {
      const qu = unit === undefined ? '' : `;qu=${serializeString(unit)}`;
      const w = window === undefined ? '' : `;w=${window}`;
      policies.push(`${id};q=${quota}${qu}${w}${pk}`);
    }
    if (remaining !== undefined) {
      limits.push(`${id};r=${remaining}${reset === undefined ? '' : `;t=${reset}`}${pk}`);
    }
  });
  return {
    policy: policies.length > 0 ? policies.join(', ') : undefined,
    limit: limits.length > 0 ? limits.join(', ') : undefined,
  };
}

/**
 * The field values {@link formatRateLimit} returns, by lower-case name: ready to set on any
 * response.
 *
 * @example
 * const fields: RateLimitFields = formatRateLimit({ name: 'default', remaining: 9, reset: 30 });
 * // { ratelimit: '"default";r=9;t=30' }
 */
export type RateLimitFields = {
  /** `RateLimit-Policy`: the entries that have a `quota`. */
  'ratelimit-policy'?: string;
  /** `RateLimit`: the entries that have `remaining`. */
  ratelimit?: string;
};

/**
 * The `RateLimit-Policy` and `RateLimit` fields (draft-ietf-httpapi-ratelimit-headers §3, §4)
 * for one or more quota policies, as RFC 9651 Lists: the policy name a String, the numbers
 * Integers, the partition key a Byte Sequence. For any response — a 200 may carry them too
 * (§6); on a 429 or 503 use the error's `rateLimit` option instead.
 *
 * @param rateLimit - One policy or a non-empty list; see {@link RateLimit}.
 * @returns The fields that have items, by lower-case name: `ratelimit-policy` for the policies
 *   with a `quota`, `ratelimit` for those with `remaining`.
 * @throws {TypeError} When a name is empty or not printable ASCII, a number is not a whole
 *   number in range (`window` 1 or more, the others 0 or more, at most 15 digits), `unit` or
 *   `window` come without `quota`, `reset` without `remaining`, an entry has neither, a name
 *   repeats with the same partition key, or the list is empty.
 *
 * @example
 * formatRateLimit([
 *   { name: 'burst', quota: 100, window: 60, remaining: 12, reset: 40 },
 *   { name: 'daily', quota: 1000, window: 86400 },
 * ]);
 * // {
 * //   'ratelimit-policy': '"burst";q=100;w=60, "daily";q=1000;w=86400',
 * //   ratelimit: '"burst";r=12;t=40',
 * // }
 */
export function formatRateLimit(rateLimit: RateLimit | readonly RateLimit[]): RateLimitFields {
  const { policy, limit } = rateLimitFields('formatRateLimit', 'rateLimit', rateLimit);
  const out: RateLimitFields = {};
  if (policy !== undefined) out['ratelimit-policy'] = policy;
  if (limit !== undefined) out.ratelimit = limit;
  return out;
}

/**
 * Options of {@link TooManyRequestsError} and {@link ServiceUnavailableError}: when to come back
 * (`retryAfter`) and the quota policies the client ran into (`rateLimit`).
 *
 * @example
 * const options: RateLimitOptions = {
 *   retryAfter: 30,
 *   rateLimit: { name: 'per-minute', quota: 100, window: 60, remaining: 0, reset: 30 },
 * };
 */
export interface RateLimitOptions extends RetryAfterOptions {
  /**
   * One or more quota policies with their current state, sent as `RateLimit-Policy` and
   * `RateLimit` (draft-ietf-httpapi-ratelimit-headers §3, §4); see {@link RateLimit}. When both
   * are sent, `Retry-After` should not point earlier than the end of the effective window
   * (`reset`, §6), and clients give `Retry-After` precedence (§7).
   */
  rateLimit?: RateLimit | readonly RateLimit[] | undefined;
}

/**
 * Sets `RateLimit-Policy` and `RateLimit` from `options.rateLimit`, checked.
 * @internal
 */
export function applyRateLimit(err: HttpError, options: RateLimitOptions | undefined): void {
  if (options?.rateLimit === undefined) return;
  const { policy, limit } = rateLimitFields(err.name, 'options.rateLimit', options.rateLimit);
  if (policy !== undefined) setHeader(err, 'ratelimit-policy', policy);
  if (limit !== undefined) setHeader(err, 'ratelimit', limit);
}

/**
 * Sets the fields a 429 or 503 may carry: `Retry-After`, `RateLimit-Policy` and `RateLimit`.
 * @internal
 */
export function applyRetryFields(err: HttpError, options: RateLimitOptions | undefined): void {
  applyRetryAfter(err, options);
  applyRateLimit(err, options);
}
