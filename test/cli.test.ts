import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { runCli } from '../src/cli/run.js';
import * as kit from '../src/index.js';
import { HttpError, renderError, STATUS, statusInfo } from '../src/index.js';

const FORBIDDEN = `403 Forbidden
  Class:     ForbiddenError (client error)
  Spec:      RFC 9110, Section 15.5.4
             https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.4
  Cacheable: no, not without explicit freshness
  Content:   may carry content
  Retry:     do not retry; the server knows who you are and refuses
  Headers:   none required
  Note:      The caller is known but not allowed. If credentials are missing or invalid, send 401.

Throw it:
  throw new ForbiddenError('You do not have permission to delete user data.');

Response:
  HTTP/1.1 403 Forbidden
  Content-Type: application/problem+json

  {"type":"about:blank","title":"Forbidden","status":403,"detail":"You do not have permission to delete user data."}
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
      'http-error-kit: 1000 is not an HTTP status code: codes have three digits, from 100 to 599.\nDid you mean: 100 Continue?\n',
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
    expect(help).toEqual({ code: 0, stdout: expect.stringMatching(/^Usage: /), stderr: '' });
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

describe('runCli: names, suggestions, version and samples', () => {
  const headline = (args: string[]) => runCli(args).stdout.split('\n')[0];

  it.each([
    [['teapot'], "418 I'm a teapot"],
    [["I'm", 'a', 'teapot'], "418 I'm a teapot"],
    [['payload', 'too', 'large'], '413 Content Too Large'],
    [['Request Entity Too Large'], '413 Content Too Large'],
    [['unprocessable entity'], '422 Unprocessable Content'],
    [['Request-URI Too Long'], '414 URI Too Long'],
    [['requested range not satisfiable'], '416 Range Not Satisfiable'],
    [['moved temporarily'], '302 Found'],
    [['Gateway Time-out'], '504 Gateway Timeout'],
    [['Request Time-out'], '408 Request Timeout'],
    [['PAYLOAD_TOO_LARGE'], '413 Content Too Large'],
  ])('finds %j by an earlier or common name', (args, line) => {
    expect(headline(args)).toBe(line);
  });

  it('finds every exported error class and alias by its name', () => {
    const classes = Object.entries(kit).filter(
      ([, value]) => typeof value === 'function' && value.prototype instanceof HttpError,
    );
    expect(classes.length).toBe(43);
    for (const [name, value] of classes) {
      // Every class can be built with these (each takes only the options it knows).
      const error = new (value as new (o: object) => HttpError)({
        allow: ['GET'],
        upgrade: 'h2c',
        challenge: { scheme: 'Basic' },
      });
      expect(headline([name]), name).toMatch(new RegExp(`^${error.status} `));
    }
    expect(headline(['PayloadTooLargeError'])).toBe('413 Content Too Large');
    expect(headline(['UnprocessableEntityError'])).toBe('422 Unprocessable Content');
    expect(headline(['RequestedRangeNotSatisfiableError'])).toBe('416 Range Not Satisfiable');
  });

  it.each([
    [
      ['40'],
      'http-error-kit: 40 is not an HTTP status code: codes have three digits, from 100 to 599.\nDid you mean: 400 Bad Request, 401 Unauthorized, 402 Payment Required?\n',
    ],
    [
      ['50'],
      'http-error-kit: 50 is not an HTTP status code: codes have three digits, from 100 to 599.\nDid you mean: 500 Internal Server Error, 501 Not Implemented, 502 Bad Gateway?\n',
    ],
    [
      ['4030'],
      'http-error-kit: 4030 is not an HTTP status code: codes have three digits, from 100 to 599.\nDid you mean: 403 Forbidden, 400 Bad Request?\n',
    ],
    [
      ['999'],
      'http-error-kit: 999 is not an HTTP status code: codes have three digits, from 100 to 599.\n',
    ],
    [
      ['600'],
      'http-error-kit: 600 is not an HTTP status code: codes have three digits, from 100 to 599.\n',
    ],
    [
      ['4'],
      'http-error-kit: 4 is not an HTTP status code: codes have three digits, from 100 to 599.\nTo see the 4xx codes: http-error-kit list 4xx\n',
    ],
    [
      ['0'],
      'http-error-kit: 0 is not an HTTP status code: codes have three digits, from 100 to 599.\n',
    ],
    [
      ['4xx'],
      'http-error-kit: 4xx is a class of codes, not one code.\nTo see them: http-error-kit list 4xx\n',
    ],
    [
      ['5XX'],
      'http-error-kit: 5XX is a class of codes, not one code.\nTo see them: http-error-kit list 5xx\n',
    ],
    [
      ['payload'],
      'http-error-kit: no status code is called "payload".\nDid you mean: 413 Content Too Large?\n',
    ],
    [
      ['too', 'large'],
      'http-error-kit: no status code is called "too large".\nDid you mean: 413 Content Too Large, 414 URI Too Long, 431 Request Header Fields Too Large?\n',
    ],
    [
      ['unauthorised'],
      'http-error-kit: no status code is called "unauthorised".\nDid you mean: 401 Unauthorized?\n',
    ],
    [
      ['teapt'],
      'http-error-kit: no status code is called "teapt".\nDid you mean: 418 I\'m a teapot?\n',
    ],
  ])('suggests for %j', (args, stderr) => {
    expect(runCli(args)).toEqual({ code: 1, stdout: '', stderr });
  });

  it('prints the version of package.json with --version and -v', () => {
    expect(runCli(['--version'])).toEqual({
      code: 0,
      stdout: `http-error-kit ${pkg.version}\n`,
      stderr: '',
    });
    expect(runCli(['-v'])).toEqual(runCli(['--version']));
  });

  it('describes 401 with the header line and the throw that produces it', () => {
    expect(runCli(['401']).stdout).toBe(`401 Unauthorized
  Class:     UnauthorizedError (client error)
  Spec:      RFC 9110, Section 15.5.2
             https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2
  Cacheable: no, not without explicit freshness
  Content:   may carry content
  Retry:     authenticate, then retry
  Headers:   WWW-Authenticate
  Note:      The request lacks valid credentials. If the caller is known but not allowed, send 403.

