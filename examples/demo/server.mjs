// @ts-check
// The demo's server: a plain node:http app whose routes only *throw* errors. `handle()` turns
// every throw into the right response: status, required headers, a negotiated and redacted body.

import { createServer } from 'node:http';
import {
  bearerChallenge,
  ForbiddenError,
  MethodNotAllowedError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from 'http-error-kit';
import { handle } from 'http-error-kit/node';

/**
 * @typedef {{ id: string; role: 'user' | 'admin' }} User
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 */

/** The demo's only credentials. Any other `Bearer …` value is an invalid token. */
export const TOKENS = Object.freeze({
  'user-token': Object.freeze({ id: '456', role: 'user' }),
  'admin-token': Object.freeze({ id: '1', role: 'admin' }),
});

const REALM = 'demo';

/** How often one caller may search. */
const SEARCH_INTERVAL_SECONDS = 30;

/**
 * Who is calling? When the answer is "we cannot tell", that is a 401.
 * @param {Request} req
 * @returns {User}
 */
function authenticate(req) {
  const authorization = req.headers.authorization;
  if (!authorization?.startsWith('Bearer ')) {
    // No credentials at all: a bare challenge, no error code (RFC 6750 §3.1).
    throw new UnauthorizedError('Sign in to continue.', {
      challenge: bearerChallenge({ realm: REALM }),
    });
  }
  const token = authorization.slice('Bearer '.length);
  const user = Object.hasOwn(TOKENS, token)
    ? TOKENS[/** @type {keyof typeof TOKENS} */ (token)]
    : undefined;
  if (!user) {
    // Credentials that do not work: say so in the challenge, so the client can refresh them.
    throw new UnauthorizedError('The access token is invalid or has expired.', {
      challenge: bearerChallenge({ realm: REALM, error: 'invalid_token' }),
    });
  }
  return user;
}

/**
 * The resource exists, but not for this method: 405, and `Allow` lists what it supports.
 * @param {Request} req
 * @param {string[]} allow
 */
function allowMethods(req, allow) {
  if (!allow.includes(req.method ?? 'GET')) throw new MethodNotAllowedError({ allow });
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {unknown} [body]
 */
function send(res, status, body) {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The trace id of a W3C `traceparent` request header (`00-<trace-id>-<parent-id>-<flags>`).
 * @param {Request} req
 * @returns {string | undefined}
 */
export function traceIdOf(req) {
  const match = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(
    String(req.headers.traceparent ?? '').trim(),
  );
  return match?.[1];
}

/**
 * Creates the demo server (not listening yet).
 * @param {{ log: (line: string) => void }} options - `log` receives the server's log lines
 */
export function createDemoServer({ log }) {
  /**
   * When each caller last searched, by token or address (a real app would use a shared store).
   * @type {Map<string | undefined, number>}
   */
  const lastSearch = new Map();

  /** @type {(req: Request, res: Response) => Promise<void>} */
  async function routes(req, res) {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');

    if (pathname === '/protected') {
      allowMethods(req, ['GET', 'HEAD']);
      const user = authenticate(req);
      // Known caller, no rights: 403. Repeating the request will not help.
      if (user.role !== 'admin') throw new ForbiddenError('You do not have access to this page.');
      return send(res, 200, { message: 'Welcome, administrator.' });
    }

    const userData = /^\/user-data\/([^/]+)$/.exec(pathname);
    if (userData) {
      allowMethods(req, ['DELETE']);
      const user = authenticate(req);
      // Known caller, not their data: 403.
      if (user.id !== userData[1] && user.role !== 'admin') {
        throw new ForbiddenError('You do not have permission to delete user data.');
      }
      return send(res, 204);
    }

    if (pathname === '/admin-dashboard') {
      allowMethods(req, ['GET', 'HEAD']);
      const user = authenticate(req);
      // Known caller, wrong role: 403.
      if (user.role !== 'admin') {
        throw new ForbiddenError('The admin dashboard is for administrators.');
      }
      return send(res, 200, { users: 2, openIncidents: 0 });
    }

    if (pathname === '/search') {
      allowMethods(req, ['GET', 'HEAD']);
      const caller = req.headers.authorization ?? req.socket.remoteAddress;
      const now = Date.now();
      const wait = SEARCH_INTERVAL_SECONDS * 1000 - (now - (lastSearch.get(caller) ?? 0));
      if (wait > 0) {
        // 429 with Retry-After: the client may come back, after that many seconds.
        throw new TooManyRequestsError(
          `One search every ${SEARCH_INTERVAL_SECONDS} seconds, please.`,
          { retryAfter: Math.ceil(wait / 1000) },
        );
      }
      lastSearch.set(caller, now);
      return send(res, 200, { results: ['401 or 403?'] });
    }

    if (pathname === '/crash') {
      // A bug, not an HTTP error: handle() answers 500 and redacts the message.
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
    }

    throw new NotFoundError();
  }

  const listener = handle(routes, {
    // Correlation data for every problem, 5xx included: the client can quote it in a report.
    extensions: (req) => {
      const traceId = traceIdOf(req);
      return traceId === undefined ? undefined : { traceId };
    },
    // The whole story stays on the server: 4xx are the client's business, 5xx are ours.
    onError: (error, original, req) => {
      if (error.status < 500) return;
      const trace = traceIdOf(req);
      log(`${error.status} ${req.method} ${req.url}${trace ? ` trace=${trace}` : ''}`);
      log(original instanceof Error ? `${original.name}: ${original.message}` : String(original));
    },
  });

  return createServer(listener);
}
