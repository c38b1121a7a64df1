import { statusInfo } from '../status/lookup.js';
import { classLabel, describeStatus, displayPhrase } from './describe.js';
import { CODES, find, suggestions } from './find.js';
import { VERSION } from './version.js';

/** What a run of the command line printed and how it ended. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const HELP = `Usage: http-error-kit <code | phrase | class name> [--json]
       http-error-kit list [1xx | 2xx | 3xx | 4xx | 5xx] [--json]
       http-error-kit --version
       http-error-kit --help

Looks up an HTTP status code: its reason phrase, the error class to throw, the
defining specification, cacheability, retry advice, the response fields it needs,
the throw to write and the response it sends.

A status can be named by:
  its code                    403
  its phrase, in any case     forbidden, "not found", too-many-requests
  an earlier phrase           payload too large, unprocessable entity, teapot
  its class or an alias       ForbiddenError, PayloadTooLargeError
  its STATUS constant         TOO_MANY_REQUESTS

Examples:
  http-error-kit 403            what 403 Forbidden means and how to send it
  http-error-kit 401 --json     the status metadata as JSON
  http-error-kit list 4xx       every registered client error

Options:
  --json          print JSON instead of text
  -v, --version   print the version
  -h, --help      show this help

Exit status: 0 on success, 1 for an unknown code or phrase, 2 for bad usage.
`;

const OPTIONS = ['--json', '-h', '--help', '-v', '--version'];

function list(filter: string | undefined, json: boolean): CliResult {
  let codes = CODES;
  if (filter !== undefined) {
    const m = /^([1-5])(xx)?$/i.exec(filter);
    if (!m) return usage(`"${filter}" is not a class of codes; use 1xx, 2xx, 3xx, 4xx or 5xx`);
    const first = Number(m[1]);
    codes = CODES.filter((c) => Math.floor(c / 100) === first);
  }
  const infos = codes.map((c) => statusInfo(c));
  if (json) return ok(`${JSON.stringify(infos, null, 2)}\n`);
  const phrases = infos.map(displayPhrase);
  const width = Math.max(...phrases.map((p) => p.length));
  const rows = infos.map(
    (i, n) =>
      `${i.code}  ${(phrases[n] as string).padEnd(width)} ${i.retry.padEnd(12)} ${classLabel(i.code)}`,
  );
  const header = ['code', 'phrase'.padEnd(width), 'retry'.padEnd(12), 'class'].join(' ');
  return ok(`${header}\n${rows.join('\n')}\n`);
}

const ok = (stdout: string): CliResult => ({ code: 0, stdout, stderr: '' });
const usage = (message: string): CliResult => ({
  code: 2,
  stdout: '',
  stderr: `http-error-kit: ${message}\nRun http-error-kit --help for usage.\n`,
});
const notFound = (message: string): CliResult => ({
  code: 1,
  stdout: '',
  stderr: `http-error-kit: ${message}\n`,
});

/** The answer for a query that names no code: why, what was probably meant, where to look. */
function unknown(query: string): CliResult {
  const range = /^([1-5])xx$/i.exec(query);
  if (range) {
    return notFound(
      `${query} is a class of codes, not one code.\nTo see them: http-error-kit list ${range[1]}xx`,
    );
  }
  const near = suggestions(query).map((c) => `${c} ${displayPhrase(statusInfo(c))}`);
  const meant = near.length > 0 ? `\nDid you mean: ${near.join(', ')}?` : '';
  if (!/^\d+$/.test(query)) return notFound(`no status code is called "${query}".${meant}`);
  const n = Number(query);
  if (query.length === 3 && n >= 100 && n < 600) {
    return notFound(`${query} is not a registered HTTP status code.${meant}`);
  }
  const first =
    query.length === 1 && n >= 1 && n <= 5
      ? `\nTo see the ${n}xx codes: http-error-kit list ${n}xx`
      : '';
  return notFound(
    `${query} is not an HTTP status code: codes have three digits, from 100 to 599.${meant}${first}`,
  );
}

/**
 * The command line, as a function: takes the arguments after the program name and returns
 * what to print and the exit code. The `http-error-kit` bin only writes this out.
 *
 * @example
 * const { code, stdout } = runCli(['403']);
 */
export function runCli(args: readonly string[]): CliResult {
  const flags = args.filter((a) => a.startsWith('-'));
  const words = args.filter((a) => !a.startsWith('-'));
  const bad = flags.find((f) => !OPTIONS.includes(f));
  if (bad !== undefined) return usage(`unknown option ${bad}`);
  if (flags.includes('-h') || flags.includes('--help')) return ok(HELP);
  if (flags.includes('-v') || flags.includes('--version')) return ok(`http-error-kit ${VERSION}\n`);
  if (words.length === 0)
    return { ...usage('which status? Give a code or a phrase'), stdout: HELP };
  const json = flags.includes('--json');
  if (words[0] === 'list') {
    if (words.length > 2) return usage('list takes at most one class of codes, e.g. list 4xx');
    return list(words[1], json);
  }
  const query = words.join(' ');
  const code = find(query);
  if (code === undefined) return unknown(query);
  const info = statusInfo(code);
  return ok(json ? `${JSON.stringify(info, null, 2)}\n` : describeStatus(info));
}
