// Every `Symbol.for` brand of this package, in one module with no imports, so that a guard
// (isHttpError, Problem.is, the upstream mark) pulls in only its symbol and not the class that
// carries it; also the one check of the HttpError brand, which both isHttpError and
// `instanceof HttpError` run. `Symbol.for` gives the same symbol in every realm and in every copy of the
// package (a nested node_modules, a bundle, the ESM and the CommonJS build side by side), which
// is what lets one copy recognise what another made.

/**
 * The brand of every {@link HttpError}: `true` on the prototype, read by `isHttpError` and by
 * `instanceof HttpError`.
 * @internal
 */
export const HTTP_ERROR: unique symbol = /* @__PURE__ */ Symbol.for(
  'http-error-kit.HttpError',
) as never;

/**
 * Whether `x` carries the {@link HTTP_ERROR} brand. Never throws: a proxy whose traps throw
 * carries none.
 * @internal
 */
export function hasHttpErrorBrand(x: unknown): boolean {
  try {
    return (
      typeof x === 'object' && x !== null && (x as { [HTTP_ERROR]?: unknown })[HTTP_ERROR] === true
    );
  } catch {
    return false;
  }
}

/**
 * The brand of a class made by `defineProblem`: its type URI, so `is()` recognises an
 * occurrence that a second copy created, and never an HttpError that merely has the same `type`.
 * @internal
 */
export const PROBLEM: unique symbol = /* @__PURE__ */ Symbol.for('http-error-kit.Problem') as never;

/**
 * The mark of an error that describes another server's response (set by `fromResponse`, read by
 * `toHttpError`).
 * @internal
 */
export const UPSTREAM: unique symbol = /* @__PURE__ */ Symbol.for(
  'http-error-kit.upstream',
) as never;
