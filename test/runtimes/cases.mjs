// The cases of the integration matrix as plain data (the one table: the matrix imports it), with
// a checker that needs nothing but Node's fetch: test/integration/matrix.test.ts runs them against
// node:http, Express 4 and 5 and Fetch; scripts/test-runtimes.mjs from Node 20 against Bun, Deno,
// workerd and Node 22; test/integration/frameworks.test.ts against Hono, Koa and Fastify;
// test/runtimes/cases.test.ts proves the checker against the matrix's own servers.

export const SEED = 'You do not have permission to delete user data.';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const JSON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-type': 'application/problem+json',
  // Every format here is negotiated (RFC 9110 §12.5.5).
  vary: 'Accept',
};

/**
 * The policy every HTML error page is sent with: only its own style sheet may load
 * (test/render/html.test.ts checks it against the renderer's).
 */
export const HTML_CSP =
  "default-src 'none'; style-src 'sha256-b6JtMD4nc4MLipq+bsrQRDGHQgsJHmX7PYP0BMi0Ej0='; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HTML_HEADERS = {
  ...JSON_HEADERS,
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': HTML_CSP,
};

const FORBIDDEN_BODY = `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`;

/**
 * Each case: a request (`path`, `init`) and the exact response: `status`, every header the
 * library decides (`headers`: all but the transport fields in IGNORED) and the `body` — a
 * string, or `{ startsWith, includes, excludes }` for HTML.
 */
export const CASES = [
  {
    name: 'thrown ForbiddenError, JSON Accept',
    path: '/forbidden',
    init: { headers: { accept: 'application/json' } },
    status: 403,
    headers: JSON_HEADERS,
    body: FORBIDDEN_BODY,
  },
  {
    name: 'rejected ForbiddenError from an async route',
    path: '/async/forbidden',
    status: 403,
    headers: JSON_HEADERS,
    body: FORBIDDEN_BODY,
  },
  {
    name: 'thrown ForbiddenError, browser Accept → HTML',
    path: '/forbidden',
    init: { headers: { accept: HTML } },
    status: 403,
    headers: HTML_HEADERS,
    body: {
      startsWith: '<!DOCTYPE html>',
      includes: ['<title>403 Forbidden</title>', `<p>${SEED}</p>`],
    },
  },
  {
    name: 'thrown ForbiddenError, XML Accept',
    path: '/forbidden',
    init: { headers: { accept: 'application/problem+xml' } },
    status: 403,
    headers: { ...JSON_HEADERS, 'content-type': 'application/problem+xml' },
    body:
      '<?xml version="1.0" encoding="UTF-8"?>\n<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type>' +
      `<title>Forbidden</title><status>403</status><detail>${SEED}</detail></problem>`,
  },
  {
    name: 'UnauthorizedError without a challenge gets Bearer',
    path: '/unauthorized',
    status: 401,
    headers: { ...JSON_HEADERS, 'www-authenticate': 'Bearer' },
    body: '{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Sign in first."}',
  },
  {
    name: 'UnauthorizedError with a challenge keeps it',
    path: '/unauthorized-basic',
    status: 401,
    headers: { ...JSON_HEADERS, 'www-authenticate': 'Basic realm="matrix"' },
    body: '{"type":"about:blank","title":"Unauthorized","status":401}',
  },
  {
    // Separate field lines: Set-Cookie read with getSetCookie; the challenges are joined by
    // Headers, so their lines are checked on raw sockets (test/integration/frameworks.test.ts).
    name: 'several challenges and cookies, one field line each',
    path: '/challenges',
    status: 401,
    headers: {
      ...JSON_HEADERS,
      'www-authenticate': 'DPoP algs="ES256", Bearer realm="matrix"',
      'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
    },
    body: '{"type":"about:blank","title":"Unauthorized","status":401}',
  },
  {
    name: 'insufficient scope',
    path: '/scope',
    status: 403,
    headers: {
      ...JSON_HEADERS,
      'www-authenticate': 'Bearer error="insufficient_scope", scope="admin"',
    },
    body: '{"type":"about:blank","title":"Forbidden","status":403,"detail":"Needs admin."}',
  },
  {
    name: 'concealed 403 → plain 404',
    path: '/concealed',
    status: 404,
    headers: JSON_HEADERS,
    body: '{"type":"about:blank","title":"Not Found","status":404}',
  },
  {
    name: '405 with Allow',
    path: '/method',
    status: 405,
    headers: { ...JSON_HEADERS, allow: 'GET, HEAD' },
    body: '{"type":"about:blank","title":"Method Not Allowed","status":405}',
  },
  {
    name: '429 with Retry-After',
    path: '/limited',
    status: 429,
    headers: { ...JSON_HEADERS, 'retry-after': '30' },
    body: '{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Slow down."}',
  },
  {
    name: "plain Error('db password=x') → redacted 500",
    path: '/crash',
    init: { headers: { accept: HTML } },
    status: 500,
    headers: HTML_HEADERS,
    body: {
      startsWith: '<!DOCTYPE html>',
      includes: ['<title>500 Internal Server Error</title>'],
      excludes: ['password', 'db '],
    },
  },
  {
    name: 'HEAD: headers without a body',
    path: '/limited',
    init: { method: 'HEAD' },
    status: 429,
    headers: { ...JSON_HEADERS, 'retry-after': '30' },
    body: '',
  },
];

