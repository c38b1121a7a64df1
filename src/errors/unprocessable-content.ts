import { NamedError, optionsOf } from './http-error.js';
import { applyIssues, type ValidationOptions } from './validation.js';

/**
 * 422 Unprocessable Content (RFC 9110 §15.5.21): the content is well-formed but its
 * instructions cannot be followed — validation failed. List the problems in `errors`.
 *
 * @example
 * throw new UnprocessableContentError('Your request is not valid.', {
 *   errors: [
 *     { detail: 'must be a positive integer', pointer: '#/age' },
 *     { detail: "must be 'green', 'red' or 'blue'", pointer: '#/profile/color' },
 *   ],
 * });
 */
export class UnprocessableContentError extends NamedError<422> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 422;

  constructor(detail?: string | ValidationOptions, options?: ValidationOptions) {
    super(422, 'Unprocessable Content', 'UnprocessableContentError', detail, options);
    applyIssues(this, optionsOf(detail, options));
  }
}

/**
 * Former name of {@link UnprocessableContentError} (RFC 4918 "Unprocessable Entity").
 * @deprecated Use {@link UnprocessableContentError}: RFC 9110 renamed 422 "Unprocessable Content".
 *
 * @example
 * new UnprocessableEntityError() instanceof UnprocessableContentError; // true
 */
export const UnprocessableEntityError = UnprocessableContentError;
/**
 * @deprecated Use {@link UnprocessableContentError}.
 *
 * @example
 * const err: UnprocessableEntityError = new UnprocessableContentError();
 */
export type UnprocessableEntityError = UnprocessableContentError;
