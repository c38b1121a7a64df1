import { afterAll, describe, expect, it, vi } from 'vitest';
import { type CheckReport, checkEndpoint } from '../../src/check/index.js';
import { closeServers, listen } from '../helpers/http.js';
import { carelessServer, expressServer, libraryServer, TOKEN } from './servers.js';

afterAll(closeServers);

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
    expect(findings(report)).toEqual([VARY_UNTIL_15]);
    // A readable resource has nothing to conceal.
    expect(skipped(report)).toEqual(['existence']);
    expect(report.ok).toBe(true);
  });

  it('passes a concealed resource: it answers like a missing one', async () => {
    const origin = await listen(libraryServer());
    const report = await checkEndpoint(`${origin}/orders/7`, { token: TOKEN });
    expect(findings(report)).toEqual([VARY_UNTIL_15]);
    expect(report.checks.find((c) => c.id === 'existence')?.verdict).toBe('pass');
    // PROPFIND on a concealed resource gets the same 404 as GET: no 405 to judge.
    expect(skipped(report)).toEqual(['allow']);
  });
});
