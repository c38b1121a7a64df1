// The mark of an error that describes another server's response, set by the Fetch adapter's
// `fromResponse` and read by `toHttpError`. Symbol.for: the same symbol in every realm and in
// every copy of this package, so an error read by one copy is recognized by another.
const UPSTREAM: unique symbol = /* @__PURE__ */ Symbol.for('http-error-kit.upstream') as never;

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
