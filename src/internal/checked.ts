// Values at render are checked, not trusted: an HttpError's fields are writable, and an object
// from another copy of the package (or one that forged the brand) may hold anything.
import type { HttpError } from '../errors/http-error.js';
import { type ErrorStatus, isErrorStatus } from '../status/lookup.js';
import { ERROR_PHRASES } from '../status/table.js';
import { headerEntry } from './headers.js';
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

/**
 * The registered error status an error with status `x` is answered with: `x` itself when it is
 * one, 400 or 500 for an unregistered whole number in 400–599 (nginx's 499, a vendor's 520: the
 * generic code of its class, which clients and tables know), `undefined` for anything else.
 * @internal
 */
export function errorStatusOf(x: unknown): ErrorStatus | undefined {
  if (isErrorStatus(x)) return x;
  if (!Number.isInteger(x) || (x as number) < 400 || (x as number) > 599) return undefined;
  return (x as number) < 500 ? 400 : 500;
}

/**
 * The fields of `headers` that are valid (each checked on its own by `headerEntry`, for `where`:
 * one that does not validate, a CR or a name that is no token, is dropped and the others are
 * kept, a list of cookies or challenges as separate lines), by lower-case name, of those whose
 * name `keep` accepts. Reading a value may throw (a getter of a foreign object): that is the
 * caller's to catch.
 * @internal
 */
export function validFields(
  where: string,
  headers: Readonly<Record<string, unknown>>,
  keep: (name: string) => boolean,
): Record<string, string | string[]> {
  const valid: Record<string, string | string[]> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    try {
      const [key, line] = headerEntry(where, name, value as string);
      // headerEntry refuses `__proto__`: a plain assignment makes an own property.
      if (keep(key)) valid[key] = line;
    } catch {
      // dropped
    }
  }
  return valid;
}

/** The fields of an error that rendering uses. */
const FIELDS = [
  'status',
  'type',
  'title',
  'detail',
  'instance',
  'expose',
  'conceal',
  'headers',
  'extensions',
  'cause',
] as const;

type Fields = Partial<Record<(typeof FIELDS)[number], unknown>>;

/**
 * The checked fields of `error`, read by name from `fields`: the error itself, or what was read
 * of it one field at a time.
 */
function checked(error: HttpError, fields: Fields): CheckedError {
  const given = errorStatusOf(fields.status);
  // A status that had to be replaced by 500 takes the error's expose flag and headers with it.
  const sound = given !== undefined;
  const status = given ?? 500;
  const type = text(fields.type) ?? 'about:blank';
  const phrase = ERROR_PHRASES[status];
  return {
    status,
    type,
    title: type === 'about:blank' ? phrase : (text(fields.title) ?? phrase),
    detail: text(fields.detail),
    instance: text(fields.instance),
    expose: sound && fields.expose === true,
    conceal: fields.conceal === true,
    headers: (sound && recordOf(fields.headers)) || {},
    extensions: recordOf(fields.extensions) ?? {},
    cause: fields.cause,
    source: error,
  };
}

/**
 * The fields of a normalized error, each read once and checked. They are read by name (each
 * read keeps its own inline cache, where `read` has one shared by every key, which was most of
 * a render's reading time); if one read throws (a getter, a Proxy trap), every field is read
 * again on its own, so that only the ones that throw count as absent.
 * @internal
 */
export function checkError(error: HttpError): CheckedError {
  try {
    return checked(error, error as Fields);
  } catch {
    const fields: Fields = {};
    for (const key of FIELDS) fields[key] = read(error, key);
    return checked(error, fields);
  }
}
