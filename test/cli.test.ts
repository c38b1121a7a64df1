import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { STATUS, statusInfo } from '../src/index.js';

const FORBIDDEN = `403 Forbidden
  Class:     ForbiddenError (client error)
  Spec:      RFC 9110, Section 15.5.4
             https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.4
  Cacheable: no, not without explicit freshness
  Content:   may carry content
  Retry:     do not retry; the server knows who you are and refuses
  Headers:   none required
  Note:      The caller is known but not allowed. If credentials are missing or invalid, send 401.

Sample response body (application/problem+json):
{
  "type": "about:blank",
  "title": "Forbidden",
  "status": 403
}
`;

describe('runCli', () => {
  it('describes 403', () => {
    expect(runCli(['403'])).toEqual({ code: 0, stdout: FORBIDDEN, stderr: '' });
  });

  it.each([['forbidden'], ['Forbidden'], ['FORBIDDEN'], ['ForbiddenError'], ['forbidden-error']])(
    'finds 403 by %s',
    (query) => {
      expect(runCli([query]).stdout).toBe(FORBIDDEN);
    },
  );

  it('takes a phrase in several words', () => {
    expect(runCli(['not', 'found']).stdout.split('\n')[0]).toBe('404 Not Found');
    expect(runCli(['HTTP_VERSION_NOT_SUPPORTED']).stdout.split('\n')[0]).toBe(
      '505 HTTP Version Not Supported',
    );
  });

  it('describes 401 with its challenge and retry advice', () => {
    const lines = runCli(['401']).stdout.split('\n');
    expect(lines).toContain('  Retry:     authenticate, then retry');
    expect(lines).toContain('  Headers:   WWW-Authenticate');
    expect(lines).toContain('  Class:     UnauthorizedError (client error)');
  });

  it.each([
    [429, 'retry later, after the delay in Retry-After'],
    [
      500,
      'retry idempotent requests (GET, HEAD, PUT, DELETE) after a pause; do not repeat a POST blindly',
    ],
    [404, 'do not retry; the same request will fail the same way'],
    [407, 'authenticate with the proxy, then retry'],
    [511, 'log in to the network (e.g. a captive portal), then retry'],
    [200, 'nothing to retry'],
  ])('words the retry advice for %i', (code, words) => {
    expect(runCli([String(code)]).stdout).toContain(`  Retry:     ${words}\n`);
  });

  it('describes a status that is not an error without a sample body', () => {
    expect(runCli(['204']).stdout).toBe(`204 No Content
  Class:     none (success)
  Spec:      RFC 9110, Section 15.3.5
             https://www.rfc-editor.org/rfc/rfc9110.html#section-15.3.5
  Cacheable: yes, heuristically (RFC 9110 §15.1)
  Content:   never carries content
  Retry:     nothing to retry
  Headers:   none required
`);
  });

  it('flags the obsolete 510 and names HttpError for 418', () => {
    expect(runCli(['510']).stdout).toContain(
      '  Obsolete:  yes, the registry marks this code as obsoleted\n',
    );
    expect(runCli(['418']).stdout).toContain(
      '  Class:     HttpError (new HttpError(418)) (client error)\n',
    );
  });

  it('prints StatusInfo as JSON with --json', () => {
    const result = runCli(['401', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(statusInfo(401));
  });

  it('lists the whole table, or one class', () => {
    const all = runCli(['list']).stdout.trim().split('\n');
    expect(all).toHaveLength(1 + 63);
    expect(all[0]).toBe(`code phrase${' '.repeat(26)}retry        class`);
    const errors = runCli(['list', '4xx']).stdout.trim().split('\n');
    expect(errors).toHaveLength(1 + 29);
    expect(errors).toContain(`403  Forbidden${' '.repeat(23)}no           ForbiddenError`);
    expect(runCli(['list', '5']).stdout.trim().split('\n')).toHaveLength(1 + 11);
    const json = JSON.parse(runCli(['list', '2xx', '--json']).stdout);
    expect(json.map((i: { code: number }) => i.code)).toEqual([
      200, 201, 202, 203, 204, 205, 206, 207, 208, 226,
    ]);
  });

  it.each([
    [
      ['forbiden'],
      'http-error-kit: no status code is called "forbiden".\nDid you mean: 403 Forbidden?\n',
    ],
    [
      ['499'],
      'http-error-kit: 499 is not a registered HTTP status code.\nDid you mean: 451 Unavailable For Legal Reasons, 431 Request Header Fields Too Large, 429 Too Many Requests?\n',
    ],
    [['xyzzy'], 'http-error-kit: no status code is called "xyzzy".\n'],
    [['!!!'], 'http-error-kit: no status code is called "!!!".\n'],
    [
      ['1000'],
      'http-error-kit: 1000 is not a registered HTTP status code.\nDid you mean: 511 Network Authentication Required, 510 Not Extended, 508 Loop Detected?\n',
    ],
  ])('exits 1 for unknown %j with the nearest matches', (args, stderr) => {
    expect(runCli(args)).toEqual({ code: 1, stdout: '', stderr });
  });

  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['list', '6xx'], '"6xx" is not a class of codes; use 1xx, 2xx, 3xx, 4xx or 5xx'],
    [['list', '4xx', '5xx'], 'list takes at most one class of codes, e.g. list 4xx'],
  ])('exits 2 for bad usage %j', (args, message) => {
    expect(runCli(args)).toEqual({
      code: 2,
      stdout: '',
      stderr: `http-error-kit: ${message}\nRun http-error-kit --help for usage.\n`,
    });
  });

  it('prints help with --help, and with the error when nothing is asked', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.split('\n')[0]).toBe('Usage: http-error-kit <code | phrase> [--json]');
    expect(runCli(['-h']).stdout).toBe(help.stdout);
    expect(runCli([])).toEqual({
      code: 2,
      stdout: help.stdout,
      stderr:
        'http-error-kit: which status? Give a code or a phrase\nRun http-error-kit --help for usage.\n',
    });
  });

  it('knows every named constant by name', () => {
    for (const [name, code] of Object.entries(STATUS)) {
      expect(runCli([name]).stdout.split(' ')[0]).toBe(String(code));
    }
  });
});

