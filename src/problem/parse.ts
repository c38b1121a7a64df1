import { setOwn } from '../internal/own.js';
import { PHRASES } from '../status/table.js';
import { type ProblemDetails, STANDARD_MEMBERS } from './types.js';

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
   * `status` member. When it is given (not `undefined`) but is not a status code (100 to 599)
   * and the body has no valid `status` either, the input is not read as a problem.
   */
  readonly status?: number | undefined;
}

/**
 * A problem details object as {@link parseProblem} reads it without a response status: RFC 9457
 * makes every member optional (§3.1; `status` is advisory), so a document with no valid
 * `status` still is one, and then `status` is absent — as is `title` when the document has
 * none, since there is no status whose reason phrase could stand in. Every
 * {@link ProblemDetails} is a `ParsedProblem`; with a status, `parseProblem` returns the former.
 *
 * @example
 * const problem: ParsedProblem | undefined = parseProblem(
 *   '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit."}',
 * );
 * // { type: 'https://example.com/probs/out-of-credit', title: 'You do not have enough credit.' }
 * problem?.status; // undefined: the body has none and no response status was given
 */
export interface ParsedProblem {
  /** A URI reference identifying the problem type; `'about:blank'` when absent. */
  type: string;
  /** The body's `title`, or the reason phrase of `status`; absent when neither exists. */
  title?: string;
  /** The body's `status`, or the response status; absent when neither is a status code. */
  status?: number;
  /** Human-readable explanation specific to this occurrence. */
  detail?: string;
  /** URI reference identifying this occurrence. */
  instance?: string;
  /** Extension members. */
  [member: string]: unknown;
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
 *   such as `"403"` is the wrong type and ignored), else `options.status` when that is one.
 *   With neither, the result has no `status` member (RFC 9457 §3.1: every member is optional,
 *   and the §3 example has none) — unless `options.status` was given and is not a status code,
 *   in which case the input is not read as a problem and the result is `undefined`. So with a
 *   numeric `options.status` the result is a {@link ProblemDetails}, status included, and
 *   without one a {@link ParsedProblem}.
 * - `title` is kept when it is a string, else it is the reason phrase of the status, or
 *   `'Unknown Status'` for an unregistered code; with no status and no title it is absent.
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
 * @returns The problem, with its status, or `undefined` when the input is not one.
 *
 * @example
 * parseProblem('{"title":"Out of credit","balance":30}', { status: 403 });
 * // { type: 'about:blank', title: 'Out of credit', status: 403, balance: 30 }
 *
 * parseProblem('not json', { status: 502 }); // undefined
 */
export function parseProblem(
  input: unknown,
  options: ParseProblemOptions & { readonly status: number },
): ProblemDetails | undefined;
/**
 * Reads an RFC 9457 problem details object as a lenient consumer (§3.1), without a response
 * status: a document with no valid `status` member is read too, and its result has no `status`
 * (see the first signature for every rule).
 *
 * @param input - A response body as text, or an already parsed value.
 * @param options - Optionally the response's status (`undefined` counts as none).
 * @returns The problem, or `undefined` when the input is not one.
 *
 * @example
 * // RFC 9457 §3's example has no status member.
 * parseProblem('{"type":"https://example.com/probs/out-of-credit","balance":30}');
 * // { type: 'https://example.com/probs/out-of-credit', balance: 30 }
 *
 * parseProblem('{"status":403}'); // { type: 'about:blank', title: 'Forbidden', status: 403 }
 * parseProblem('not json'); // undefined
 */
export function parseProblem(
  input: unknown,
  options?: ParseProblemOptions,
): ParsedProblem | undefined;
export function parseProblem(
  input: unknown,
  options?: ParseProblemOptions,
): ParsedProblem | undefined {
  try {
    // A leading byte order mark is not JSON: dropped first.
    return read(
      typeof input === 'string' ? JSON.parse(input.replace(/^\uFEFF/, '')) : input,
      options,
    );
  } catch {
    return undefined;
  }
}

function read(body: unknown, options: ParseProblemOptions | undefined): ParsedProblem | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const source = body as Record<string, unknown>;
  // The standard members by name (own ones only, as every member), the others in order. No
  // prototype: a member the body lacks is not read from a polluted `Object.prototype`.
  const standard: Record<string, unknown> = { __proto__: null };
  const extensions: [string, unknown][] = [];
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (STANDARD_MEMBERS.includes(key)) standard[key] = value;
    else extensions.push([key, value]);
  }
  const { type, title, status: bodyStatus, detail, instance } = standard;

  const fallback = options?.status;
  const status = isStatus(bodyStatus) ? bodyStatus : isStatus(fallback) ? fallback : undefined;
  // A response status that is given but is no status code: not a problem, so that the
  // signature with a numeric status can promise one.
  if (status === undefined && fallback !== undefined) return undefined;

  const problem: ParsedProblem = { type: typeof type === 'string' ? type : 'about:blank' };
  // The body's title, else the phrase of the status, read from the table's own properties
  // only: a polluted `Object.prototype[499]` must not become a title.
  if (typeof title === 'string') problem.title = title;
  else if (status !== undefined) {
    problem.title = Object.hasOwn(phrases, status) ? (phrases[status] as string) : 'Unknown Status';
  }
  if (status !== undefined) problem.status = status;
  if (typeof detail === 'string') problem.detail = detail;
  if (typeof instance === 'string') problem.instance = instance;
  for (const [key, value] of extensions) setOwn(problem, key, value);
  return problem;
}

function isStatus(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599;
}
