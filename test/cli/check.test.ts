import { execFile } from 'node:child_process';
import type http from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckReport } from '../../src/check/index.js';
import { type CliIo, runCheck } from '../../src/cli/check.js';
import { main } from '../../src/cli/run.js';
import { carelessServer, libraryServer, TOKEN } from '../check/servers.js';
import { closeServers, listen } from '../helpers/http.js';

afterAll(closeServers);

// The bin as users run it: built (npm test builds first), in a process of its own, so its
// stdout and stderr are pipes, not a terminal.
const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const exec = promisify(execFile);

async function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const ESC = '\u001b';

describe('http-error-kit check (the built bin)', () => {
  it('prints the report, without colours or progress on pipes, and exits 1 on a failure', async () => {
    const url = `${await listen(carelessServer())}/user-data/123`;
    const { code, stdout, stderr } = await runBin(['check', url, '--token', TOKEN]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).not.toContain(ESC);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe(`http-error-kit check ${url}`);
    expect(lines[1]).toMatch(
      /^compared with http:\/\/127\.0\.0\.1:\d+\/user-data\/check-[\da-f]{12}$/,
    );
    expect(lines.filter((l) => /^ {2}(FAIL|WARN)/.test(l))).toEqual([
      '  FAIL  A 405 carries Allow                                      RFC 9110 §15.5.6',
      '  FAIL  Bodies match their Content-Type                          RFC 9110 §8.3',
      '  FAIL  No stack traces                                          RFC 9457 §5',
      '  FAIL  A forbidden resource answers like a missing one          RFC 9110 §15.5.4',
    ]);
    expect(lines).toContain(
      '        PROPFIND /user-data/123 (with credentials): 405 Method Not Allowed; no Allow field',
    );
    expect(lines.at(-2)).toBe('10 requests · 15 passed · 0 warnings · 4 failed · 1 skipped');
  });

  it('prints the report as JSON with --json, in the documented shape', async () => {
    const url = `${await listen(carelessServer())}/user-data/123`;
    const { code, stdout, stderr } = await runBin(['check', '--json', `--token=${TOKEN}`, url]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as CheckReport;
    expect(Object.keys(report)).toEqual([
      'version',
      'target',
      'sibling',
      'ok',
      'counts',
      'checks',
      'exchanges',
    ]);
    expect(report.version).toBe(1);
    expect(report.target).toBe(url);
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => c.verdict === 'fail').map((c) => c.id)).toEqual([
      'allow',
      'content-type',
      'stack-trace',
      'existence',
    ]);
    const allow = report.checks.find((c) => c.id === 'allow');
    expect(allow).toEqual({
      id: 'allow',
      group: 'methods',
      title: 'A 405 carries Allow',
      spec: 'RFC 9110 §15.5.6',
      url: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.6',
      verdict: 'fail',
      message: 'The 405 for PROPFIND does not say which methods are allowed.',
      evidence: [{ exchange: 4, note: '405 Method Not Allowed; no Allow field' }],
      advice:
        "List the supported methods in Allow: new MethodNotAllowedError({ allow: ['GET', 'HEAD'] }).",
    });
    expect(report.exchanges[4]).toMatchObject({
      label: 'with credentials',
      method: 'PROPFIND',
      url,
      status: 405,
      statusText: 'Method Not Allowed',
      body: '{"error":"not allowed"}',
      bodyBytes: 23,
    });
    // The token given is never part of the report.
    expect(stdout).not.toContain(TOKEN);
  });

  it('exits 0 when nothing failed', async () => {
    const url = `${await listen(libraryServer())}/orders/42`;
    const { code, stdout } = await runBin(['check', url, '--token', TOKEN]);
    expect(code).toBe(0);
    expect(stdout).toContain('0 failed');
  });

  it('refuses bad usage with exit code 2', async () => {
    const { code, stdout, stderr } = await runBin(['check', 'ftp://a.example/']);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(
      'http-error-kit check: url must be an http: or https: URL, got ftp:\nRun http-error-kit check --help for usage.\n',
    );
  });

  it('prints its help', async () => {
    const { code, stdout } = await runBin(['check', '--help']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      "Usage: http-error-kit check <url> [--token TOKEN] [--header 'Name: value']... [--json]",
    );
  });
});

/** A terminal-like or pipe-like stream that keeps what is written. */
function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

