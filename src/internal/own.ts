/**
 * Sets an own enumerable data property, also for the key `__proto__`, whose plain assignment
 * would replace the object's prototype instead. Every record built from untrusted keys goes
 * through here.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}
