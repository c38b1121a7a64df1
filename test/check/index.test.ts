import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { type CheckReport, checkEndpoint } from '../../src/check/index.js';
import { closeServers, listen } from '../helpers/http.js';
import { carelessServer, expressServer, libraryServer, TOKEN } from './servers.js';

// Express logs each error's stack to stderr (unless its env is 'test'), also after a test has
// its answers; keep the output clean until the servers are closed.
let logged: MockInstance<typeof console.error>;
beforeAll(() => {
  logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(async () => {
  await closeServers();
  logged.mockRestore();
});

/** The checks that did not pass, with the labels of their exchanges and their notes. */
function findings(report: CheckReport, verdicts = ['warn', 'fail']) {
  return report.checks
    .filter((c) => verdicts.includes(c.verdict))
    .map((c) => ({
      id: c.id,
      verdict: c.verdict,
      evidence: c.evidence.map((e) => [report.exchanges[e.exchange]?.label, e.note]),
    }));
}

const skipped = (report: CheckReport) =>
  report.checks.filter((c) => c.verdict === 'skip').map((c) => c.id);

const IDS = [
  'answers',
  'www-authenticate',
  'anonymous',
  'invalid-token',
  'credentials',
  'head',
  'allow',
  'error-body',
  'content-type',
  'problem',
  'nosniff',
  'vary',
  'stack-trace',
  'file-path',
  'sql-error',
  'debug-page',
  'internal-address',
  'version-banner',
  'existence',
  'cache',
];

describe('checkEndpoint against a server built with this library', () => {
  it('passes a readable resource: everything that applies passes', async () => {
    const origin = await listen(libraryServer());
    const report = await checkEndpoint(`${origin}/orders/42`, { token: TOKEN });
    expect(report.checks.map((c) => c.id)).toEqual(IDS);
    expect(report.exchanges).toHaveLength(10);
    // Every check passes: nothing to report, Vary: Accept included (#19, #15).
    expect(findings(report)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'vary')).toMatchObject({
      verdict: 'pass',
      message: expect.stringMatching(/^The format follows Accept \(.*\) and Vary says so\.$/),
    });
    // A readable resource has nothing to conceal.
    expect(skipped(report)).toEqual(['existence']);
    expect(report.ok).toBe(true);
  });

  it('passes a concealed resource: it answers like a missing one', async () => {
    const origin = await listen(libraryServer());
    const report = await checkEndpoint(`${origin}/orders/7`, { token: TOKEN });
    expect(findings(report)).toEqual([]);
    expect(report.checks.find((c) => c.id === 'vary')?.verdict).toBe('pass');
    expect(report.checks.find((c) => c.id === 'existence')?.verdict).toBe('pass');
    // PROPFIND on a concealed resource gets the same 404 as GET: no 405 to judge.
    expect(skipped(report)).toEqual(['allow']);
  });
});

const stack = (status: string) => expect.stringMatching(new RegExp(`^${status}; Node\\.js: “…`));

describe('checkEndpoint against Express with http-errors and its default error handler', () => {
  // What Express's own handler (finalhandler) gets wrong, in both of its settings.
  const common = {
    challenge: {
      id: 'www-authenticate',
      verdict: 'fail',
      evidence: [['no credentials', '401 Unauthorized; no www-authenticate field']],
    },
    invalidToken: {
      id: 'invalid-token',
      verdict: 'warn',
      evidence: [['invalid Bearer token', '401 Unauthorized; no www-authenticate field']],
    },
    allow: {
      id: 'allow',
      verdict: 'warn',
      evidence: [
        ['with credentials', '404 Not Found'],
        ['with credentials', '200 OK'],
      ],
    },
    banner: {
      id: 'version-banner',
      verdict: 'warn',
      evidence: [['no credentials', '401 Unauthorized; x-powered-by: Express']],
    },
  };

  it('in production: no challenges, no invalid_token, 404 for PROPFIND, X-Powered-By', async () => {
    const origin = await listen(expressServer('production'));
    const report = await checkEndpoint(`${origin}/orders/42`, { token: TOKEN });
    expect(findings(report)).toEqual([
      common.challenge,
      common.invalidToken,
      common.allow,
      common.banner,
    ]);
    expect(report.checks.find((c) => c.id === 'www-authenticate')?.message).toBe(
      '3 of 3 responses 401 carry no challenge.',
    );
    // Its bodies are HTML for every Accept, so there is no problem document and no Vary to judge.
    expect(skipped(report)).toEqual(['problem', 'existence']);
    expect(report.ok).toBe(false);
  });

  it('in development (its default): the stack of every error besides', async () => {
    const origin = await listen(expressServer('development'));
    const report = await checkEndpoint(`${origin}/orders/42`, { token: TOKEN });
    expect(findings(report)).toEqual([
      common.challenge,
      common.invalidToken,
      common.allow,
      {
        id: 'stack-trace',
        verdict: 'fail',
        evidence: [
          ['no credentials', stack('401 Unauthorized')],
          ['invalid Bearer token', stack('401 Unauthorized')],
          ['sibling, Accept: */*', stack('404 Not Found')],
        ],
      },
      common.banner,
    ]);
    expect(report.checks.find((c) => c.id === 'stack-trace')?.message).toBe(
      '7 of 8 error responses show stack traces.',
    );
  });
});

describe('checkEndpoint against a careless hand-written server', () => {
  it('finds the four planted defects and nothing else', async () => {
    const origin = await listen(carelessServer());
    const report = await checkEndpoint(`${origin}/user-data/123`, { token: TOKEN });
    expect(findings(report)).toEqual([
      {
        id: 'allow',
        verdict: 'fail',
        evidence: [['with credentials', '405 Method Not Allowed; no Allow field']],
      },
      {
        id: 'content-type',
        verdict: 'fail',
        evidence: [
          [
            'sibling, Accept: */*',
            '404 Not Found; content-type: application/json, an HTML body that is not JSON: “<html><body><h1>Not Found</h1></body></html>”',
          ],
        ],
      },
      {
        id: 'stack-trace',
        verdict: 'fail',
        evidence: [
          [
            'sibling, Accept: text/html',
            expect.stringMatching(
              /^500 Internal Server Error; Node\.js: “…Cannot read properties of undefined \(reading 'title'\)\\n at renderPage \(/,
            ),
          ],
        ],
      },
      {
        id: 'existence',
        verdict: 'fail',
        evidence: [
          ['with credentials', '403 Forbidden'],
          ['sibling, Accept: */*', '404 Not Found; the random sibling path'],
        ],
      },
    ]);
    expect(report.checks.find((c) => c.id === 'content-type')?.message).toBe(
      '3 of 9 error bodies are not what their Content-Type says.',
    );
    expect(skipped(report)).toEqual(['problem']);
    expect(report.counts).toEqual({ pass: 15, warn: 0, fail: 4, skip: 1 });
    expect(report.ok).toBe(false);
  });
});
