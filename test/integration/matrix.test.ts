import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../helpers/http.js';
import { CASES, type ExpectedBody } from '../runtimes/cases.mjs';
import { createMatrixServer, listen, SEED, type ServerKind } from './servers.js';

// One table of cases (test/runtimes/cases.mjs, which the other runtimes are checked with too),
// run against every server kind with real requests on 127.0.0.1.

interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

/**
 * The response fields the library decides: everything but what node:http adds by itself, and
 * Set-Cookie as the list of its lines. Stricter than `reply` of cases.mjs (made for servers
 * that compress): Content-Encoding counts as a header.
 */
async function reply(url: string, init?: RequestInit): Promise<Reply> {
  const res = await fetch(url, init);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of res.headers) {
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding', 'set-cookie'].includes(name))
      headers[name] = value;
  }
  const cookies = res.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return { status: res.status, headers, body: await res.text() };
}

/** A body that is not exact text (HTML): what it must start with, contain and lack. */
function expectBody(got: string, expected: Exclude<ExpectedBody, string>): void {
  if (expected.startsWith !== undefined) expect(got.startsWith(expected.startsWith)).toBe(true);
  for (const part of expected.includes ?? []) expect(got).toContain(part);
  for (const part of expected.excludes ?? []) expect(got).not.toContain(part);
}

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
      expectBody(r.body, body);
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
      const body = 'x'.repeat(1_000_000);
      const first = await request(`${url}/forbidden`, {
        agent,
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) },
        body,
      });
      expect(first.status).toBe(403);
      expect(JSON.parse(first.text).detail).toBe(SEED);
      const second = await request(`${url}/ok`, { agent });
      expect({ status: second.status, body: second.text }).toEqual({ status: 200, body: 'ok' });
    } finally {
      agent.destroy();
    }
  });
});
