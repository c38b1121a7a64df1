// Leaks: what an error response must not tell a stranger about the system behind it
// (RFC 9457 §5) and the version banners that help pick an exploit (RFC 9110 §10.2.4).

import {
  blank,
  DEBUG_PAGES,
  FILE_PATHS,
  firstMatch,
  INTERNAL_ADDRESSES,
  type Pattern,
  SQL_ERRORS,
  STACK_TRACES,
} from './patterns.js';
import {
  type Answer,
  type CheckDefinition,
  define,
  excerpt,
  field,
  isError,
  type Run,
  seen,
  verdict,
} from './shared.js';
import type { CheckEvidence, CheckResult } from './types.js';

const SECURITY: [number, string] = [9457, '5'];
const STACK = define('stack-trace', 'leaks', 'No stack traces', SECURITY);
const PATH = define('file-path', 'leaks', 'No file system paths', SECURITY);
const SQL = define('sql-error', 'leaks', 'No database error text', SECURITY);
const DEBUG = define('debug-page', 'leaks', 'No framework debug pages', SECURITY);
const ADDRESS = define(
  'internal-address',
  'leaks',
  'No private addresses or internal host names',
  SECURITY,
);
const BANNER = define('version-banner', 'leaks', 'No version banners', [9110, '10.2.4']);

const ADVICE =
  'Keep internals in the logs: send 5xx bodies without messages or stacks (renderError() redacts them unless debug is on).';

function scan(
  definition: CheckDefinition,
  answers: readonly Answer[],
  texts: (a: Answer) => string,
  patterns: readonly Pattern[],
  what: string,
  after?: number,
): CheckResult {
  const found: CheckEvidence[] = [];
  for (const a of answers) {
    const text = texts(a);
    const match = firstMatch(text, patterns);
    if (match) {
      found.push(seen(a, `${match.name}: ${excerpt(text, match.index, match.text.length, after)}`));
    }
  }
  if (found.length === 0)
    return verdict(definition, 'pass', `No ${what} in ${answers.length} error responses.`);
  return verdict(
    definition,
    'fail',
    `${found.length} of ${answers.length} error responses show ${what}.`,
    found,
    ADVICE,
  );
}

/** What the target itself is called, removed before looking for internal names. */
function withoutTarget(run: Run, text: string): string {
  return text.split(run.target.origin).join(' ').split(run.target.host).join(' ');
}

function addresses(run: Run, errors: readonly Answer[]): CheckResult {
  const found: CheckEvidence[] = [];
  const leaking = new Set<Answer>();
  for (const a of errors) {
    const fields = Object.entries(a.headers).map(([name, value]) => `${name}: ${value}`);
    for (const text of [a.text, ...fields]) {
      const cleaned = withoutTarget(run, text);
      const match = firstMatch(cleaned, INTERNAL_ADDRESSES);
      if (match)
        found.push(seen(a, `${match.name}: ${excerpt(cleaned, match.index, match.text.length)}`));
    }
  }
  if (found.length === 0)
    return verdict(ADDRESS, 'pass', 'No internal addresses in error responses.');
  return verdict(
    ADDRESS,
    'warn',
    `${leaking.size} of ${errors.length} error responses name an address of a private network.`,
    found,
    'Leave upstream addresses and host names out of error bodies and fields.',
  );
}

const BANNERS = ['x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version'];

function banners(run: Run): CheckResult {
  if (run.answers.every((a) => a.status === undefined)) {
    return verdict(BANNER, 'skip', 'No request got an answer.');
  }
  // One line per distinct field: the same banner on every response says nothing more.
  const shown = new Set<string>();
  const found: CheckEvidence[] = [];
  for (const a of run.answers) {
    const names = BANNERS.filter((name) => a.headers[name] !== undefined);
    if (/\d/.test(a.headers.server ?? '')) names.push('server');
    for (const name of names) {
      const line = field(name, a.headers[name]);
      if (!shown.has(line)) found.push(seen(a, line));
      shown.add(line);
    }
  }
  if (found.length === 0) return verdict(BANNER, 'pass', 'No response names its software version.');
  return verdict(
    BANNER,
    'warn',
    'Responses name the software that serves them.',
    found,
    "Remove X-Powered-By (Express: app.disable('x-powered-by')) and the version from Server.",
  );
}

/** The leak checks. */
export function leakChecks(run: Run): CheckResult[] {
  const errors = run.answers.filter(isError);
  if (errors.length === 0) {
    const none = 'No request got an error response.';
    return [
      ...[STACK, PATH, SQL, DEBUG, ADDRESS].map((d) => verdict(d, 'skip', none)),
      banners(run),
    ];
  }
  const body = (a: Answer) => a.text;
  return [
    // The message and the first frame show it; the frames after it would only repeat it.
    scan(STACK, errors, body, STACK_TRACES, 'stack traces', 0),
    // Paths inside stack frames are the stack trace's finding, not a second one.
    scan(PATH, errors, (a) => blank(a.text, STACK_TRACES), FILE_PATHS, 'file system paths'),
    scan(SQL, errors, body, SQL_ERRORS, 'database errors'),
    scan(DEBUG, errors, body, DEBUG_PAGES, 'debug pages'),
    addresses(run, errors),
    banners(run),
  ];
}
