/**
 * An RFC 9457 problem details object, the body of an `application/problem+json` response.
 *
 * `type` is a URI reference that identifies the problem type (`about:blank` when the status
 * code says it all), `title` a short summary of that type, `status` the HTTP status code,
 * `detail` an explanation of this occurrence and `instance` a URI reference for it. Any other
 * member is an extension.
 *
 * @example
 * const problem: ProblemDetails = {
 *   type: 'about:blank',
 *   title: 'Forbidden',
 *   status: 403,
 *   detail: 'You do not have permission to delete user data.',
 * };
 */
export interface ProblemDetails {
  /** URI reference identifying the problem type; `'about:blank'` when the status says it all. */
  type: string;
  /** Short, human-readable summary of the problem type (the reason phrase for about:blank). */
  title: string;
  /** The HTTP status code of this occurrence. */
  status: number;
  /** Human-readable explanation specific to this occurrence. */
  detail?: string;
  /** URI reference identifying this occurrence. */
  instance?: string;
  /** Extension members. */
  [member: string]: unknown;
}

/**
 * The body formats an error can be rendered in; see {@link negotiate}.
 *
 * @example
 * const format: ErrorFormat = negotiate('text/html'); // 'html'
 */
export type ErrorFormat = 'problem+json' | 'json' | 'problem+xml' | 'html' | 'text';

/**
 * The media type of RFC 9457 problem details in JSON.
 *
 * @example
 * new Response(body, { status: 403, headers: { 'content-type': PROBLEM_JSON } });
 */
export const PROBLEM_JSON = 'application/problem+json';

/**
 * The media type of RFC 9457 problem details in XML (Appendix B).
 *
 * @example
 * if (response.headers.get('content-type')?.startsWith(PROBLEM_XML)) { … }
 */
export const PROBLEM_XML = 'application/problem+xml';

/**
 * The standard members of a problem (RFC 9457 §3.1), in the order the XML, text and HTML
 * formats write them. Extensions never take these names: the one list that redaction,
 * serialization, parsing and problem schemas share.
 * @internal
 */
export const STANDARD_MEMBERS: readonly string[] = [
  'type',
  'title',
  'status',
  'detail',
  'instance',
];
