// @ts-check
// The demo's scripted client: real `fetch` requests against the demo server, each exchange
// printed the way a developer would look at it (request, status line, headers, body).

/**
 * @typedef {object} Exchange
 * @property {string} [method] - default `GET`
 * @property {string} path
 * @property {string} [token] - sent as `Authorization: Bearer <token>`
 * @property {Record<string, string>} [headers] - other request headers, printed too
 * @property {number} expect - the status this exchange must get
 * @property {string[]} [secrets] - strings the response must not contain
 *
 * @typedef {object} Scenario
 * @property {string} title - one line: what the scenario shows
 * @property {string} [note] - one more line of explanation
 * @property {Exchange[]} exchanges
 */

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** A W3C trace context, as a tracing library in the client would send it. */
export const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

/** @type {Scenario[]} */
export const SCENARIOS = [
  {
    title: 'No token: 401 asks who you are',
    note: 'WWW-Authenticate says how to sign in; the client may retry once it has (RFC 9110 §15.5.2).',
    exchanges: [{ method: 'DELETE', path: '/user-data/123', expect: 401 }],
  },
  {
    title: 'Bad token: 401 again, and the challenge says why',
    note: 'error="invalid_token" tells the client to get a new token (RFC 6750 §3.1).',
    exchanges: [{ method: 'DELETE', path: '/user-data/123', token: 'expired-token', expect: 401 }],
  },
  {
    title: 'Valid token, not their data: 403 says "I know who you are, and no"',
    note: 'user-token is user 456. Repeating the request will not help (RFC 9110 §15.5.4).',
    exchanges: [{ method: 'DELETE', path: '/user-data/123', token: 'user-token', expect: 403 }],
  },
  {
    title: 'Same user, same token, their own data: allowed',
    exchanges: [{ method: 'DELETE', path: '/user-data/456', token: 'user-token', expect: 204 }],
  },
  {
    title: 'Wrong role: 403 for a user, 200 for an admin',
    exchanges: [
      { path: '/admin-dashboard', token: 'user-token', expect: 403 },
      { path: '/admin-dashboard', token: 'admin-token', expect: 200 },
    ],
  },
  {
    title: 'One 403, two formats: problem+json for an API client, HTML for a browser',
    note: 'The format follows the Accept header; an unknown one gets problem+json, never a 406.',
    exchanges: [
      {
        path: '/protected',
        token: 'user-token',
        headers: { accept: 'application/json' },
        expect: 403,
      },
      { path: '/protected', token: 'user-token', headers: { accept: BROWSER_ACCEPT }, expect: 403 },
    ],
  },
  {
    title: 'Wrong method: 405, and Allow lists the methods that work',
    exchanges: [{ method: 'POST', path: '/admin-dashboard', token: 'admin-token', expect: 405 }],
  },
  {
    title: 'Too many requests: 429, and Retry-After says when to come back',
    exchanges: [
      { path: '/search?q=401', token: 'user-token', expect: 200 },
      { path: '/search?q=403', token: 'user-token', expect: 429 },
    ],
  },
  {
    title: 'A bug: 500, redacted for the client, the whole story in the server log',
    note: 'The client gets no message, only the trace id it sent, to quote in a bug report.',
    exchanges: [
      {
        path: '/crash',
        headers: { traceparent: TRACEPARENT },
        expect: 500,
        secrets: ['hunter2', 'ECONNREFUSED', '10.0.0.5'],
      },
    ],
  },
];

/** The response headers worth showing, in this order, when present. */
const SHOWN_HEADERS = ['content-type', 'www-authenticate', 'allow', 'retry-after', 'cache-control'];

const INDENT = '   ';
const WIDTH = 100;

/**
 * Splits a long HTML line between tags, so that it fits the terminal without changing a byte.
 * @param {string} html
 * @param {number} width
 */
