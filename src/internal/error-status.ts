// The status a server answers an error with, read cheaply for logs and traces (toLog,
// recordError): what toHttpError would keep, without loading every error class.
import { statusOf } from './reply.js';

/**
 * The error's own status (Boom's `output.statusCode`; a `status` or `statusCode` of 400–599,
 * as an HttpError, http-errors, Koa and Fastify set), else 500. Never throws.
 * @internal
 */
export function errorStatus(x: unknown): number {
  try {
    // `null` and `undefined` throw here, and read as unknown.
    type Boom = { isBoom?: unknown; output?: unknown };
    // Truthy, as Boom's own isBoom reads it (`!!err.isBoom`).
    return statusOf((x as Boom).isBoom ? (x as Boom).output : x, 400) ?? 500;
  } catch {
    return 500;
  }
}
