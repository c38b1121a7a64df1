// Correlation ids for the adapters' `traceId` option: the trace-id of a W3C `traceparent`
// (Trace Context §3.2), or a fresh random one in the same format.

// version 00 - trace-id - parent-id - trace-flags; neither id may be all zeros.
const TRACEPARENT = /^00-(?!0{32})([\da-f]{32})-(?!0{16})[\da-f]{16}-[\da-f]{2}$/;

type Crypto = { randomUUID(): string };

/**
 * The trace-id of a valid version-00 `traceparent` (lower-case hex; neither the trace-id nor
 * the parent-id all zeros), or `undefined` for anything else. Never throws.
 * @internal
 */
export const traceparentId = (traceparent: unknown): string | undefined =>
  typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent)?.[1] : undefined;

/**
 * A random version-4 UUID without its hyphens: 32 lower-case hex digits, a valid W3C trace-id
 * (never all zeros: its version digit is 4) whose right-most 7 bytes are random, as Trace
 * Context Level 2 asks of a random trace-id. `crypto.randomUUID` is in Node 19+, Deno, Bun,
 * Workers and browsers (secure contexts).
 * @internal
 */
export const randomTraceId = (): string =>
  (globalThis as unknown as { crypto: Crypto }).crypto.randomUUID().replaceAll('-', '');
