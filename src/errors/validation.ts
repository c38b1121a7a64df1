import { describe } from '../internal/syntax.js';
import type { HttpError, HttpErrorOptions } from './http-error.js';

/**
 * One problem with the request, as an entry of the `errors` member of RFC 9457 §3's example:
 * what is wrong (`detail`) and where — a JSON Pointer (RFC 6901) into the request body, a query
 * `parameter` or a `header` name.
 *
 * @example
 * const issue: ValidationIssue = { detail: 'must be a positive integer', pointer: '/age' };
 */
export interface ValidationIssue {
  /** What is wrong, for the client's developer. */
  detail: string;
  /** JSON Pointer into the request content, e.g. `/items/0/price` (or `#/items/0/price`). */
  pointer?: string | undefined;
  /** Name of the query parameter at fault. */
  parameter?: string | undefined;
  /** Name of the request header at fault. */
  header?: string | undefined;
}

/**
 * Options of {@link BadRequestError} and {@link UnprocessableContentError}.
 *
 * @example
 * const options: ValidationOptions = { errors: [{ detail: 'is required', pointer: '/email' }] };
 */
export interface ValidationOptions extends HttpErrorOptions {
  /** The individual problems, sent as the `errors` extension member. */
  errors?: readonly ValidationIssue[] | undefined;
}

/** RFC 6901: "" or "/…", where "~" only appears as "~0" or "~1"; also as a URI fragment "#…". */
function isJsonPointer(s: string): boolean {
  const p = s.startsWith('#') ? s.slice(1) : s;
  if (p !== '' && !p.startsWith('/')) return false;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '~' && p[i + 1] !== '0' && p[i + 1] !== '1') return false;
  }
  return true;
}

function validIssues(where: string, errors: unknown): ValidationIssue[] {
  if (!Array.isArray(errors)) throw new TypeError(`${where}: options.errors must be an array`);
  return errors.map((item: unknown, i) => {
    const at = `${where}: options.errors[${i}]`;
    if (typeof item !== 'object' || item === null) throw new TypeError(`${at} must be an object`);
    const { detail, pointer, parameter, header } = item as Record<string, unknown>;
    if (typeof detail !== 'string') throw new TypeError(`${at}.detail must be a string`);
    const issue: ValidationIssue = { detail };
    if (pointer !== undefined) {
      if (typeof pointer !== 'string' || !isJsonPointer(pointer)) {
        throw new TypeError(
          `${at}.pointer must be a JSON Pointer such as "/name", got ${describe(pointer)}`,
        );
      }
      issue.pointer = pointer;
    }
    for (const [key, value] of [
      ['parameter', parameter],
      ['header', header],
    ] as const) {
      if (value === undefined) continue;
      if (typeof value !== 'string') throw new TypeError(`${at}.${key} must be a string`);
      issue[key] = value;
    }
    return issue;
  });
}

/** Sets the `errors` extension from `options.errors`, checked. */
export function applyIssues(err: HttpError, options: ValidationOptions | undefined): void {
  if (options?.errors !== undefined) {
    (err.extensions as Record<string, unknown>).errors = validIssues(err.name, options.errors);
  }
}
