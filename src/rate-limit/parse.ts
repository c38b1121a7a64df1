// The client side of format.ts: `RateLimit-Policy` and `RateLimit` read back from a response.
// The fields come from a peer: a field that is not a valid RFC 9651 List is ignored whole
// (RFC 9651 §4.2; draft-ietf-httpapi-ratelimit-headers §7: malformed fields MUST be ignored),
// and an item whose defined parameters have the wrong type is dropped. Never throws.

import { type BareItem, type ListMember, parseList } from '../internal/structured-field.js';
import type { RateLimit } from './format.js';

/**
 * A policy as {@link parseRateLimit} reads it: a {@link RateLimit} whose partition key, if any,
 * is the bytes of the field's Byte Sequence.
 *
 * @example
 * const [limit]: ParsedRateLimit[] = parseRateLimit(response.headers);
 * if (limit?.remaining === 0) await sleep((limit.reset ?? 1) * 1000);
 */
export interface ParsedRateLimit extends RateLimit {
  /** `pk`: the partition key's bytes. */
  partitionKey?: Uint8Array;
}

/**
 * Where {@link parseRateLimit} reads the fields from: a Fetch `Headers` object (anything with
 * `get`), or a record of fields such as Node's `IncomingHttpHeaders` or an error's `headers`
 * (names in any case; a list of field lines is joined with `, `).
 *
 * @example
 * const fromFetch: RateLimitHeaders = (await fetch('https://api.example.com/')).headers;
 * const fromNode: RateLimitHeaders = { ratelimit: '"default";r=0;t=30' };
 */
export type RateLimitHeaders =
  | {
      /** A field's value (several field lines joined with `, `), or `null`. */
      get(name: string): string | null;
    }
  | Readonly<Record<string, string | number | readonly string[] | undefined>>;

function field(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const get: unknown = (headers as { get?: unknown }).get;
  let value: unknown;
  if (typeof get === 'function') {
    value = get.call(headers, name);
  } else {
    const parts: unknown[] = [];
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === name) parts.push((headers as Record<string, unknown>)[key]);
    }
    value = parts.flat();
    value = (value as unknown[]).every((v) => typeof v === 'string')
      ? (value as string[]).join(', ')
      : undefined;
  }
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function integer(item: BareItem | undefined, min: number): number | undefined | null {
  if (item === undefined) return undefined;
  return item.type === 'integer' && item.value >= min ? item.value : null;
}

type Read = {
  name: string;
  pk: Uint8Array | undefined;
  numbers: (number | undefined)[];
  unit?: string;
};

/**
 * One member of either field, or `undefined` when it is not a named Item with well-typed
 * parameters (`required` must be present, the others may be absent).
 */
function readMember(
  member: ListMember,
  required: string,
  optional: [string, number][],
  unit: boolean,
): Read | undefined {
  const { item, params } = member;
  if (Array.isArray(item) || (item.type !== 'string' && item.type !== 'token')) return undefined;
  const numbers: (number | undefined)[] = [];
  for (const [key, min] of [[required, 0] as [string, number], ...optional]) {
    const value = integer(params.get(key), min);
    if (value === null || (key === required && value === undefined)) return undefined;
    numbers.push(value);
  }
  const pk = params.get('pk');
  if (pk !== undefined && pk.type !== 'binary') return undefined;
  const read: Read = {
    name: item.value as string,
    pk: pk?.value as Uint8Array | undefined,
    numbers,
  };
  if (unit) {
    const qu = params.get('qu');
    if (qu !== undefined) {
      if (qu.type !== 'string') return undefined;
      read.unit = qu.value;
    }
  }
  return read;
}

function sameKey(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function set<K extends keyof ParsedRateLimit>(
  target: ParsedRateLimit,
  key: K,
  value: ParsedRateLimit[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}

/**
 * Reads the `RateLimit-Policy` and `RateLimit` fields of a response
 * (draft-ietf-httpapi-ratelimit-headers §3, §4) back into {@link RateLimit}s: one per policy,
 * the `RateLimit` item of a policy merged into it when name and partition key match. Never
 * throws; gives `[]` when there is nothing (well-formed) to read.
 *
 * What is kept follows the draft's rules for clients (§7): a field that is not a valid RFC 9651
 * List is ignored whole; an item is dropped when its value is not a String (or Token) naming the
 * policy, when `q` (policy) or `r` (limit) is missing, or when a defined parameter has the wrong
 * type (`q`, `r`, `t` non-negative Integers, `w` a positive Integer, `qu` a String, `pk` a Byte
 * Sequence); other parameters are ignored. `RateLimit-Policy` is informative and may be ignored;
 * `Retry-After`, when present, takes precedence over `reset` (§7).
 *
 * @param headers - The response's fields; see {@link RateLimitHeaders}.
 * @returns The policies, those of `RateLimit-Policy` first, in field order.
 *
 * @example
 * const res = await fetch('https://api.example.com/items');
 * parseRateLimit(res.headers);
 * // with `RateLimit-Policy: "burst";q=100;w=60` and `RateLimit: "burst";r=0;t=30`:
 * // [{ name: 'burst', quota: 100, window: 60, remaining: 0, reset: 30 }]
 */
export function parseRateLimit(headers: RateLimitHeaders): ParsedRateLimit[] {
  const out: ParsedRateLimit[] = [];
  try {
    const policyField = field(headers, 'ratelimit-policy');
    const limitField = field(headers, 'ratelimit');
    for (const member of (policyField && parseList(policyField)) || []) {
      const read = readMember(member, 'q', [['w', 1]], true);
      if (read === undefined) continue;
      const entry: ParsedRateLimit = { name: read.name, quota: read.numbers[0] as number };
      set(entry, 'unit', read.unit);
      set(entry, 'window', read.numbers[1]);
      set(entry, 'partitionKey', read.pk);
      out.push(entry);
    }
    for (const member of (limitField && parseList(limitField)) || []) {
      const read = readMember(member, 'r', [['t', 0]], false);
      if (read === undefined) continue;
      let entry = out.find(
        (e) =>
          e.name === read.name && e.remaining === undefined && sameKey(e.partitionKey, read.pk),
      );
      if (entry === undefined) {
        entry = { name: read.name };
        set(entry, 'partitionKey', read.pk);
        out.push(entry);
      }
      entry.remaining = read.numbers[0] as number;
      set(entry, 'reset', read.numbers[1]);
    }
  } catch {
    // A headers object whose getters throw: what was read so far stands.
  }
  return out;
}
