// The mark of an error that describes another server's response, set by the Fetch adapter's
// `fromResponse` and read by `toHttpError`; its symbol is shared by every copy of the package.
import { UPSTREAM } from './symbols.js';

/**
 * Marks `err` as made from an upstream response (own, non-enumerable, read-only), so that
 * rethrowing it renders a 502 rather than what the upstream said.
 * @internal
 */
export function markUpstream<E extends object>(err: E): E {
  Object.defineProperty(err, UPSTREAM, { value: true });
  return err;
}

/**
 * Whether `err` carries the mark of {@link markUpstream}; own property only, so an error built
 * from a marked one (`new BadGatewayError({ cause: err })`) is not marked.
 * @internal
 */
export function isMarkedUpstream(err: object): boolean {
  return Object.getOwnPropertyDescriptor(err, UPSTREAM)?.value === true;
}
