import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, compare, fieldsOf, SEED } from '../runtimes/cases.mjs';

// A real Next.js App Router app (test/integration/next-app/) whose route handlers use `handle`
// of http-error-kit/next: built with `next build` (which type-checks the route modules against
// the package's declarations) and served by `next start` on 127.0.0.1, port 0. The package is
// installed in the app as published: package.json and the built dist/. Everything happens in a
// fresh directory under .next-test/ (git-ignored); Next writes nothing into the tracked tree.

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const next = join(root, 'node_modules/next/dist/bin/next');
// Turbopack resolves `next` only under its root (the directory of the lockfile). In a git
// worktree whose node_modules links to another checkout, the real packages lie outside it, so
// the root handed to the app's next.config.mjs is the nearest directory that holds both.
let turbopackRoot = root;
const modules = realpathSync(join(root, 'node_modules'));
while (relative(turbopackRoot, modules).startsWith('..')) turbopackRoot = dirname(turbopackRoot);
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  HTTP_ERROR_KIT_TURBOPACK_ROOT: turbopackRoot,
};

let dir = '';
let build = '';
let server: ChildProcess | undefined;
let origin = '';

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/adapters/next.js'))) {
    throw new Error('test/integration/next.test.ts serves dist/: run `npm run build` first');
  }
  mkdirSync(join(root, '.next-test'), { recursive: true });
  dir = mkdtempSync(join(root, '.next-test', 'app-'));
  cpSync(join(root, 'test/integration/next-app'), dir, { recursive: true });
  cpSync(join(root, 'test/runtimes/routes.mjs'), join(dir, 'routes.mjs'));
  const installed = join(dir, 'node_modules/http-error-kit');
  cpSync(join(root, 'dist'), join(installed, 'dist'), { recursive: true });
  cpSync(join(root, 'package.json'), join(installed, 'package.json'));
  ({ stdout: build } = await run(process.execPath, [next, 'build'], { cwd: dir, env }));
  const child = spawn(process.execPath, [next, 'start', '-p', '0', '-H', '127.0.0.1'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server = child;
  origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (found && out.includes('Ready')) resolve(found[0]);
    });
    child.on('exit', (code) => reject(new Error(`next start exited with ${code}: ${out}`)));
  });
}, 240_000);

afterAll(() => {
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Next adds its own Vary tokens (for its router) to every response of a route handler.
const NEXT_VARY = new Set([
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'accept-encoding',
]);

interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
  length: null;
}

/** Like `reply` of cases.mjs, with Next's Vary tokens left out. */
async function reply(path: string, init?: RequestInit): Promise<Reply> {
  const res = await fetch(`${origin}${path}`, { ...init, redirect: 'manual' });
  const headers: Record<string, string | string[]> = fieldsOf(res.headers);
  const vary = headers.vary;
  delete headers.vary;
  if (typeof vary === 'string') {
    const own = vary.split(',').filter((token) => !NEXT_VARY.has(token.trim().toLowerCase()));
    if (own.length > 0) headers.vary = own.join(',').trim();
  }
  // Next streams every body (chunked): there is no Content-Length to compare.
  return { status: res.status, headers, body: await res.text(), length: null };
}

const JSON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-type': 'application/problem+json',
  vary: 'Accept',
};

describe('Next.js 16: App Router route handlers with handle of http-error-kit/next', () => {
  it.each(CASES)('matrix: $name', async (kase) => {
    expect(compare(kase, await reply(kase.path, kase.init))).toEqual([]);
  });

  it('the seed scenario: 401 with Bearer, 403 with the instance, 204 for the owner', async () => {
    const anonymous = await reply('/user-data/123', { method: 'DELETE' });
    expect([anonymous.status, anonymous.headers, anonymous.body]).toEqual([
      401,
      { ...JSON_HEADERS, 'www-authenticate': 'Bearer' },
      '{"type":"about:blank","title":"Unauthorized","status":401,' +
        '"detail":"Sign in to delete user data.","instance":"/user-data/123"}',
    ]);
    const other = await reply('/user-data/123', {
      method: 'DELETE',
      headers: { authorization: 'Bearer user-9' },
    });
    expect([other.status, other.headers, other.body]).toEqual([
      403,
      JSON_HEADERS,
      `{"type":"about:blank","title":"Forbidden","status":403,"detail":"${SEED}","instance":"/user-data/123"}`,
    ]);
    const owner = await reply('/user-data/123', {
      method: 'DELETE',
      headers: { authorization: 'Bearer user-123' },
    });
    expect([owner.status, owner.body]).toEqual([204, '']);
  });

  it('redirect() inside handle still redirects: 307 to the location, no problem', async () => {
    const r = await reply('/next/redirect');
    expect([r.status, r.headers, r.body]).toEqual([307, { location: '/login' }, '']);
  });

  it('notFound() reaches Next, which answers it with its own 404', async () => {
    const missing = await reply('/next/not-found');
    expect([missing.status, missing.headers, missing.body]).toEqual([404, {}, '']);
  });

  it('a route that reads headers() is made dynamic at build time, not baked as a 500', async () => {
    expect(build).toMatch(/ƒ \/next\/cached\n/);
    const first = await reply('/next/cached', { headers: { 'x-agent': 'one' } });
    const second = await reply('/next/cached', { headers: { 'x-agent': 'two' } });
    expect([first.status, first.body, second.status, second.body]).toEqual([
      200,
      '{"agent":"one"}',
      200,
      '{"agent":"two"}',
    ]);
  });
});
