import { toHttpError } from '../errors/normalize.js';
import { type CheckedError, checkError, read, recordOf } from '../internal/checked.js';
import { setOwn } from '../internal/own.js';
import type { ProblemDetails } from '../problem/types.js';

/**
 * Options of {@link toProblem}.
 *
 * @example
 * const options: ToProblemOptions = { instance: '/orders/42', extensions: { traceId: 'abc' } };
 */
export interface ToProblemOptions {
  /**
   * Show everything: `detail`, extensions and, added here, `stack` and the `cause` chain, also
   * for 5xx. For development only; never the default.
   */
  debug?: boolean;
  /** `instance` for errors that have none of their own, e.g. the request path. */
  instance?: string;
  /**
   * Request-level members added to every problem, exposed or not: the one channel for
   * correlation data such as a `traceId` on a redacted 5xx. Reserved members still win.
   */
  extensions?: Readonly<Record<string, unknown>>;
}

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance']);
const MAX_CAUSES = 8;

/** The cause chain for debug output: name, message and stack of each, cycles cut. */
function causeChain(cause: unknown, seen: Set<unknown>): unknown {
  if (seen.size >= MAX_CAUSES || seen.has(cause)) return undefined;
  seen.add(cause);
  if (!(typeof cause === 'object' && cause !== null)) return { message: String(cause) };
  try {
    const { name, message, stack } = cause as Record<string, unknown>;
    const out: Record<string, unknown> = { name: String(name), message: String(message) };
    if (typeof stack === 'string') out.stack = stack;
    const next = causeChain((cause as { cause?: unknown }).cause, seen);
    if (next !== undefined && 'cause' in cause) out.cause = next;
    return out;
  } catch {
    return { message: '[unreadable]' };
  }
}

function addMembers(problem: ProblemDetails, members: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(members)) {
    if (!RESERVED.has(key)) setOwn(problem, key, members[key]);
  }
}

/**
 * Builds the RFC 9457 problem details for anything thrown, normalized by {@link toHttpError}
 * and redacted: when the error is not exposed (every 5xx by default) the problem carries only
 * `type`, `title`, `status` and `instance` — never the message, detail, extensions, stack or
 * cause. A concealed {@link ForbiddenError} becomes a plain 404 Not Found. Extensions cannot
 * overwrite `type`, `title`, `status`, `detail` or `instance`. Never throws.
 *
 * @example
 * toProblem(new ForbiddenError('You do not have permission to delete user data.'));
 * // { type: 'about:blank', title: 'Forbidden', status: 403,
 * //   detail: 'You do not have permission to delete user data.' }
 *
 * toProblem(new Error('db password=hunter2'));
 * // { type: 'about:blank', title: 'Internal Server Error', status: 500 }
 */
export function toProblem(err: unknown, options?: ToProblemOptions): ProblemDetails {
  return problemOf(checkError(toHttpError(err)), options);
}

/**
 * The redacted problem of a checked error. The options are read once each and checked: an
 * `instance` that is not a string, or `extensions` that cannot be read (a throwing getter, a
 * Proxy, a revoked Proxy), count as absent.
 * @internal
 */
export function problemOf(error: CheckedError, options?: ToProblemOptions): ProblemDetails {
  const given = read(options, 'instance');
  const instance = typeof given === 'string' ? given : undefined;
  const members = recordOf(read(options, 'extensions'));
  if (error.conceal) {
    const concealed: ProblemDetails = { type: 'about:blank', title: 'Not Found', status: 404 };
    if (instance !== undefined) concealed.instance = instance;
    if (members) addMembers(concealed, members);
    return concealed;
  }
  const problem: ProblemDetails = { type: error.type, title: error.title, status: error.status };
  const debug = read(options, 'debug') === true;
  const show = error.expose || debug;
  if (show && error.detail !== undefined) problem.detail = error.detail;
  const ownInstance = error.instance ?? instance;
  if (ownInstance !== undefined) problem.instance = ownInstance;
  if (show) addMembers(problem, error.extensions);
  if (members) addMembers(problem, members);
  if (debug) {
    if (error.stack !== undefined) problem.stack = error.stack;
    const cause = causeChain(error.cause, new Set([error.source]));
    if (error.cause !== undefined && cause !== undefined) problem.cause = cause;
  }
  return problem;
}
