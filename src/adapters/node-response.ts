// The node:http half of the node:http and Express adapters: one rendered error written on a
// `ServerResponse` (fields set earlier adopted, byte-exact `Content-Length`, the unread request
// body drained or the connection closed), or, once the headers are sent, the response broken
// and the error reported. Only types come from node:http; nothing of Node is loaded at runtime
// but `Buffer`.

/// <reference types="node" />

import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRepresentationField, withVary } from '../internal/headers.js';
import { type RenderOptions, renderError } from '../render/render-error.js';
import { ERROR_PHRASES } from '../status/table.js';
import { logError, pathOf, type RequestLine } from './report.js';

// `drainLimit` by default: 1 MiB.
const DRAIN_LIMIT = 1_048_576;

/** Method and path for the default log: Express's `originalUrl` before routers cut it. */
function lineOf(req: IncomingMessage | undefined): RequestLine | undefined {
  if (req === undefined) return undefined;
  const target = (req as { originalUrl?: unknown }).originalUrl ?? req.url;
  return { method: req.method, url: pathOf(target) };
}

/**
 * Whether the connection must close after the response because of the request body: `false`
 * when there is none, or it was read, or it is read now (drained); `true` when too much of it
 * may still be on its way.
 */
function mustClose(req: IncomingMessage | undefined, limit: number): boolean {
  // Received in full, or never had a body (RFC 9112 §6.3: neither Transfer-Encoding nor
  // Content-Length): nothing is left on the wire, and node:http discards what nobody read.
  if (req === undefined || req.complete || req.readableEnded) return false;
  const { 'content-length': length, 'transfer-encoding': coding } = req.headers;
  if (length === undefined && coding === undefined) return false;
  // Reading resumes in both cases: a paused request must not stall the connection.
  req.resume();
  // A chunked body has no known length: it could be endless.
  return coding !== undefined || !(Number(length) <= limit);
}

/**
 * What {@link answer} takes: render options already resolved for the request (see
 * `forRequest`), and `drainLimit` (see `SendErrorOptions`).
 */
export interface AnswerOptions extends RenderOptions {
  drainLimit?: number | undefined;
}

/**
 * Writes the error response for `req` on `res`: what `sendError` of `http-error-kit/node` does
 * once it has the request and the options resolved for it, and what the adapters that have
 * them at hand call (node's `handle`, Express's `errorHandler`), so that the request is passed
 * apart rather than as a member added to the options. Never throws.
 */
export function answer(
  res: ServerResponse,
  err: unknown,
  options: AnswerOptions | undefined,
  req: IncomingMessage | undefined,
): void {
  try {
    // Spread into a literal that has the fields already, then assigned: V8 adds a property to
    // the copy `{ ...options, accept }` makes on a slow path, about a microsecond each.
    const renderOptions: RenderOptions = { accept: undefined, method: undefined, ...options };
    renderOptions.accept = options?.accept !== undefined ? options.accept : req?.headers.accept;
    // HEAD is rendered as GET, so that Content-Length is the length a GET would get, and the
    // body is always handed to node:http, which leaves it out when the request on the wire was
    // a HEAD. It decides by the method the request arrived with; `req.method` may have been
    // rewritten since (method-override), and a body left out for a POST on the wire would be
    // read by the client as the start of the next response.
    renderOptions.method = undefined;
    const sent = res.headersSent;
    // Rendered also when it cannot be sent: onError hears of it, and the log has its status.
    const { status, headers, body } = renderError(err, renderOptions);
    if (options?.onError === undefined && (sent || status >= 500)) {
      logError(status, lineOf(req), err, renderOptions.extensions);
    }
    if (sent) {
      if (!res.writableEnded) res.destroy();
      return;
    }
    headers['content-length'] = String(Buffer.byteLength(body));
    if (mustClose(req, options?.drainLimit ?? DRAIN_LIMIT)) headers.connection = 'close';
    for (const name of res.getHeaderNames()) {
      if (isRepresentationField(name)) res.removeHeader(name);
    }
    // writeHead replaces a field set earlier: a Vary set earlier is merged in instead.
    withVary(headers, res.getHeader('vary'));
    res.writeHead(status, ERROR_PHRASES[status], headers);
    res.end(body);
  } catch {
    abort(res);
  }
}

/**
 * Nothing above should throw; if the response refuses anyway, it is broken rather than left
 * with the client waiting.
 */
export function abort(res: ServerResponse): void {
  try {
    res.destroy();
  } catch {
    // already gone
  }
}