describe('the built bin', () => {
  const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const run = promisify(execFile);

  it('exists (npm test builds before it runs the tests)', () => {
    expect(existsSync(bin), 'run `npm run build` first').toBe(true);
  });

  it('prints 403 and exits 0', async () => {
    const { stdout, stderr } = await run(process.execPath, [bin, '403']);
    expect(stdout).toBe(FORBIDDEN);
    expect(stderr).toBe('');
  });

  it('exits 1 for an unknown phrase, with the message on stderr', async () => {
    const failed = await run(process.execPath, [bin, 'forbiden']).catch((e: unknown) => e);
    expect(failed).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'http-error-kit: no status code is called "forbiden".\nDid you mean: 403 Forbidden?\n',
    });
  });

  it('prints JSON for --json', async () => {
    const { stdout } = await run(process.execPath, [bin, 'too many requests', '--json']);
    expect(JSON.parse(stdout)).toEqual(statusInfo(429));
  });
});

// Cases found by mutation testing (`npm run mutation`): each one fails under a mutant that
// the tests above let survive.
describe('runCli: edges found by mutation testing', () => {
  it('gives 400, the first error code, retry advice', () => {
    expect(runCli(['400']).stdout).toContain(
      '  Retry:     do not retry; the same request will fail the same way\n',
    );
    expect(runCli(['399']).code).toBe(1);
  });

  it.each([
    [['x401'], 'http-error-kit: no status code is called "x401".\n'],
    [['401x'], 'http-error-kit: no status code is called "401x".\n'],
    [['xyz', 'abc'], 'http-error-kit: no status code is called "xyz abc".\n'],
    // Within the distance allowed for a short phrase (2), and just beyond it.
    [['gozze'], 'http-error-kit: no status code is called "gozze".\nDid you mean: 410 Gone?\n'],
    [['gonexyz'], 'http-error-kit: no status code is called "gonexyz".\n'],
    // A long phrase allows a third of its length; the nearest comes first.
    [
      ['netwrk', 'authentcation', 'requird'],
      'http-error-kit: no status code is called "netwrk authentcation requird".\nDid you mean: 511 Network Authentication Required, 407 Proxy Authentication Required?\n',
    ],
    // Equally near numbers are listed in ascending order.
    [
      ['430'],
      'http-error-kit: 430 is not a registered HTTP status code.\nDid you mean: 429 Too Many Requests, 431 Request Header Fields Too Large, 428 Precondition Required?\n',
    ],
  ])('answers %j precisely', (args, stderr) => {
    expect(runCli(args)).toEqual({ code: 1, stdout: '', stderr });
  });

  it.each([['x4xx'], ['4xxx'], ['4x']])('refuses the class %j', (filter) => {
    expect(runCli(['list', filter]).code).toBe(2);
  });

  it('prints help for -h as for --help', () => {
    expect(runCli(['-h'])).toEqual(runCli(['--help']));
    expect(runCli(['-h']).code).toBe(0);
  });
});
