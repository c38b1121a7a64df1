import { describe, expect, it } from 'vitest';
import { type CheckReport, formatReport } from '../../src/check/index.js';

const report: CheckReport = {
  version: 1,
  target: 'http://127.0.0.1:3000/orders/42',
  sibling: 'http://127.0.0.1:3000/orders/check-000000000000',
  ok: false,
  counts: { pass: 1, warn: 0, fail: 1, skip: 1 },
  checks: [
    {
      id: 'answers',
      group: 'connection',
      title: 'Every request gets an answer',
      verdict: 'pass',
      message: 'All 1 requests were answered.',
      evidence: [],
    },
    {
      id: 'allow',
      group: 'methods',
      title: 'A 405 carries Allow',
      spec: 'RFC 9110 §15.5.6',
      verdict: 'fail',
      message: 'No Allow.',
      evidence: [
        { exchange: 0, note: '405 Method Not Allowed; no Allow field' },
        { exchange: 7, note: 'sent \u001b[31mred\u001b[0m and \u202eback' },
      ],
      advice: 'Send Allow.',
    },
    {
      id: 'cache',
      group: 'caching',
      title: 'Shared caches cannot store error responses',
      spec: 'RFC 9111 §3',
      verdict: 'skip',
      message: 'No request got an error response.',
      evidence: [],
    },
  ],
  exchanges: [
    { label: 'with credentials', method: 'PROPFIND', url: 'http://127.0.0.1:3000/orders/42?x=1' },
  ],
};

describe('formatReport', () => {
  it('prints one line per check, grouped, with details under failures and skips', () => {
    expect(formatReport(report)).toBe(`http-error-kit check http://127.0.0.1:3000/orders/42
compared with http://127.0.0.1:3000/orders/check-000000000000

Connection
  PASS  Every request gets an answer

Methods
  FAIL  A 405 carries Allow                         RFC 9110 §15.5.6
        No Allow.
        PROPFIND /orders/42?x=1 (with credentials): 405 Method Not Allowed; no Allow field
        request 8: sent [31mred [0m and back
        → Send Allow.

Caching
  SKIP  Shared caches cannot store error responses  RFC 9111 §3
        No request got an error response.

1 request · 1 passed · 0 warnings · 1 failed · 1 skipped
`);
  });

  it('colours verdicts and group names when asked', () => {
    const text = formatReport(report, { color: true });
    expect(text).toContain('\u001b[1mMethods\u001b[0m');
    expect(text).toContain('  \u001b[31mFAIL\u001b[0m  A 405 carries Allow');
    expect(text).toContain('  \u001b[2mSKIP\u001b[0m  Shared caches');
    expect(text).toContain('        \u001b[2mNo request got an error response.\u001b[0m');
    expect(text).toContain('\u001b[32m1 passed\u001b[0m');
  });

  it('names a group it does not know as it is', () => {
    const future = { ...report, checks: [{ ...report.checks[0], group: 'future' }] };
    // @ts-expect-error -- a group of a later version
    expect(formatReport(future).split('\n').slice(3, 5)).toEqual([
      'future',
      '  PASS  Every request gets an answer',
    ]);
  });

  it.each([[undefined], [null], [{}], [{ checks: 'x' }]])('refuses %j', (value) => {
    // @ts-expect-error -- not a report
    expect(() => formatReport(value)).toThrow(
      new TypeError('report must be a CheckReport (the result of checkEndpoint)'),
    );
  });
});
