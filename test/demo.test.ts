// The demo (`npm run demo`) runs against the built package: `npm test` builds before vitest.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const demo = fileURLToPath(new URL('../examples/demo/demo.mjs', import.meta.url));

/** The demo imports `http-error-kit` by name, which resolves to dist/: it must be built. */
function assertBuilt(): void {
  const missing = ['dist/index.js', 'dist/adapters/node.js'].filter(
    (file) => !existsSync(new URL(`../${file}`, import.meta.url)),
  );
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} missing: the demo runs against the built package. ` +
        'Run `npm run build` first (`npm test` does).',
    );
  }
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [demo], { cwd: root, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({
        code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
        stdout,
        stderr,
      });
    });
  });
}

const INDENT = '   ';
const SERVER_LOG = `${INDENT}server log: `;

/**
 * The printed lines of every exchange sent as `request` (e.g. `DELETE /user-data/123`): each
 * from its request line up to the next exchange, scenario heading or summary.
 */
function exchanges(stdout: string, request: string): string[][] {
  const lines = stdout.split('\n');
  const blocks: string[][] = [];
  lines.forEach((line, start) => {
    if (line !== `${INDENT}> ${request} HTTP/1.1`) return;
    let end = start + 1;
    while (end < lines.length && !/^( {3}> [A-Z]+ |\d+\. |All )/.test(lines[end]!)) end += 1;
    blocks.push(trimEnd(lines.slice(start, end)));
  });
  return blocks;
}

/** The one exchange sent as `request` with that bearer token (none: without a token). */
function exchange(stdout: string, request: string, token?: string): string[] {
  const authorization = token === undefined ? [] : [`${INDENT}> authorization: Bearer ${token}`];
  const found = exchanges(stdout, request).filter(
    (block) =>
      JSON.stringify(block.filter((line) => line.startsWith(`${INDENT}> authorization:`))) ===
      JSON.stringify(authorization),
  );
  if (found.length !== 1) {
    throw new Error(`${found.length} exchanges "${request}" with ${token ?? 'no token'}`);
  }
  return found[0]!;
}

function trimEnd(lines: string[]): string[] {
  const copy = [...lines];
  while (copy.at(-1) === '') copy.pop();
  return copy;
}

/** What the client saw of an exchange: its lines without the server's log. */
const clientPart = (block: string[]) =>
  trimEnd(block.filter((line) => !line.startsWith(SERVER_LOG)));

describe('npm run demo', () => {
  let result: Run;

  beforeAll(async () => {
    assertBuilt();
    result = await runDemo();
  }, 30_000);

  it('exits 0 with nothing on stderr', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      'All 12 exchanges in 9 scenarios got the expected status.',
      'Run it with --serve to keep the server running and try it with curl.',
    ]);
  });

  it('shows user 456 get 403 for deleting the data of user 123', () => {
    expect(exchange(result.stdout, 'DELETE /user-data/123', 'user-token')).toEqual([
      '   > DELETE /user-data/123 HTTP/1.1',
      '   > authorization: Bearer user-token',
      '',
      '   < HTTP/1.1 403 Forbidden',
      '   < content-type: application/problem+json',
      '   < cache-control: no-store',
      '   {',
      '     "type": "about:blank",',
      '     "title": "Forbidden",',
      '     "status": 403,',
      '     "detail": "You do not have permission to delete user data."',
      '   }',
    ]);
  });

  it('shows the same request without a token get 401 with a bare challenge', () => {
    const block = exchange(result.stdout, 'DELETE /user-data/123');
    expect(block).toContain('   < HTTP/1.1 401 Unauthorized');
    expect(block).toContain('   < www-authenticate: Bearer realm="demo"');
    expect(block).toContain('     "detail": "Sign in to continue."');
  });

  it('shows a bad token get 401 with error="invalid_token"', () => {
    const block = exchange(result.stdout, 'DELETE /user-data/123', 'expired-token');
    expect(block).toContain('   < HTTP/1.1 401 Unauthorized');
    expect(block).toContain('   < www-authenticate: Bearer realm="demo", error="invalid_token"');
    expect(block).toContain('     "detail": "The access token is invalid or has expired."');
  });

  it('shows the user delete their own data', () => {
    expect(exchange(result.stdout, 'DELETE /user-data/456', 'user-token')).toContain(
      '   < HTTP/1.1 204 No Content',
    );
  });

  it('shows the admin dashboard refuse a user and open for an admin', () => {
    const user = exchange(result.stdout, 'GET /admin-dashboard', 'user-token');
    expect(user).toContain('   < HTTP/1.1 403 Forbidden');
    expect(user).toContain('     "detail": "The admin dashboard is for administrators."');
    expect(exchange(result.stdout, 'GET /admin-dashboard', 'admin-token')).toContain(
      '   < HTTP/1.1 200 OK',
    );
  });

  it('shows the 403 on /protected as problem+json and as HTML', () => {
    const [api, browser, ...more] = exchanges(result.stdout, 'GET /protected');
    expect(more).toEqual([]);
    expect(api).toContain('   > accept: application/json');
    expect(api).toContain('   < content-type: application/problem+json');
    expect(api).toContain('     "detail": "You do not have access to this page."');
    expect(browser).toContain('   < content-type: text/html; charset=utf-8');
    // The page is printed wrapped between tags, each line indented: undo both to read it.
    const page = browser?.map((line) => line.replace(/^ {3}/, '')).join('');
    expect(page).toContain('<p>You do not have access to this page.</p>');
    expect(page).toMatch(/<style>\/\* \d+ bytes of CSS \*\/<\/style>/);
  });

  it('shows a 405 with Allow', () => {
    const block = exchange(result.stdout, 'POST /admin-dashboard', 'admin-token');
    expect(block).toContain('   < HTTP/1.1 405 Method Not Allowed');
    expect(block).toContain('   < allow: GET, HEAD');
  });

  it('shows a 429 with Retry-After after a first search', () => {
    expect(exchange(result.stdout, 'GET /search?q=401', 'user-token')).toContain(
      '   < HTTP/1.1 200 OK',
    );
    const block = exchange(result.stdout, 'GET /search?q=403', 'user-token');
    expect(block).toContain('   < HTTP/1.1 429 Too Many Requests');
    expect(block).toContain('   < retry-after: 30');
  });

  it('shows a redacted 500 that keeps the trace id, and the server log that keeps the rest', () => {
    const block = exchange(result.stdout, 'GET /crash');
    const client = clientPart(block);
    expect(client).toEqual([
      '   > GET /crash HTTP/1.1',
      '   > traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      '',
      '   < HTTP/1.1 500 Internal Server Error',
      '   < content-type: application/problem+json',
      '   < cache-control: no-store',
      '   {',
      '     "type": "about:blank",',
      '     "title": "Internal Server Error",',
      '     "status": 500,',
      '     "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"',
      '   }',
    ]);
    expect(client.join('\n')).not.toMatch(/hunter2|ECONNREFUSED|10\.0\.0\.5/);
    expect(block.filter((line) => line.startsWith(SERVER_LOG))).toEqual([
      `${SERVER_LOG}500 GET /crash trace=4bf92f3577b34da6a3ce929d0e0e4736`,
      `${SERVER_LOG}Error: connect ECONNREFUSED 10.0.0.5:5432 password=hunter2`,
    ]);
  });
});

describe('npm run demo -- --serve', () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill();
  });

  it('keeps serving after the script, prints its URL and answers real requests', async () => {
    assertBuilt();
    const proc = spawn(process.execPath, [demo, '--serve'], { cwd: root });
    child = proc;
    let stdout = '';
    let stderr = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.on('exit', (code, signal) => resolve({ code, signal })),
    );

    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no URL printed:\n${stdout}${stderr}`)),
        20_000,
      );
      const look = () => {
        // Wait for the whole block, up to its last curl line.
        const match =
          /^Serving on (http:\/\/127\.0\.0\.1:\d+) until Ctrl-C\. Try:\n(.*\n)*.*\/crash .*\n/m.exec(
            stdout,
          );
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      proc.stdout.on('data', look);
      void exited.then(() => reject(new Error(`the demo exited:\n${stdout}${stderr}`)));
    });

    expect(stdout).toContain(
      `  curl -i ${origin}/admin-dashboard -H 'Authorization: Bearer admin-token'`,
    );
    const res = await fetch(`${origin}/admin-dashboard`, {
      headers: { authorization: 'Bearer admin-token' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ users: 2, openIncidents: 0 });

    proc.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stdout.trimEnd().endsWith('Stopped.')).toBe(true);
    expect(stderr).toBe('');
  }, 30_000);
});
