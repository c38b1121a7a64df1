// Correlation ids for the adapters' `traceId` option: the trace-id of a W3C `traceparent`
// (Trace Context §3.2), or a fresh random one in the same format.

// version 00 - trace-id - parent-id - trace-flags; neither id may be all zeros.
const TRACEPARENT = /^00-(?!0{32})([\da-f]{32})-(?!0{16})[\da-f]{16}-[\da-f]{2}$/;

type Crypto = { getRandomValues(array: Uint8Array): Uint8Array };

/**
 * The trace-id of a valid version-00 `traceparent` (lower-case hex; neither the trace-id nor
 * the parent-id all zeros), or `undefined` for anything else. Never throws.
 * @internal
 */
export const traceparentId = (traceparent: unknown): string | undefined =>
  typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent)?.[1] : undefined;

/**
 * 16 random bytes as 32 lower-case hex digits (a valid W3C trace-id), from
 * `crypto.getRandomValues`, which Node 18+, Deno, Bun, Workers and browsers all have.
 * @internal
 */
export function randomTraceId(): string {
  const crypto = (globalThis as unknown as { crypto: Crypto }).crypto;
  const id = Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  // All zeros is the one invalid trace-id (a chance of 2^-128).
  return /[^0]/.test(id) ? id : randomTraceId();
}
