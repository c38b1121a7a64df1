import { BadRequestError } from '../errors/bad-request.js';
import type { HttpErrorOptions } from '../errors/http-error.js';
import { UnprocessableContentError } from '../errors/unprocessable-content.js';
import type { ValidationIssue } from '../errors/validation.js';
import { describe } from '../internal/syntax.js';
import type { StandardPathSegment, StandardSchemaIssue } from './standard-schema.js';

/**
 * Where the validated value came from, which says how an issue names its place: a JSON
 * Pointer into the `body`, or the name of the `query` or `path` parameter or of the `header`.
 *
 * @example
 * const where: IssueLocation = 'query';
 */
export type IssueLocation = 'body' | 'query' | 'header' | 'path';

/**
 * Options of {@link fromIssues} and {@link validate}: the status, where the value came from,
 * and any option of the error (`detail`, `type`, `instance`, `cause`, …).
 *
 * @example
 * const options: FromIssuesOptions = { status: 400, in: 'query', detail: 'The query is invalid.' };
 */
export interface FromIssuesOptions extends HttpErrorOptions {
  /** 422 Unprocessable Content (the default) or 400 Bad Request. */
  status?: 400 | 422 | undefined;
  /**
   * Where the value came from (default `'body'`): each issue of a body gets a `pointer`, of a
   * query or path parameter a `parameter`, of a header a `header` (the first path segment).
   */
  in?: IssueLocation | undefined;
}

const WHERE = 'fromIssues';
const MEMBER = {
  body: 'pointer',
  query: 'parameter',
  path: 'parameter',
  header: 'header',
} as const;

function keyOf(segment: StandardPathSegment, at: string): string {
  const key =
    typeof segment === 'object' && segment !== null ? (segment as { key: unknown }).key : segment;
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return String(key);
  if (typeof key === 'symbol') return key.description ?? '';
  throw new TypeError(`${WHERE}: ${at} must be a property key or { key }, got ${describe(key)}`);
}

/** RFC 6901 §3: `~` is written `~0` and `/` is written `~1`, in that order. */
function pointerOf(keys: readonly string[]): string {
  let pointer = '';
  for (const key of keys) pointer += `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return pointer;
}

function entryOf(issue: unknown, i: number, member: (typeof MEMBER)[IssueLocation]) {
  const at = `issues[${i}]`;
  if (typeof issue !== 'object' || issue === null) {
    throw new TypeError(`${WHERE}: ${at} must be an object, got ${describe(issue)}`);
  }
  const { message, path } = issue as { message: unknown; path: unknown };
  if (typeof message !== 'string') {
    throw new TypeError(`${WHERE}: ${at}.message must be a string, got ${describe(message)}`);
  }
  if (path !== undefined && !Array.isArray(path)) {
    throw new TypeError(`${WHERE}: ${at}.path must be an array, got ${describe(path)}`);
  }
  const keys = (path ?? []).map((segment, j) => keyOf(segment, `${at}.path[${j}]`));
  // Only the message and where: the issue's other members (zod's `input`, valibot's
  // `received`) can hold the client's values and are never read.
  const entry: ValidationIssue = { detail: message };
  if (member === 'pointer') entry.pointer = pointerOf(keys);
  else if (keys[0] !== undefined) entry[member] = keys[0];
  return entry;
}

/**
 * Turns the issues of a failed Standard Schema validation (zod 4, valibot 1, arktype 2, …) into
 * an {@link UnprocessableContentError} — or a {@link BadRequestError} with `status: 400` —
 * whose `errors` member lists each issue's message as `detail` and its place: an RFC 6901 JSON
 * Pointer (`/items/0/price`, `~` and `/` escaped as `~0` and `~1`) for a body, or the name of
 * the `parameter` or `header` (options `in: 'query' | 'path' | 'header'`). Keys such as
 * `__proto__` are plain segments; nothing of the input value is copied.
 *
 * Bad input (not an array of `{ message, path? }`, an unknown `status` or `in`) throws
 * `TypeError`.
 *
 * @param issues - the issues, e.g. `result.issues` of `schema['~standard'].validate(value)`
 * @param options - see {@link FromIssuesOptions}
 *
 * @example
 * const err = fromIssues([
 *   { message: 'Expected a number', path: ['items', 0, 'price'] },
 *   { message: 'Required', path: [{ key: 'a/b' }] },
 * ]);
 * // err.status 422, err.extensions.errors:
 * // [{ detail: 'Expected a number', pointer: '/items/0/price' },
 * //  { detail: 'Required', pointer: '/a~1b' }]
 */
export function fromIssues(
  issues: readonly StandardSchemaIssue[],
  options: FromIssuesOptions & { status: 400 },
): BadRequestError;
export function fromIssues(
  issues: readonly StandardSchemaIssue[],
  options?: FromIssuesOptions,
): UnprocessableContentError;
export function fromIssues(
  issues: readonly StandardSchemaIssue[],
  options?: FromIssuesOptions,
): BadRequestError | UnprocessableContentError {
  if (!Array.isArray(issues)) {
    throw new TypeError(`${WHERE}: issues must be an array, got ${describe(issues)}`);
  }
  const { status = 422, in: location = 'body', ...rest } = options ?? {};
  if (status !== 400 && status !== 422) {
    throw new TypeError(`${WHERE}: options.status must be 400 or 422, got ${describe(status)}`);
  }
  const member = Object.hasOwn(MEMBER, location) ? MEMBER[location] : undefined;
  if (member === undefined) {
    throw new TypeError(
      `${WHERE}: options.in must be 'body', 'query', 'header' or 'path', got ${describe(location)}`,
    );
  }
  const errors = issues.map((issue: unknown, i) => entryOf(issue, i, member));
  const errorOptions = { ...rest, errors };
  return status === 400
    ? new BadRequestError(errorOptions)
    : new UnprocessableContentError(errorOptions);
}
