import { setOwn } from '../internal/own.js';
import { PHRASES } from '../status/table.js';
import type { ProblemDetails } from './types.js';

/**
 * Options of {@link parseProblem}.
 *
 * @example
 * const response = await fetch('https://api.example.com/user-data/123', { method: 'DELETE' });
 * const options: ParseProblemOptions = { status: response.status };
 * const problem = parseProblem(await response.text(), options);
 */
export interface ParseProblemOptions {
  /**
   * The HTTP status of the response the body came with. Used when the body has no valid
   * `status` member; a body without either is not read as a problem.
   */
  readonly status?: number | undefined;
}

/** The phrases table indexed by any number, for lookups of codes not known at compile time. */
const phrases: Readonly<Record<number, string>> = PHRASES;

/**
 * Reads an RFC 9457 problem details object as a lenient consumer (§3.1): members of the wrong
 * type are ignored rather than rejected.
 *
 * - A string is parsed as JSON (a leading byte order mark is tolerated); invalid JSON gives
 *   `undefined`. A non-array object is read directly. Anything else gives `undefined`.
 * - `type` is kept when it is a string, else it is `'about:blank'`.
 * - `status` is the body's `status` when that is an integer from 100 to 599 (a numeric string
 *   such as `"403"` is the wrong type and ignored), else `options.status` when that is one;
 *   with neither the input is not a problem and the result is `undefined`.
 * - `title` is kept when it is a string, else it is the reason phrase of the status, or
 *   `'Unknown Status'` for an unregistered code.
 * - `detail` and `instance` are kept only when they are strings.
 * - Every other member is copied as an extension with its value as it is (not copied deeply).
 *   Keys such as `__proto__` and `constructor` stay plain data members.
 *
 * Only own enumerable string-keyed members are read, each exactly once, so inherited or
 * polluted properties never leak in and a getter cannot answer differently twice. Members come
 * out in the order `type`, `title`, `status`, `detail`, `instance`, then the extensions in
 * their input order (JavaScript lists integer-like keys such as `"7"` first in any object).
 *
 * Never throws: anything that throws while reading (a getter, a Proxy trap, a revoked Proxy,
 * JSON too deeply nested for the engine) gives `undefined`.
 *
 * @param input - A response body as text, or an already parsed value.
 * @param options - The response's status, used when the body has none.
 * @returns The problem, or `undefined` when the input is not one.
 *
 * @example
 * parseProblem('{"title":"Out of credit","balance":30}', { status: 403 });
 * // { type: 'about:blank', title: 'Out of credit', status: 403, balance: 30 }
 *
 * parseProblem('not json'); // undefined
 */
export function parseProblem(
  input: unknown,
  options?: ParseProblemOptions,
): ProblemDetails | undefined {
  try {
    return read(typeof input === 'string' ? parseJson(input) : input, options);
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

function read(body: unknown, options: ParseProblemOptions | undefined): ProblemDetails | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const source = body as Record<string, unknown>;
  let type: unknown;
  let title: unknown;
  let bodyStatus: unknown;
  let detail: unknown;
  let instance: unknown;
  const extensions: [string, unknown][] = [];
  for (const key of Object.keys(source)) {
    const value = source[key];
    switch (key) {
      case 'type':
        type = value;
        break;
      case 'title':
        title = value;
        break;
      case 'status':
        bodyStatus = value;
        break;
      case 'detail':
        detail = value;
        break;
      case 'instance':
        instance = value;
        break;
      default:
        extensions.push([key, value]);
    }
  }

  const fallback = options?.status;
  const status = isStatus(bodyStatus) ? bodyStatus : isStatus(fallback) ? fallback : undefined;
  if (status === undefined) return undefined;

  const problem: ProblemDetails = {
    type: typeof type === 'string' ? type : 'about:blank',
    title: typeof title === 'string' ? title : phrase(status),
    status,
  };
  if (typeof detail === 'string') problem.detail = detail;
  if (typeof instance === 'string') problem.instance = instance;
  for (const [key, value] of extensions) setOwn(problem, key, value);
  return problem;
}

/** Own properties only: a polluted `Object.prototype[499]` must not become a title. */
function phrase(status: number): string {
  return Object.hasOwn(phrases, status) ? (phrases[status] as string) : 'Unknown Status';
}

function isStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}
