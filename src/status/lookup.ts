import { type RetryAdvice, SEMANTICS } from './metadata.js';
import {
  type ClientErrorStatus,
  ERROR_PHRASES,
  PHRASES,
  type ServerErrorStatus,
  type StatusCode,
} from './table.js';

/**
 * Every registered 4xx and 5xx status code: the statuses an {@link HttpError} can carry.
 *
 * @example
 * function fail(status: ErrorStatus) { throw createHttpError(status); }
 */
export type ErrorStatus = ClientErrorStatus | ServerErrorStatus;

/**
 * The class of a status code, from its first digit (RFC 9110 §15).
 *
 * @example
 * const kind: StatusClass = statusInfo(403)!.class; // 'client-error'
 */
export type StatusClass =
  | 'informational'
  | 'success'
  | 'redirection'
  | 'client-error'
  | 'server-error';

/**
 * What the specifications say about one status code.
 *
 * @example
 * const info: StatusInfo | undefined = statusInfo(401);
 * info?.headers; // ['WWW-Authenticate']
 */
export interface StatusInfo {
  /** The status code. */
  readonly code: StatusCode;
  /** The reason phrase as RFC 9110 words it, e.g. `'Content Too Large'` for 413. */
  readonly phrase: string;
  /** The class of the code, from its first digit. */
  readonly class: StatusClass;
  /** The defining section, e.g. `'RFC 9110, Section 15.5.4'`. */
  readonly spec: string;
  /** A link to that section on rfc-editor.org. */
  readonly url: string;
  /** Heuristically cacheable by default (RFC 9110 §15.1; 451 by RFC 7725). */
  readonly cacheable: boolean;
  /** Whether a response with this status may carry content (false for 1xx, 204, 205, 304). */
  readonly allowsContent: boolean;
  /**
   * What a client should do about the failure:
   * `'no'` — the same request fails the same way;
   * `'authenticate'` — retry only with new credentials (401, 407, 511);
   * `'later'` — retry after the `Retry-After` delay (429, 503);
   * `'idempotent'` — safe to retry idempotent methods (408, 500, 502, 504).
   */
  readonly retry: RetryAdvice;
  /** Response fields the specification requires or strongly expects with this status. */
  readonly headers: readonly string[];
  /** True for codes the registry marks as obsoleted (510). */
  readonly obsolete: boolean;
}

const CLASSES: readonly StatusClass[] = [
  'informational',
  'success',
  'redirection',
  'client-error',
  'server-error',
];

function build(code: StatusCode): StatusInfo {
  const [rfc, section, retry, cacheable, allowsContent, headers, obsolete] = SEMANTICS[code];
  return Object.freeze({
    code,
    phrase: PHRASES[code],
    class: CLASSES[Math.floor(code / 100) - 1] as StatusClass,
    spec: `RFC ${rfc}, Section ${section}`,
    url: `https://www.rfc-editor.org/rfc/rfc${rfc}.html#section-${section}`,
    cacheable,
    allowsContent,
    retry,
    headers: Object.freeze(headers.slice()),
    obsolete,
  });
}

// Built once at first lookup rather than at import, so importing the package stays cheap.
let infos: Map<number, StatusInfo> | undefined;

/**
 * True when `x` is a status code in the IANA registry. Never throws.
 *
 * @example
 * isStatusCode(403); // true
 * isStatusCode(499); // false: not registered
 * isStatusCode('403'); // false: not a number
 */
export function isStatusCode(x: unknown): x is StatusCode {
  return typeof x === 'number' && Object.hasOwn(PHRASES, x);
}

/**
 * True when `x` is a registered 4xx or 5xx status code. Never throws.
 *
 * @example
 * isErrorStatus(404); // true
 * isErrorStatus(302); // false
 */
export function isErrorStatus(x: unknown): x is ErrorStatus {
  return typeof x === 'number' && Object.hasOwn(ERROR_PHRASES, x);
}

/**
 * The RFC 9110 reason phrase of a registered status code, or `undefined`. Never throws.
 *
 * @example
 * reasonPhrase(413); // 'Content Too Large'
 * reasonPhrase(499); // undefined
 */
export function reasonPhrase(code: StatusCode): string;
export function reasonPhrase(code: number): string | undefined;
export function reasonPhrase(code: number): string | undefined {
  return isStatusCode(code) ? PHRASES[code] : undefined;
}

/**
 * Everything the specifications say about a status code, or `undefined` when it is not
 * registered. The result is frozen. Never throws.
 *
 * @example
 * const info = statusInfo(403);
 * info?.phrase; // 'Forbidden'
 * info?.retry; // 'no': the server knows who you are and refuses
 * info?.spec; // 'RFC 9110, Section 15.5.4'
 */
export function statusInfo(code: StatusCode): StatusInfo;
export function statusInfo(code: number): StatusInfo | undefined;
export function statusInfo(code: number): StatusInfo | undefined {
  if (!isStatusCode(code)) return undefined;
  if (infos === undefined) {
    infos = new Map();
    for (const key of Object.keys(PHRASES)) {
      const c = Number(key) as StatusCode;
      infos.set(c, build(c));
    }
  }
  return infos.get(code);
}