Throw it:
  throw new UnauthorizedError('Sign in to continue.', { challenge: bearerChallenge({ realm: 'api' }) });

Response:
  HTTP/1.1 401 Unauthorized
  WWW-Authenticate: Bearer realm="api"
  Content-Type: application/problem+json

  {"type":"about:blank","title":"Unauthorized","status":401,"detail":"Sign in to continue."}
`);
  });

  it.each([
    [405, ['Allow: GET, HEAD']],
    [407, ['Proxy-Authenticate: Basic realm="proxy"']],
    [416, ['Content-Range: bytes */1024']],
    [426, ['Upgrade: HTTP/2.0']],
    [429, ['Retry-After: 30']],
    [503, ['Retry-After: 120']],
  ])('shows the header lines %i needs', (code, fields) => {
    const out = runCli([String(code)]).stdout;
    const response = out.slice(out.indexOf('Response:\n'));
    const lines = response.split('\n').slice(2, 2 + fields.length);
    expect(lines).toEqual(fields.map((f) => `  ${f}`));
  });

  it('prints, for every error code, a throw line that sends the response shown', () => {
    const names = Object.keys(kit);
    const values = Object.values(kit);
    for (const code of errorCodes()) {
      const out = runCli([String(code)]).stdout;
      const source = /\nThrow it:\n {2}(.+)\n/.exec(out)?.[1];
      expect(source, String(code)).toMatch(/^throw new [A-Za-z]+\(/);
      let thrown: unknown;
      try {
        new Function(...names, source as string)(...values);
      } catch (err) {
        thrown = err;
      }
      const { status, headers, body } = renderError(thrown, { format: 'problem+json' });
      expect(status).toBe(code);
      const shown = out.slice(out.indexOf('\nResponse:\n') + '\nResponse:\n'.length).split('\n');
      expect(shown.at(-2)).toBe(`  ${body}`);
      const info = statusInfo(code);
      for (const name of info?.headers ?? []) {
        expect(shown, `${code} ${name}`).toContain(`  ${name}: ${headers[name.toLowerCase()]}`);
      }
      expect(shown).toContain('  Content-Type: application/problem+json');
    }
  });

  it('gives 418 its readable name and says RFC 9110 marks it unused', () => {
    const out = runCli(['418']).stdout;
    expect(out.split('\n').slice(0, 2)).toEqual([
      "418 I'm a teapot",
      '  Class:     HttpError (new HttpError(418)) (client error)',
    ]);
    expect(out).toContain(
      '  Note:      RFC 9110 §15.5.19 marks 418 "(Unused)": it is reserved because RFC 2324\'s joke code was deployed.\n',
    );
    expect(out).toContain('\nThrow it:\n  throw new HttpError(418);\n');
    expect(runCli(['list', '4xx']).stdout).toContain(
      "\n418  I'm a teapot                    no           HttpError (new HttpError(418))\n",
    );
  });
});

function errorCodes(): number[] {
  return (Object.values(STATUS) as number[])
    .filter((c) => c >= 400)
    .concat([418])
    .sort((a, b) => a - b);
}

// The help text lives in src/cli/run.ts only; what it promises is checked here: the usage of
// each command, the options the parser takes, and that its examples work as described.
describe('the help', () => {
  const help = runCli(['--help']).stdout;
  /** The lines of the section that starts with `heading`, up to the next blank line. */
  const section = (heading: string) => {
    const start = help.indexOf(`\n${heading}\n`);
    expect(start, heading).toBeGreaterThan(-1);
    const body = help.slice(start + heading.length + 2);
    return body.slice(0, body.indexOf('\n\n')).split('\n');
  };

  it('starts with the usage of every command', () => {
    const usage = help.slice(0, help.indexOf('\n\n')).split('\n');
    expect(usage.map((line) => line.replace(/^(Usage:)? +/, ''))).toEqual([
      'http-error-kit <code | phrase | class name> [--json]',
      'http-error-kit list [1xx | 2xx | 3xx | 4xx | 5xx] [--json]',
      "http-error-kit check <url> [--token TOKEN] [--header 'Name: value']... [--json]",
      'http-error-kit --version',
      'http-error-kit --help',
    ]);
  });

  it('lists each option the parser takes, and each is taken', () => {
    const options = section('Options:').map((line) => line.trim().split(/ {2,}/)[0]);
    expect(options).toEqual(['--json', '-v, --version', '-h, --help']);
    expect(runCli(['403', '--json']).code).toBe(0);
    expect(runCli(['--version'])).toEqual(runCli(['-v']));
    expect(runCli(['--version']).stdout).toBe(`http-error-kit ${pkg.version}\n`);
  });

  it('names a status in every way it says, and each finds that status', () => {
    const ways = section('A status can be named by:');
    expect(ways.map((line) => line.trim().split(/ {2,}/)[0])).toEqual([
      'its code',
      'its phrase, in any case',
      'an earlier phrase',
      'its class or an alias',
      'its STATUS constant',
    ]);
    for (const line of ways) {
      const examples = (line.trim().split(/ {2,}/)[1] as string).split(', ');
      for (const example of examples) {
        const result = runCli([example.replace(/^"|"$/g, '')]);
        expect(result.code, example).toBe(0);
        expect(result.stdout, example).toMatch(/^\d{3} /);
      }
    }
  });

  it('gives examples that do what their comments say', () => {
    const examples = section('Examples:').filter((line) => line.startsWith('  http-error-kit '));
    expect(examples.map((line) => line.trim().split(/ {2,}/)[0])).toEqual([
      'http-error-kit 403',
      'http-error-kit 401 --json',
      'http-error-kit list 4xx',
      'http-error-kit check http://127.0.0.1:3000/orders/42',
    ]);
    expect(runCli(['403']).stdout).toBe(FORBIDDEN);
    expect(JSON.parse(runCli(['401', '--json']).stdout)).toMatchObject({ code: 401 });
    const [heading, ...rows] = runCli(['list', '4xx']).stdout.trimEnd().split('\n');
    expect(heading).toMatch(/^code +phrase +retry +class$/);
    const registered = Array.from({ length: 100 }, (_, i) => 400 + i).filter(
      (code) => statusInfo(code) !== undefined,
    );
    expect(rows.map((row) => Number(row.slice(0, 3)))).toEqual(registered);
  });

  it('ends with the exit statuses the CLI uses', () => {
    expect(
      help.endsWith(
        '\nExit status: 0 on success, 1 for an unknown code or phrase, 2 for bad usage.\n',
      ),
    ).toBe(true);
    expect(runCli(['xyzzy']).code).toBe(1);
    expect(runCli(['403', '--nope']).code).toBe(2);
  });
});