/**
 * Fields the server's transport adds, not the library: left out of the comparison. workerd
 * gzips HTML for clients that accept it (Node's fetch does, and decodes it: the body is still
 * compared exactly).
 */
export const IGNORED = [
  'date',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
];

/**
 * The fields of a Fetch `Headers` less IGNORED, by name: each a string (the lines joined with
 * `, `), but `set-cookie`, the list of its lines (`getSetCookie`), when there is one.
 */
export function fieldsOf(fields) {
  const headers = {};
  for (const [name, value] of fields) {
    if (!IGNORED.includes(name) && name !== 'set-cookie') headers[name] = value;
  }
  const cookies = fields.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return headers;
}

/** A real request with Node's fetch; the status, the headers (less IGNORED) and the body. */
export async function reply(url, init = {}, timeoutMs = 10_000) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const headers = fieldsOf(res.headers);
  const body = await res.text();
  // The length of an encoded body is not the length of the decoded text.
  const length = res.headers.has('content-encoding') ? null : res.headers.get('content-length');
  return { status: res.status, headers, body, length };
}

const show = (x) => JSON.stringify(x);

/** What differs between a reply and a case's expectations: an empty list when it passes. */
export function compare(kase, got) {
  const problems = [];
  if (got.status !== kase.status) problems.push(`status ${got.status}, expected ${kase.status}`);
  const names = new Set([...Object.keys(kase.headers), ...Object.keys(got.headers)]);
  for (const name of [...names].sort()) {
    if (show(got.headers[name]) !== show(kase.headers[name])) {
      problems.push(
        `header ${name}: ${show(got.headers[name])}, expected ${show(kase.headers[name])}`,
      );
    }
  }
  const { body } = kase;
  if (typeof body === 'string') {
    if (got.body !== body) problems.push(`body ${show(got.body)}, expected ${show(body)}`);
  } else {
    if (body.startsWith && !got.body.startsWith(body.startsWith)) {
      problems.push(`body does not start with ${show(body.startsWith)}: ${show(got.body)}`);
    }
    for (const part of body.includes ?? []) {
      if (!got.body.includes(part)) problems.push(`body lacks ${show(part)}: ${show(got.body)}`);
    }
    for (const part of body.excludes ?? []) {
      if (got.body.includes(part)) problems.push(`body contains ${show(part)}: ${show(got.body)}`);
    }
  }
  // Content-Length, where the server sends one on a GET, is the byte length of the body.
  const method = kase.init?.method ?? 'GET';
  if (method !== 'HEAD' && got.length !== null && got.length !== String(byteLength(got.body))) {
    problems.push(`content-length ${got.length}, body has ${byteLength(got.body)} bytes`);
  }
  return problems;
}

function byteLength(text) {
  return new TextEncoder().encode(text).byteLength;
}

/** Runs one case against an origin: the list of problems (empty when it passes). */
export async function check(origin, kase) {
  try {
    return compare(kase, await reply(`${origin}${kase.path}`, kase.init));
  } catch (err) {
    return [`request failed: ${err instanceof Error ? err.message : String(err)}`];
  }
}
