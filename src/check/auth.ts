// Authentication: who gets 401 and who gets 403, and whether every 401 says how to
// authenticate (RFC 9110 §15.5.2, §15.5.4; RFC 6750 §3.1).

import { parseChallenges } from '../auth/parse-challenges.js';
import { type Answer, define, field, type Run, seen, statusLine, verdict } from './shared.js';
import type { CheckResult } from './types.js';

const CHALLENGE = define(
  'www-authenticate',
  'authentication',
  'Every 401 carries WWW-Authenticate',
  [9110, '15.5.2'],
);
const ANONYMOUS = define('anonymous', 'authentication', 'No credentials: 401, not 403', [
  9110,
  '15.5.4',
]);
const INVALID = define(
  'invalid-token',
  'authentication',
  'An invalid Bearer token: 401 with error="invalid_token"',
  [6750, '3.1'],
);
const BASELINE = define('credentials', 'authentication', 'The credentials given are accepted');

const challengesOf = (answer: Answer) => parseChallenges(answer.headers['www-authenticate'] ?? '');

function challenge(run: Run): CheckResult {
  const unauthorized = run.answers.filter((a) => a.status === 401);
  if (unauthorized.length === 0) return verdict(CHALLENGE, 'skip', 'No request was answered 401.');
  const bare = unauthorized.filter((a) => challengesOf(a).length === 0);
  if (bare.length === 0) {
    const first = unauthorized[0] as Answer;
    return verdict(CHALLENGE, 'pass', 'Every 401 names a way to authenticate.', [
      seen(first, field('www-authenticate', first.headers['www-authenticate'])),
    ]);
  }
  return verdict(
    CHALLENGE,
    'fail',
    `${bare.length} of ${unauthorized.length} responses 401 carry no challenge.`,
    bare.map((a) => seen(a, field('www-authenticate', a.headers['www-authenticate']))),
    'Send WWW-Authenticate with every 401, e.g. `Bearer realm="api"`: new UnauthorizedError() does.',
  );
}

function anonymous(run: Run): CheckResult {
  const a = run.by.anonymous;
  if (a?.status === undefined)
    return verdict(ANONYMOUS, 'skip', 'The request without credentials got no answer.');
  if (a.status === 401)
    return verdict(ANONYMOUS, 'pass', 'Missing credentials get 401.', [seen(a)]);
  if (a.status === 403) {
    return verdict(
      ANONYMOUS,
      'warn',
      'A request without credentials gets 403: 401 is the answer to missing credentials.',
      [seen(a)],
      'Answer 401 with a challenge when credentials are missing or invalid; keep 403 for callers who are known and not allowed.',
    );
  }
  return verdict(ANONYMOUS, 'skip', `The resource answers ${statusLine(a)} without credentials.`, [
    seen(a),
  ]);
}

function invalidToken(run: Run): CheckResult {
  const a = run.by.invalidToken;
  const status = a?.status;
  if (a === undefined || status === undefined)
    return verdict(INVALID, 'skip', 'The request with an invalid token got no answer.');
  const refused = run.by.anonymous?.status;
  if (status !== 401 && refused !== 401 && refused !== 403) {
    return verdict(
      INVALID,
      'skip',
      `The resource does not ask for credentials (without any: ${statusLine(run.by.anonymous as Answer)}).`,
      [seen(a)],
    );
  }
  if (status === 401) {
    const challenges = challengesOf(a);
    const bearer = challenges.find((c) => c.scheme.toLowerCase() === 'bearer');
    const shown = field('www-authenticate', a.headers['www-authenticate']);
    if (challenges.length > 0 && bearer === undefined) {
      return verdict(INVALID, 'skip', 'The API does not use Bearer tokens.', [seen(a, shown)]);
    }
    if (bearer?.params?.error === 'invalid_token') {
      return verdict(INVALID, 'pass', 'An invalid token is told apart from a missing one.', [
        seen(a, shown),
      ]);
    }
    return verdict(
      INVALID,
      'warn',
      'The 401 for an invalid token does not say error="invalid_token".',
      [seen(a, shown)],
      'Add error="invalid_token" to the challenge, so that a client knows to refresh its token: bearerChallenge({ error: \'invalid_token\' }).',
    );
  }
  if (status >= 200 && status < 300) {
    return verdict(
      INVALID,
      'fail',
      'An invalid token was accepted where no token was refused.',
      [seen(a)],
      'Verify the token before answering.',
    );
  }
  return verdict(
    INVALID,
    'warn',
    `An invalid token gets ${statusLine(a)}, not 401.`,
    [seen(a)],
    'Answer 401 with WWW-Authenticate: Bearer error="invalid_token".',
  );
}

function credentials(run: Run): CheckResult {
  if (!run.credentials) return verdict(BASELINE, 'skip', 'No credentials were given (--token).');
  const a = run.by.token as Answer;
  if (a.status === undefined)
    return verdict(BASELINE, 'skip', 'The request with credentials got no answer.');
  if (a.status === 401) {
    return verdict(
      BASELINE,
      'warn',
      'The credentials given were refused, so the answers with credentials are refusals too.',
      [seen(a)],
      'Pass a valid token, so that the comparisons use an authenticated answer.',
    );
  }
  return verdict(BASELINE, 'pass', `With credentials the target answers ${statusLine(a)}.`, [
    seen(a),
  ]);
}

/** The authentication checks. */
export function authChecks(run: Run): CheckResult[] {
  return [challenge(run), anonymous(run), invalidToken(run), credentials(run)];
}
