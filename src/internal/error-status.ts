// The status a server answers an error with, read cheaply for logs and traces (toLog,
// recordError): what toHttpError would keep, without loading every error class.
import { isHttpError } from '../errors/brand.js';

/**
 * The error's own status (an HttpError's; Boom's `output.statusCode`; a `status` or
 * `statusCode` of 400–599, as http-errors, Koa and Fastify set), else 500. Never throws.
 * @internal
 */
export function errorStatus(x: unknown): number {
  if (isHttpError(x)) return x.status;
  try {
    if (typeof x === 'object' && x !== null) {
      const e = x as { isBoom?: unknown; output?: { statusCode?: unknown } } & Record<
        string,
        unknown
      >;
      const status = e.isBoom === true ? e.output?.statusCode : (e.status ?? e.statusCode);
      if (Number.isInteger(status) && (status as number) >= 400 && (status as number) <= 599) {
        return status as number;
      }
    }
  } catch {
    // unreadable: unknown
  }
  return 500;
}
