import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMatrixServer, listen, SEED, type ServerKind } from './servers.js';

// One table of cases, run against every server kind with real requests on 127.0.0.1.

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const JSON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-type': 'application/problem+json',
};

/** The response fields the library decides: everything but what node:http adds by itself. */
async function reply(url: string, init?: RequestInit): Promise<Reply> {
  const res = await fetch(url, init);
  const headers: Record<string, string> = {};
  for (const [name, value] of res.headers) {
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name))
      headers[name] = value;
  }
  return { status: res.status, headers, body: await res.text() };
}

interface Case {
  name: string;
  path: string;
  init?: RequestInit;
  status: number;
  headers: Record<string, string>;
  body: string | ((body: string) => void);
}

const forbiddenBody = `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}"}`;

const CASES: Case[] = [
  {
    name: 'thrown ForbiddenError, JSON Accept',
    path: '/forbidden',
    init: { headers: { accept: 'application/json' } },
    status: 403,
    headers: JSON_HEADERS,
    body: forbiddenBody,
  },
  {
    name: 'rejected ForbiddenError from an async route',
    path: '/async/forbidden',
    status: 403,
    headers: JSON_HEADERS,
    body: forbiddenBody,
  },
  {
    name: 'thrown ForbiddenError, browser Accept → HTML',
    path: '/forbidden',
    init: { headers: { accept: HTML } },
    status: 403,
    headers: { ...JSON_HEADERS, 'content-type': 'text/html; charset=utf-8' },
    body: (body) => {
      expect(body.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(body).toContain('<title>403 Forbidden</title>');
      expect(body).toContain(`<p>${SEED}</p>`);
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
    headers: { ...JSON_HEADERS, 'content-type': 'text/html; charset=utf-8' },
    body: (body) => {
      expect(body).toContain('<title>500 Internal Server Error</title>');
      expect(body).not.toContain('password');
      expect(body).not.toContain('db ');
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

const KINDS: ServerKind[] = ['node:http', 'Express 4', 'Express 5', 'Fetch'];

describe.each(KINDS)('%s', (kind) => {
  const server = createMatrixServer(kind);
  let url = '';
  beforeAll(async () => {
    url = await listen(server);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(CASES)('$name', async ({ path, init, status, headers, body }) => {
    const r = await reply(`${url}${path}`, init);
    expect(r.status).toBe(status);
    if (typeof body === 'string') {
      expect(r.body).toBe(body);
      const { 'content-length': length, ...rest } = r.headers;
      expect(rest).toEqual(headers);
      // Content-Length is byte-exact where the adapter writes it (the Fetch bridge streams).
      if (kind !== 'Fetch' && init?.method !== 'HEAD') {
        expect(length).toBe(String(Buffer.byteLength(body)));
      }
    } else {
      const { 'content-length': _length, ...rest } = r.headers;
      expect(rest).toEqual(headers);
      body(r.body);
    }
  });

  it('an error after the headers were sent breaks the response instead of faking a second one', async () => {
    // Either the head never arrives or the body breaks off: never a complete response.
    const outcome = await fetch(`${url}/after-headers`)
      .then((res) => res.text())
      .then(
        () => 'complete',
        () => 'broken',
      );
    expect(outcome).toBe('broken');
    // and the server still serves the next request
    expect((await reply(`${url}/ok`)).body).toBe('ok');
  });

  it('an unread 1 MB request body does not hang the keep-alive connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await rawRequest(`${url}/forbidden`, agent, 'x'.repeat(1_000_000));
      expect(first.status).toBe(403);
      expect(JSON.parse(first.body).detail).toBe(SEED);
      const second = await rawRequest(`${url}/ok`, agent);
      expect(second).toEqual({ status: 200, body: 'ok' });
    } finally {
      agent.destroy();
    }
  });
});

/** A request through a given agent (to control connection reuse); a body makes it a POST. */
function rawRequest(
  url: string,
  agent: http.Agent,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      agent,
      method: body === undefined ? 'GET' : 'POST',
      headers:
        body === undefined
          ? {}
          : { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.end(body);
  });
}
