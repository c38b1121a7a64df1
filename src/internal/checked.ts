// Values at render are checked, not trusted: an HttpError's fields are writable, and an object
// from another copy of the package (or one that forged the brand) may hold anything.
import type { HttpError } from '../errors/http-error.js';
import { type ErrorStatus, isErrorStatus } from '../status/lookup.js';
import { PHRASES } from '../status/table.js';
import { setOwn } from './own.js';

/**
 * The fields of a normalized error as the renderer uses them: each read once, checked, and
 * replaced by its safe default when it is wrong or cannot be read.
 * @internal
 */
export interface CheckedError {
  /** A registered 4xx/5xx code: an unregistered one in 400–599 becomes 400 or 500, any other 500. */
  status: ErrorStatus;
  type: string;
  /** The reason phrase for `about:blank`. */
  title: string;
  detail: string | undefined;
  instance: string | undefined;
  /** `expose === true`, and false whenever the status had to be replaced by 500. */
  expose: boolean;
  conceal: boolean;
  headers: Record<string, unknown>;
  extensions: Record<string, unknown>;
  // No `stack`: V8 formats an error's stack string on its first read, which costs more than
  // the rest of a render; only debug output shows it, and reads it from `source` then.
  cause: unknown;
  /** The error these fields were read from. */
  source: HttpError;
}

/** `x[key]`, or `undefined` when reading it throws (a getter, a Proxy trap, a revoked Proxy). */
export function read(x: unknown, key: PropertyKey): unknown {
  if ((typeof x !== 'object' || x === null) && typeof x !== 'function') return undefined;
  try {
    return (x as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

/**
 * A fresh record of the own enumerable members of a non-array object (`__proto__` as a plain
 * key); `undefined` for anything else and for an object that throws while it is read.
 * @internal
 */
export function recordOf(x: unknown): Record<string, unknown> | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  try {
    // Array.isArray throws for a revoked Proxy.
    if (Array.isArray(x)) return undefined;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(x)) setOwn(out, key, (x as Record<string, unknown>)[key]);
    return out;
  } catch {
    return undefined;
  }
}

const text = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);

/** @internal */
export function checkError(error: HttpError): CheckedError {
  const raw = read(error, 'status');
  let status: ErrorStatus;
  let sound = true;
  if (isErrorStatus(raw)) status = raw;
  else if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 400 && raw <= 599) {
    status = raw < 500 ? 400 : 500;
  } else {
    status = 500;
    sound = false;
  }
  const type = text(read(error, 'type')) ?? 'about:blank';
  const phrase = PHRASES[status];
  return {
    status,
    type,
    title: type === 'about:blank' ? phrase : (text(read(error, 'title')) ?? phrase),
    detail: text(read(error, 'detail')),
    instance: text(read(error, 'instance')),
    expose: sound && read(error, 'expose') === true,
    conceal: read(error, 'conceal') === true,
    headers: (sound && recordOf(read(error, 'headers'))) || {},
    extensions: recordOf(read(error, 'extensions')) ?? {},
    cause: read(error, 'cause'),
    source: error,
  };
}
