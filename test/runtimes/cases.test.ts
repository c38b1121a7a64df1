import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMatrixServer,
  listen,
  SEED as MATRIX_SEED,
  type ServerKind,
} from '../integration/servers.js';
import { CASES, check, compare, SEED } from './cases.mjs';

// The cases that scripts/test-runtimes.mjs runs against Bun, Deno, workerd and Node 22 are those
// of the integration matrix: here they pass against the matrix's own servers (from the source),
// and the checker finds what differs.

describe.each<ServerKind>(['node:http', 'Fetch'])('test/runtimes/cases.mjs against %s', (kind) => {
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    server = createMatrixServer(kind);
    origin = await listen(server);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each(CASES)('$name', async (kase) => {
    expect(await check(origin, kase)).toEqual([]);
  });
});

describe('the checker', () => {
  const kase = CASES.find((c) => c.path === '/limited' && c.init?.method !== 'HEAD');
  const html = CASES.find((c) => c.path === '/crash');

  it('uses the seed of the matrix', () => {
    expect(SEED).toBe(MATRIX_SEED);
    expect(CASES).toHaveLength(13);
  });

  it('names every difference: status, a header, the body, a wrong Content-Length', () => {
    if (!kase || typeof kase.body !== 'string') throw new Error('no /limited case');
    const ok = { status: 429, headers: { ...kase.headers }, body: kase.body, length: null };
    expect(compare(kase, ok)).toEqual([]);
    const bad = {
      status: 500,
      headers: { ...kase.headers, 'retry-after': '31', 'x-extra': '1' },
      body: '{}',
      length: '3',
    };
    expect(compare(kase, bad)).toEqual([
      'status 500, expected 429',
      'header retry-after: "31", expected "30"',
      'header x-extra: "1", expected undefined',
      `body "{}", expected ${JSON.stringify(kase.body)}`,
      'content-length 3, body has 2 bytes',
    ]);
  });

  it('checks HTML by what it starts with, includes and excludes', () => {
    if (!html) throw new Error('no /crash case');
    const got = { status: 500, headers: html.headers, body: 'db password=x', length: null };
    expect(compare(html, got)).toEqual([
      'body does not start with "<!DOCTYPE html>": "db password=x"',
      'body lacks "<title>500 Internal Server Error</title>": "db password=x"',
      'body contains "password": "db password=x"',
      'body contains "db ": "db password=x"',
    ]);
  });

  it('reports a request that fails instead of throwing', async () => {
    if (!kase) throw new Error('no case');
    const [problem] = await check('http://127.0.0.1:1', kase);
    expect(problem).toMatch(/^request failed: /);
  });
});
