import { normalizeError } from '../errors/normalize.js';
import { type CheckedError, checkError, read, recordOf } from '../internal/checked.js';
import { setOwn } from '../internal/own.js';
import { type ProblemDetails, STANDARD_MEMBERS } from '../problem/types.js';

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
  debug?: boolean | undefined;
  /** `instance` for errors that have none of their own, e.g. the request path. */
  instance?: string | undefined;
  /**
   * Request-level members added to every problem, exposed or not: the one channel for
   * correlation data such as a `traceId` on a redacted 5xx. Reserved members still win.
   */
  extensions?: Readonly<Record<string, unknown>> | undefined;
}

const MAX_CAUSES = 8;

/** A cause's own status, when it has a plausible one (an HttpError's, or `status`/`statusCode`). */
function statusOf(cause: Record<string, unknown>): number | undefined {
  for (const status of [cause.status, cause.statusCode]) {
    if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) {
      return status;
    }
  }
  return undefined;
}

/**
 * The cause chain for debug output: name, message, status (when the cause has one) and stack of
 * each, cycles cut. A stack already shown (the error's own, which is its cause's when
 * `toHttpError` wrapped a plain error, or a cause's higher up) is left out, so each is shown once.
 */
function causeChain(cause: unknown, seen: Set<unknown>, stacks: Set<string>): unknown {
  if (seen.size >= MAX_CAUSES || seen.has(cause)) return undefined;
  seen.add(cause);
  if (!(typeof cause === 'object' && cause !== null)) return { message: String(cause) };
  try {
    const fields = cause as Record<string, unknown>;
    const { name, message, stack } = fields;
    const out: Record<string, unknown> = { name: String(name), message: String(message) };
    const status = statusOf(fields);
    if (status !== undefined) out.status = status;
    if (typeof stack === 'string' && !stacks.has(stack)) {
      stacks.add(stack);
      out.stack = stack;
    }
    const next = causeChain(fields.cause, seen, stacks);
    if (next !== undefined && 'cause' in cause) out.cause = next;
    return out;
  } catch {
    return { message: '[unreadable]' };
  }
}

/**
 * The plain error an HttpError stands for: its cause, when the two share a stack, as
 * `toHttpError` makes them. Debug output shows that error once, as the problem itself (its
 * message as `detail`, its stack as `stack`), and starts the cause chain after it.
 */
function original(error: CheckedError, stack: string | undefined): object | undefined {
  const cause = error.cause;
  if (stack === undefined || typeof cause !== 'object' || cause === null) return undefined;
  return read(cause, 'stack') === stack ? cause : undefined;
}

function messageOf(error: object | undefined): string | undefined {
  const message = read(error, 'message');
  return typeof message === 'string' && message !== '' ? message : undefined;
}

function addMembers(problem: ProblemDetails, members: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(members)) {
    if (!STANDARD_MEMBERS.includes(key)) setOwn(problem, key, members[key]);
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
  return problemOf(checkError(normalizeError(err)), options);
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
  // Read only for debug output (see CheckedError): formatting a stack is costly.
  const ownStack = debug ? read(error.source, 'stack') : undefined;
  const stack = typeof ownStack === 'string' ? ownStack : undefined;
  const wrapped = debug ? original(error, stack) : undefined;
  // A plain error has no detail of its own: debug shows its message, as it shows its stack.
  const detail = error.detail ?? messageOf(wrapped);
  if (show && detail !== undefined) problem.detail = detail;
  const ownInstance = error.instance ?? instance;
  if (ownInstance !== undefined) problem.instance = ownInstance;
  if (show) addMembers(problem, error.extensions);
  if (members) addMembers(problem, members);
  if (debug) {
    const stacks = new Set<string>();
    if (stack !== undefined) {
      problem.stack = stack;
      stacks.add(stack);
    }
    const seen = new Set<unknown>([error.source]);
    let first = error.cause;
    if (wrapped) {
      seen.add(wrapped);
      first = read(wrapped, 'cause');
    }
    const cause = first === undefined ? undefined : causeChain(first, seen, stacks);
    if (cause !== undefined) problem.cause = cause;
  }
  return problem;
}
