// The header fields of a rendered error.

import { type Challenge, challengeLines } from '../auth/format-challenges.js';
import { hasChallenge } from '../auth/parse-challenges.js';
import { type CheckedError, validFields } from '../internal/checked.js';
import { linesValue } from '../internal/headers.js';

// Fields never taken from an error: framing and representation fields describe the body the
// renderer writes; hop-by-hop fields (RFC 9110 §7.6.1) belong to one connection, and node:http
// refuses `Trailer` without chunked framing and HTTP/2 every connection-specific one. `Upgrade`
// is sent only with a 426.
const REFUSED = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
]);

const DEFAULT_CHALLENGE = 'Bearer';

/** The default challenge(s) of the render option, one line each; `Bearer` if it is invalid. */
function challengeValue(
  challenge: Challenge | readonly Challenge[] | undefined,
): string | string[] {
  if (challenge === undefined) return DEFAULT_CHALLENGE;
  try {
    return linesValue(challengeLines(challenge));
  } catch {
    return DEFAULT_CHALLENGE;
  }
}

/**
 * Makes the challenge field of a 401 or 407 carry a challenge: its own lines that have one (an
 * empty or junk line is none), or, when none does, the default challenge(s).
 */
function withChallenge(
  headers: Record<string, string | string[]>,
  name: string,
  challenge: Challenge | readonly Challenge[] | undefined,
): void {
  const own = headers[name];
  if (typeof own === 'string' && hasChallenge(own)) return;
  const lines = typeof own === 'object' ? own.filter(hasChallenge) : [];
  headers[name] = lines.length > 0 ? linesValue(lines) : challengeValue(challenge);
}

/**
 * The header fields of an error response, before `Content-Type`: the error's own fields (none
 * for a concealed 403; never the framing, hop-by-hop or refused ones), the challenge a 401 or
 * 407 must carry, `Allow` for a 405, and the fields every error response gets. A field with
 * several lines is a list (see `REPEATABLE`).
 */
export function headersFor(
  error: CheckedError,
  status: number,
  challenge: Challenge | readonly Challenge[] | undefined,
): Record<string, string | string[]> {
  // A concealed 403 must look like any 404: none of its own fields go out. The others are
  // checked again: the fields of an error are writable, and a forged one holds anything; one
  // set after construction and invalid is dropped rather than sent or thrown.
  const headers: Record<string, string | string[]> = error.conceal
    ? {}
    : validFields(
        'renderError',
        error.headers,
        (key) => !REFUSED.has(key) || (key === 'upgrade' && status === 426),
      );
  // An own field with no challenge in it (empty, junk) is no challenge: the default goes out.
  if (status === 401) withChallenge(headers, 'www-authenticate', challenge);
  else if (status === 407) withChallenge(headers, 'proxy-authenticate', challenge);
  else if (status === 405 && headers.allow === undefined) {
    headers.allow = '';
  }
  headers['x-content-type-options'] = 'nosniff';
  // An empty Cache-Control (nothing left after trimming) says nothing: it counts as absent.
  if (!headers['cache-control']) headers['cache-control'] = 'no-store';
  return headers;
}
