import { HttpError } from '../errors/http-error.js';
import { ERROR_CLASSES } from '../errors/registry.js';
import { serializeProblem } from '../render/serialize.js';
import { toProblem } from '../render/to-problem.js';
import { isErrorStatus, type StatusInfo, statusInfo } from '../status/lookup.js';
import { PHRASES, type StatusCode } from '../status/table.js';

/** What a run of the command line printed and how it ended. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const HELP = `Usage: http-error-kit <code | phrase> [--json]
       http-error-kit list [1xx | 2xx | 3xx | 4xx | 5xx] [--json]

Looks up an HTTP status code: its reason phrase, the error class to throw, the
defining specification, cacheability, retry advice, the response fields it needs
and a sample problem details body.

Examples:
  http-error-kit 403            what 403 Forbidden means and how to send it
  http-error-kit forbidden      the same, by phrase (or class name: ForbiddenError)
  http-error-kit 401 --json     the status metadata as JSON
  http-error-kit list 4xx       every registered client error

Options:
  --json       print JSON instead of text
  -h, --help   show this help

Exit status: 0 on success, 1 for an unknown code or phrase, 2 for bad usage.
`;

const CODES = Object.keys(PHRASES).map(Number) as StatusCode[];

const CLASS_WORDS: Record<StatusInfo['class'], string> = {
  informational: 'informational',
  success: 'success',
  redirection: 'redirection',
  'client-error': 'client error',
  'server-error': 'server error',
};

/** The retry advice in plain words, with the wording that matters most for 401 and 403. */
function retryWords(info: StatusInfo): string {
  if (info.code < 400) return 'nothing to retry';
  switch (info.code) {
    case 401:
      return 'authenticate, then retry';
    case 403:
      return 'do not retry; the server knows who you are and refuses';
    case 407:
      return 'authenticate with the proxy, then retry';
    case 511:
      return 'log in to the network (e.g. a captive portal), then retry';
  }
  switch (info.retry) {
    case 'later':
      return 'retry later, after the delay in Retry-After';
    case 'idempotent':
      return 'retry idempotent requests (GET, HEAD, PUT, DELETE) after a pause; do not repeat a POST blindly';
    default:
      return 'do not retry; the same request will fail the same way';
  }
}

const NOTES: Partial<Record<StatusCode, string>> = {
  401: 'The request lacks valid credentials. If the caller is known but not allowed, send 403.',
  403: 'The caller is known but not allowed. If credentials are missing or invalid, send 401.',
  404: 'A 403 can be sent as 404 to hide that a resource exists: new ForbiddenError({ conceal: true }).',
};

function className(code: StatusCode): string {
  const named = (ERROR_CLASSES as Partial<Record<number, { name: string }>>)[code];
  if (named) return named.name;
  return isErrorStatus(code) ? `HttpError (new HttpError(${code}))` : 'none';
}

function describeStatus(info: StatusInfo): string {
  const lines = [
    `${info.code} ${info.phrase}`,
    `  Class:     ${className(info.code)} (${CLASS_WORDS[info.class]})`,
    `  Spec:      ${info.spec}`,
    `             ${info.url}`,
    `  Cacheable: ${info.cacheable ? 'yes, heuristically (RFC 9110 §15.1)' : 'no, not without explicit freshness'}`,
    `  Content:   ${info.allowsContent ? 'may carry content' : 'never carries content'}`,
    `  Retry:     ${retryWords(info)}`,
    `  Headers:   ${info.headers.length > 0 ? info.headers.join(', ') : 'none required'}`,
  ];
  if (info.obsolete) lines.push('  Obsolete:  yes, the registry marks this code as obsoleted');
  const note = NOTES[info.code];
  if (note) lines.push(`  Note:      ${note}`);
  if (isErrorStatus(info.code)) {
    const problem = toProblem(new HttpError(info.code, { stack: false, expose: true }));
    lines.push('', 'Sample response body (application/problem+json):');
    lines.push(JSON.stringify(JSON.parse(serializeProblem(problem)), null, 2));
  }
  return `${lines.join('\n')}\n`;
}

const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Levenshtein distance, for "did you mean" suggestions (inputs are short). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Finds a code by number, phrase, class name or STATUS-style name. */
function find(query: string): StatusCode | undefined {
  if (/^\d{3}$/.test(query)) return CODES.find((c) => c === Number(query));
  const key = normalize(query);
  if (key === '') return undefined;
  return CODES.find((c) => normalize(PHRASES[c]) === key || normalize(className(c)) === key);
}

function suggestions(query: string): StatusCode[] {
  if (/^\d+$/.test(query)) {
    const n = Number(query);
    // Same class first: 499 is a client error, so 451 is nearer than 500.
    const rank = (c: number) =>
      (Math.floor(c / 100) === Math.floor(n / 100) ? 0 : 1000) + Math.abs(c - n);
    return [...CODES].sort((a, b) => rank(a) - rank(b) || a - b).slice(0, 3);
  }
  const key = normalize(query);
  if (key === '') return [];
  return CODES.map((c) => [c, distance(key, normalize(PHRASES[c]))] as const)
    .filter(([c, d]) => d <= Math.max(2, Math.floor(normalize(PHRASES[c]).length / 3)))
    .sort((a, b) => a[1] - b[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([c]) => c);
}

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
  const width = Math.max(...infos.map((i) => i.phrase.length));
  const rows = infos.map(
    (i) => `${i.code}  ${i.phrase.padEnd(width)} ${i.retry.padEnd(12)} ${className(i.code)}`,
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
  const unknown = flags.find((f) => !['--json', '-h', '--help'].includes(f));
  if (unknown !== undefined) return usage(`unknown option ${unknown}`);
  if (flags.includes('-h') || flags.includes('--help')) return ok(HELP);
  if (words.length === 0)
    return { ...usage('which status? Give a code or a phrase'), stdout: HELP };
  const json = flags.includes('--json');
  if (words[0] === 'list') {
    if (words.length > 2) return usage('list takes at most one class of codes, e.g. list 4xx');
    return list(words[1], json);
  }
  const query = words.join(' ');
  const code = find(query);
  if (code === undefined) {
    const near = suggestions(query).map((c) => `${c} ${PHRASES[c]}`);
    const what = /^\d+$/.test(query)
      ? `${query} is not a registered HTTP status code`
      : `no status code is called "${query}"`;
    const hint = near.length > 0 ? `\nDid you mean: ${near.join(', ')}?` : '';
    return { code: 1, stdout: '', stderr: `http-error-kit: ${what}.${hint}\n` };
  }
  const info = statusInfo(code);
  return ok(json ? `${JSON.stringify(info, null, 2)}\n` : describeStatus(info));
}
