// Methods: HEAD answers as GET does (RFC 9110 §9.3.2, §8.6), and a method the resource does
// not support gets 405 with Allow (RFC 9110 §15.5.6).

import { UNSUPPORTED_METHOD } from './requests.js';
import {
  type Answer,
  baseline,
  define,
  field,
  type Run,
  seen,
  stableNames,
  statusLine,
  verdict,
} from './shared.js';
import type { CheckResult } from './types.js';

const HEAD = define('head', 'methods', 'HEAD answers as GET does', [9110, '9.3.2']);
const ALLOW = define('allow', 'methods', 'A 405 carries Allow', [9110, '15.5.6']);

/** The length a GET body had, when it can be known: its Content-Length, or the bytes read. */
function getLength(get: Answer): number | undefined {
  const declared = get.headers['content-length'];
  if (declared !== undefined) return Number(declared);
  const encoded = get.headers['content-encoding'];
  return get.truncated || (encoded !== undefined && encoded !== 'identity')
    ? undefined
    : get.exchange.bodyBytes;
}

function head(run: Run): CheckResult {
  const h = run.by.head;
  const get = baseline(run);
  if (h?.status === undefined || get.status === undefined) {
    return verdict(HEAD, 'skip', 'HEAD or its GET got no answer.');
  }
  if (h.status !== get.status) {
    return verdict(
      HEAD,
      'fail',
      `HEAD gets ${statusLine(h)} where GET gets ${statusLine(get)}.`,
      [seen(h), seen(get)],
      'Answer HEAD as GET, without the body (node:http and most frameworks do this for you).',
    );
  }
  const length = h.headers['content-length'];
  const expected = getLength(get);
  if (length !== undefined && expected !== undefined && Number(length) !== expected) {
    return verdict(
      HEAD,
      'fail',
      'HEAD announces another length than GET sends (RFC 9110 §8.6).',
      [seen(h, `content-length: ${Number(length)}, the GET body has ${expected} bytes`)],
      'Send the Content-Length GET would send, or none.',
    );
  }
  const headNames = new Set(stableNames(h));
  const missing = stableNames(get).filter((name) => !headNames.has(name));
  if (missing.length > 0) {
    return verdict(
      HEAD,
      'warn',
      'HEAD leaves out fields that GET sends.',
      [
        seen(h, `no ${missing.join(', ')}`),
        seen(get, missing.map((n) => field(n, get.headers[n])).join('; ')),
      ],
      'Send the same header fields for HEAD as for GET.',
    );
  }
  return verdict(HEAD, 'pass', `HEAD gets ${statusLine(h)} and the fields of GET.`, [seen(h)]);
}

function allow(run: Run): CheckResult {
  const m = run.by.method;
  const get = baseline(run);
  if (m?.status === undefined)
    return verdict(ALLOW, 'skip', `${UNSUPPORTED_METHOD} got no answer.`);
  if (m.status === 405) {
    const value = m.headers.allow;
    return value === undefined
      ? verdict(
          ALLOW,
          'fail',
          `The 405 for ${UNSUPPORTED_METHOD} does not say which methods are allowed.`,
          [seen(m, 'no Allow field')],
          "List the supported methods in Allow: new MethodNotAllowedError({ allow: ['GET', 'HEAD'] }).",
        )
      : verdict(ALLOW, 'pass', `${UNSUPPORTED_METHOD} gets 405 with Allow.`, [
          seen(m, field('allow', value)),
        ]);
  }
  if (m.status === 501) {
    return verdict(ALLOW, 'pass', `The server does not implement ${UNSUPPORTED_METHOD}.`, [
      seen(m),
    ]);
  }
  const exists = get.status !== undefined && get.status >= 200 && get.status < 300;
  if (m.status === 404 && exists) {
    return verdict(
      ALLOW,
      'warn',
      `${UNSUPPORTED_METHOD} gets 404 on a resource that GET finds: 405 says which methods work.`,
      [seen(m), seen(get)],
      "Answer methods a resource does not support with 405 and Allow: new MethodNotAllowedError({ allow: ['GET', 'HEAD'] }).",
    );
  }
  return verdict(ALLOW, 'skip', `${UNSUPPORTED_METHOD} gets ${statusLine(m)}.`, [seen(m)]);
}

/** The method checks. */
export function methodChecks(run: Run): CheckResult[] {
  return [head(run), allow(run)];
}