describe('runCheck', () => {
  it.each([
    [[], 'which URL? Give one, e.g. http://127.0.0.1:3000/orders/42'],
    [['http://a.example/', 'http://b.example/'], 'give one URL'],
    [['not a url'], 'url must be an absolute http: or https: URL'],
    [['http://a.example/', '--verbose'], 'unknown option --verbose'],
    [['http://a.example/', '--token'], '--token needs a value'],
    [['http://a.example/', '--header', 'X-Nope'], '--header needs "Name: value", got "X-Nope"'],
    [['http://a.example/', '-H'], '--header needs "Name: value", got ""'],
    [
      ['http://a.example/', '--header', 'Bad Name: x'],
      'options.headers: "Bad Name" is not a field name',
    ],
    [
      ['http://a.example/', '--token=two words'],
      'options.token must be a Bearer token (RFC 6750 b64token characters)',
    ],
  ])('refuses %j with exit code 2', async (args, message) => {
    const stdout = stream(false);
    const stderr = stream(false);
    expect(await runCheck(args, { stdout, stderr, env: {} })).toBe(2);
    expect(stdout.chunks).toEqual([]);
    expect(stderr.text()).toBe(
      `http-error-kit check: ${message}\nRun http-error-kit check --help for usage.\n`,
    );
  });

  it('sends --header fields with every request, and no credentials on the anonymous ones', async () => {
    const seen: [string | undefined, string | undefined, string | undefined][] = [];
    const url = await listen((req: http.IncomingMessage, res: http.ServerResponse) => {
      seen.push([
        req.headers['x-tenant'] as string | undefined,
        req.headers.authorization,
        req.headers.cookie,
      ]);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
    });
    const io = { stdout: stream(false), stderr: stream(false), env: {} };
    await runCheck(
      [
        `${url}/x`,
        '-H',
        'X-Tenant: acme',
        '--header=Cookie: s=1',
        '--header',
        'Authorization: Basic YTpi',
      ],
      io,
    );
    expect(seen).toHaveLength(10);
    expect(seen.every(([tenant]) => tenant === 'acme')).toBe(true);
    // 0: no credentials, 1: an invalid Bearer token, 9: the sibling without credentials.
    expect(seen[0]).toEqual(['acme', undefined, undefined]);
    expect(seen[1]?.slice(1)).toEqual([expect.stringMatching(/^Bearer [\da-f]{32}$/), undefined]);
    expect(seen[2]).toEqual(['acme', 'Basic YTpi', 's=1']);
    expect(seen[9]).toEqual(['acme', undefined, undefined]);
  });
});

describe('runCheck on a terminal', () => {
  it('shows a progress line on stderr and colours on stdout', async () => {
    const url = `${await listen(libraryServer())}/orders/42`;
    const stdout = stream(true);
    const stderr = stream(true);
    const io: CliIo = { stdout, stderr, env: {} };
    expect(await runCheck([url, '--token', TOKEN], io)).toBe(0);
    // One line per request, each rewriting the last, then cleared.
    expect(stderr.chunks).toHaveLength(11);
    expect(stderr.chunks[0]).toBe(`\r${ESC}[2Kchecking 1/10: GET (no credentials) → 401`);
    expect(stderr.chunks[4]).toBe(`\r${ESC}[2Kchecking 5/10: PROPFIND (with credentials) → 405`);
    expect(stderr.chunks.at(-1)).toBe(`\r${ESC}[2K`);
    expect(stdout.text()).toContain(
      `  ${ESC}[32mPASS${ESC}[0m  Every 401 carries WWW-Authenticate`,
    );
    expect(stdout.text()).toContain(`${ESC}[1mAuthentication${ESC}[0m`);
  });

  it('leaves colours out with NO_COLOR and progress out when stderr is not a terminal', async () => {
    const url = `${await listen(libraryServer())}/orders/42`;
    const stdout = stream(true);
    const stderr = stream(false);
    await runCheck([url], { stdout, stderr, env: { NO_COLOR: '1' } });
    expect(stderr.chunks).toEqual([]);
    expect(stdout.text()).not.toContain(ESC);
  });

  it('escapes controls from the server in --json output', async () => {
    const url = await listen((_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('gone\u009b31m\u202e');
    });
    const stdout = stream(false);
    // The body is not the JSON its Content-Type says: a failure, so the exit code is 1.
    expect(await runCheck([`${url}/x`, '--json'], { stdout, stderr: stream(false), env: {} })).toBe(
      1,
    );
    expect(stdout.text()).not.toMatch(/[\u009b\u202e]/);
    expect(stdout.text()).toContain('"body": "gone\\u009b31m\\u202e"');
    const report = JSON.parse(stdout.text()) as CheckReport;
    expect(report.exchanges[0]?.body).toBe('gone\u009b31m\u202e');
  });

  it('is what main runs for `check`', async () => {
    const stdout = stream(false);
    const stderr = stream(false);
    expect(await main(['check', '--help'], { stdout, stderr, env: {} })).toBe(0);
    expect(stdout.text()).toContain('Usage: http-error-kit check <url>');
    expect(await main(['403'], { stdout, stderr, env: {} })).toBe(0);
    expect(stdout.text()).toContain('403 Forbidden');
  });
});
