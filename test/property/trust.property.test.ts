// The trust model of toHttpError, as a property: for any object that is not our error and not a
// recognized server-side shape — a plain object or an Error with a `status` or `statusCode`,
// any headers, any `expose` — no header field outside the one its status requires reaches the
// client, and its message reaches no format unless it has `expose === true`. Objects that look
// like HTTP client errors (a `response` with a status) are in the mix: they must show nothing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderError } from '../../src/index.js';
import { accept, ERROR_STATUSES, FORMATS, fieldValue, RUNS, secret } from './arbitraries.js';

// What the renderer itself sets on every error response.
const OWN = new Set([
  'content-type',
  'x-content-type-options',
  'cache-control',
  'vary',
  'content-security-policy',
]);

// The one field an unrecognized object may send with each status.
const REQUIRED: Record<number, string> = {
  401: 'www-authenticate',
  405: 'allow',
  407: 'proxy-authenticate',
  413: 'retry-after',
  416: 'content-range',
  426: 'upgrade',
  429: 'retry-after',
  503: 'retry-after',
};

const headerName = fc.oneof(
  fc.constantFrom(
    'Set-Cookie',
    'Refresh',
    'Clear-Site-Data',
    'Access-Control-Allow-Origin',
    'Access-Control-Allow-Credentials',
    'Strict-Transport-Security',
    'Location',
    'Content-Security-Policy',
    'Cache-Control',
    'Vary',
    'Connection',
    'Trailer',
    'X-Upstream-Host',
  ),
  fc.constantFrom(...Object.values(REQUIRED)).map((name) => name.toUpperCase()),
  fc.constantFrom(...Object.values(REQUIRED)),
);

const foreignHeaders = fc.dictionary(headerName, fieldValue, { maxKeys: 6 });

/** An object that is neither an HttpError nor a known framework's error. */
const unrecognized = fc
  .record({
    status: fc.oneof(fc.constantFrom(...ERROR_STATUSES), fc.integer({ min: 400, max: 599 })),
    // `status` or `statusCode`, never both: both equal with a boolean `expose` is http-errors.
    key: fc.constantFrom('status', 'statusCode'),
    message: secret,
    expose: fc.constantFrom(undefined, false, true, 'true', 1, null),
    headers: foreignHeaders,
    asError: fc.boolean(),
    // An HTTP client's error carries the upstream's response.
    response: fc.option(
      fc.record({ status: fc.integer({ min: 400, max: 599 }), headers: foreignHeaders }),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const fields: Record<string, unknown> = { [r.key]: r.status, headers: r.headers };
    if (r.expose !== undefined) fields.expose = r.expose;
    if (r.response !== undefined) fields.response = r.response;
    const object = r.asError
      ? Object.assign(new Error(r.message), fields)
      : { message: r.message, ...fields };
    return { object, message: r.message, exposed: r.expose === true };
  });

describe('the trust model: unrecognized objects in every format', () => {
  it('send no header outside the allowlist, and no message without expose === true', () => {
    fc.assert(
      fc.property(
        unrecognized,
        fc.constantFrom(...FORMATS),
        fc.option(accept, { nil: undefined }),
        ({ object, message, exposed }, format, acceptField) => {
          for (const options of [{ format }, { accept: acceptField }]) {
            const { status, headers, body } = renderError(object, options);
            for (const name of Object.keys(headers)) {
              if (!OWN.has(name)) expect([status, name]).toEqual([status, REQUIRED[status]]);
            }
            if (!exposed) expect(body).not.toContain(message);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
