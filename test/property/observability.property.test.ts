// toLog never throws on any input, and no value of a credential header — of the error, of its
// causes, or of the request — reaches the log, whatever case its name is written in. The same
// holds for the adapters' default log line, which is toLog's entry as JSON.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logEntry } from '../../src/adapters/report.js';
import { HttpError, toLog } from '../../src/index.js';
import { materialize, RUNS, secret, thrown } from './arbitraries.js';

const CREDENTIALS = ['Authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie'];

const credentialName = fc
  .tuple(fc.constantFrom(...CREDENTIALS), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }))
  .map(([name, upper]) =>
    [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
  );

describe('toLog (property)', () => {
  it('never throws, and returns a level and a status for anything thrown', () => {
    fc.assert(
      fc.property(thrown, fc.option(thrown, { nil: undefined }), (x, cause) => {
        const value = materialize(x);
        const wrapped = new Error('outer', { cause: materialize(cause) });
        for (const err of [value, wrapped]) {
          const log = toLog(err);
          expect(['error', 'warn']).toContain(log.level);
          expect(log.status).toBeGreaterThanOrEqual(400);
          expect(() => JSON.stringify(log)).not.toThrow();
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('never contains the value of a credential header', () => {
    fc.assert(
      fc.property(
        credentialName,
        secret,
        credentialName,
        secret,
        fc.constantFrom(400, 401, 403, 429, 500, 502, 503),
        (errorHeader, errorSecret, requestHeader, requestSecret, status) => {
          const cause = new HttpError(502, { headers: { [errorHeader]: errorSecret } });
          const err = new HttpError(status as 400, {
            headers: { [errorHeader]: errorSecret, 'x-other': 'kept' },
            cause,
          });
          const nodeHeaders = { [requestHeader.toLowerCase()]: [requestSecret, requestSecret] };
          const fetchHeaders = new Headers({ [requestHeader]: requestSecret });
          for (const headers of [nodeHeaders, fetchHeaders, { [requestHeader]: requestSecret }]) {
            const text = JSON.stringify(
              toLog(err, { request: { method: 'GET', url: '/', headers } }),
            );
            expect(text).not.toContain(errorSecret);
            expect(text).not.toContain(requestSecret);
            expect(text).toContain('[REDACTED]');
            expect(text).toContain('"x-other":"kept"');
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the default log line: JSON of one entry for anything thrown, never a credential', () => {
    fc.assert(
      fc.property(
        thrown,
        credentialName,
        secret,
        fc.constantFrom(500, 502, 503),
        (x, header, value, status) => {
          const err = new HttpError(502, {
            headers: { [header]: value },
            cause: materialize(x),
          });
          for (const original of [err, materialize(x)]) {
            const line = logEntry(status, { method: 'GET', url: '/a' }, original, {
              traceId: 't',
            });
            expect(line).not.toContain('\n');
            const entry = JSON.parse(line);
            expect([entry.level, entry.status, entry.traceId]).toEqual(['error', status, 't']);
            expect(line).not.toContain(value);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
