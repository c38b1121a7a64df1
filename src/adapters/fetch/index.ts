// Adapter entry `http-error-kit/fetch`: the Fetch `Request`/`Response` world (Deno, Bun,
// Cloudflare Workers, Hono, Next.js route handlers, browsers) on both sides of the wire.
// Edge-safe, like the core.

export {
  ensureOk,
  type FromResponseOptions,
  fromResponse,
  type ProblemClass,
  type ResponseLike,
} from './client.js';
export {
  type HandleOptions,
  handle,
  type RequestLike,
  type ToResponseOptions,
  toResponse,
} from './server.js';