function wrapHtml(html, width) {
  /** @type {string[]} */
  const lines = [];
  let line = '';
  for (const piece of html.split(/(?<=>)/)) {
    if (line !== '' && line.length + piece.length > width) {
      lines.push(line);
      line = '';
    }
    line += piece;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * The body as printed: JSON pretty-printed, HTML as sent but for the page's style sheet, which
 * is summed up by its size (and long pages cut short).
 * @param {string} contentType
 * @param {string} body
 * @returns {string[]}
 */
function bodyLines(contentType, body) {
  if (body === '') return [];
  if (/[/+]json\b/.test(contentType)) {
    try {
      return JSON.stringify(JSON.parse(body), null, 2).split('\n');
    } catch {
      // Not JSON after all: print it as it came.
    }
  }
  const page = body.replace(
    /<style>([^<]*)<\/style>/,
    (_all, css) => `<style>/* ${css.length} bytes of CSS */</style>`,
  );
  const limit = 2000;
  const text =
    page.length > limit ? `${page.slice(0, limit)}… (${page.length - limit} more)` : page;
  return text.split('\n').flatMap((line) => wrapHtml(line, WIDTH - INDENT.length));
}

/**
 * Sends one exchange and prints it.
 * @param {string} origin - e.g. `http://127.0.0.1:3000`
 * @param {Exchange} exchange
 * @param {(line: string) => void} print
 * @returns {Promise<string | undefined>} what went wrong, if anything
 */
async function run(origin, exchange, print) {
  const method = exchange.method ?? 'GET';
  /** @type {Record<string, string>} */
  const headers = {};
  if (exchange.token !== undefined) headers.authorization = `Bearer ${exchange.token}`;
  Object.assign(headers, exchange.headers);

  print(`> ${method} ${exchange.path} HTTP/1.1`);
  for (const [name, value] of Object.entries(headers)) print(`> ${name}: ${value}`);

  const request = `${method} ${exchange.path}`;
  /** @type {Response} */
  let res;
  /** @type {string} */
  let body;
  try {
    res = await fetch(new URL(exchange.path, origin), { method, headers });
    body = await res.text();
  } catch (err) {
    print('');
    print(`< (no response: ${err instanceof Error ? err.message : String(err)})`);
    return `${request}: no response`;
  }
  const contentType = res.headers.get('content-type') ?? '';

  print('');
  print(`< HTTP/1.1 ${res.status} ${res.statusText}`);
  for (const name of SHOWN_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) print(`< ${name}: ${value}`);
  }
  for (const line of bodyLines(contentType, body)) print(line);

  if (res.status !== exchange.expect) {
    return `${request}: expected ${exchange.expect}, got ${res.status} ${res.statusText}`;
  }
  /** @type {string[]} */
  const received = [body];
  res.headers.forEach((value) => {
    received.push(value);
  });
  for (const secret of exchange.secrets ?? []) {
    if (received.some((text) => text.includes(secret))) {
      return `${request}: the response leaks ${JSON.stringify(secret)}`;
    }
  }
  return undefined;
}

/**
 * Runs every scenario against the server at `origin`, printing each exchange, and the server's
 * log lines right after the exchange that caused them.
 * @param {object} options
 * @param {string} options.origin
 * @param {(line: string) => void} options.print
 * @param {() => string[]} options.serverLog - takes the log lines written since the last call
 * @returns {Promise<{ exchanges: number; failures: string[] }>}
 */
export async function runScenarios({ origin, print, serverLog }) {
  /** @type {string[]} */
  const failures = [];
  let exchanges = 0;
  for (const [i, scenario] of SCENARIOS.entries()) {
    print('');
    print(`${i + 1}. ${scenario.title}`);
    if (scenario.note !== undefined) print(`${INDENT}${scenario.note}`);
    for (const exchange of scenario.exchanges) {
      print('');
      const failure = await run(origin, exchange, (line) => print(`${INDENT}${line}`.trimEnd()));
      const log = serverLog();
      if (log.length > 0) print('');
      for (const line of log) print(`${INDENT}server log: ${line}`);
      exchanges += 1;
      if (failure !== undefined) failures.push(failure);
    }
  }
  return { exchanges, failures };
}
