import { describe, refuse } from '../internal/syntax.js';
import { type HttpErrorOptions, NamedError, optionsOf, setHeader } from './http-error.js';

/**
 * Options of {@link RangeNotSatisfiableError}.
 *
 * @example
 * const options: RangeNotSatisfiableOptions = { size: 1024 };
 */
export interface RangeNotSatisfiableOptions extends HttpErrorOptions {
  /** The representation's length in bytes, sent as `Content-Range: bytes *\/size`. */
  size?: number | undefined;
}

/**
 * 416 Range Not Satisfiable (RFC 9110 §15.5.17): none of the requested ranges overlap the
 * representation. Pass its `size` so the client learns the valid range.
 *
 * @example
 * if (start >= file.size) throw new RangeNotSatisfiableError({ size: file.size });
 */
export class RangeNotSatisfiableError extends NamedError<416> {
  /** The status `instanceof` recognises in an error of any copy of the package. @internal */
  static readonly '~status' = 416;

  constructor(detail?: string | RangeNotSatisfiableOptions, options?: RangeNotSatisfiableOptions) {
    super(416, 'Range Not Satisfiable', 'RangeNotSatisfiableError', detail, options);
    const size: unknown = optionsOf(detail, options)?.size;
    if (size !== undefined) {
      if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
        refuse(
          'RangeNotSatisfiableError',
          `options.size must be a whole number of bytes (0 or more), got ${describe(size)}`,
        );
      }
      setHeader(this, 'content-range', `bytes */${size}`);
    }
  }
}

/**
 * Former name of {@link RangeNotSatisfiableError} (RFC 2616 "Requested Range Not Satisfiable").
 * @deprecated Use {@link RangeNotSatisfiableError}.
 *
 * @example
 * new RequestedRangeNotSatisfiableError() instanceof RangeNotSatisfiableError; // true
 */
export const RequestedRangeNotSatisfiableError = RangeNotSatisfiableError;
/**
 * @deprecated Use {@link RangeNotSatisfiableError}.
 *
 * @example
 * const err: RequestedRangeNotSatisfiableError = new RangeNotSatisfiableError();
 */
export type RequestedRangeNotSatisfiableError = RangeNotSatisfiableError;
