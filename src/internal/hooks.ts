// What a user's hook returns is never trusted to be harmless: a promise may reject later, and a
// thenable's `then` may throw. Neither may become an unhandled rejection or a crash.

const noop = (): void => {};

/**
 * Whether `value` is a thenable (a promise or anything with a `then` method), giving it a
 * rejection handler if so, so that its rejection is never unhandled. A `then` that cannot be
 * read, or that throws, counts as a thenable too. Never throws.
 * @internal
 */
export function release(value: unknown): boolean {
  if ((typeof value !== 'object' || value === null) && typeof value !== 'function') return false;
  let then: unknown;
  try {
    then = (value as { then?: unknown }).then;
  } catch {
    return true;
  }
  if (typeof then !== 'function') return false;
  try {
    then.call(value, undefined, noop);
  } catch {
    // A `then` that throws: nothing is pending.
  }
  return true;
}
