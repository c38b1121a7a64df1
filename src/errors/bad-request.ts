import { HttpError, optionsOf } from './http-error.js';
import { applyIssues, type ValidationOptions } from './validation.js';

/**
 * 400 Bad Request (RFC 9110 §15.5.1): the request is malformed — syntax, framing, a parameter
 * that cannot be parsed. List what is wrong in `errors`.
 *
 * @example
 * throw new BadRequestError('The query is invalid.', {
 *   errors: [{ detail: 'must be a number', parameter: 'limit' }],
 * });
 */
export class BadRequestError extends HttpError<400> {
  constructor(detail?: string, options?: ValidationOptions);
  constructor(options?: ValidationOptions);
  constructor(a?: string | ValidationOptions, b?: ValidationOptions) {
    super(400, a, b);
    this.name = 'BadRequestError';
    applyIssues(this, optionsOf(a, b));
  }
}
