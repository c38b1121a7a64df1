import { parseList } from 'structured-headers';
import { describe, expect, it } from 'vitest';
import { formatRateLimit, type RateLimit } from '../../src/index.js';

// draft-ietf-httpapi-ratelimit-headers-11: RateLimit-Policy (§3) and RateLimit (§4) are RFC 9651
// Lists; each item a String naming the policy, with Integer and Byte Sequence parameters.

describe('formatRateLimit', () => {
  const cases: [string, RateLimit | RateLimit[], Record<string, string>][] = [
    [
      '§3 example: two policies',
      [
        { name: 'burst', quota: 100, window: 60 },
        { name: 'daily', quota: 1000, window: 86400 },
      ],
      { 'ratelimit-policy': '"burst";q=100;w=60, "daily";q=1000;w=86400' },
    ],
    [
      '§4 example: a service limit without a policy',
      { name: 'default', remaining: 50, reset: 30 },
      { ratelimit: '"default";r=50;t=30' },
    ],
    [
      '§3.2 example: a partition key and a quota unit',
      {
        name: 'peruser',
        quota: 65535,
        unit: 'content-bytes',
        window: 10,
        partitionKey: new Uint8Array([0xb1, 0xd7, 0xe3, 0x2c, 0x95, 0x0e, 0x50, 0x7d]),
      },
      { 'ratelimit-policy': '"peruser";q=65535;qu="content-bytes";w=10;pk=:sdfjLJUOUH0=:' },
    ],
    [
      '§4.2 example: a string partition key is sent as its UTF-8 bytes',
      { name: 'default', remaining: 999, partitionKey: 'trial121323' },
      { ratelimit: '"default";r=999;pk=:dHJpYWwxMjEzMjM=:' },
    ],
    [
      'B.2.1: a policy and its state in one entry, the partition key on both',
      { name: 'fixedwindow', quota: 100, window: 60, remaining: 99, reset: 50, partitionKey: 'ab' },
      {
        'ratelimit-policy': '"fixedwindow";q=100;w=60;pk=:YWI=:',
        ratelimit: '"fixedwindow";r=99;t=50;pk=:YWI=:',
      },
    ],
    [
      'RFC 9651 §4.1.6: quotes and backslashes in a name are escaped',
      { name: 'a "b" \\c', quota: 0 },
      { 'ratelimit-policy': '"a \\"b\\" \\\\c";q=0' },
    ],
    [
      'RFC 9651 §3.3.1: the largest Integer',
      { name: 'x', quota: 999_999_999_999_999, remaining: 0, reset: 0 },
      {
        'ratelimit-policy': '"x";q=999999999999999',
        ratelimit: '"x";r=0;t=0',
      },
    ],
    [
      'one name in two partitions (§3.1.4: quotas are allocated per partition key)',
      [
        { name: 'peruser', remaining: 1, partitionKey: 'alice' },
        { name: 'peruser', remaining: 2, partitionKey: 'bob' },
      ],
      { ratelimit: '"peruser";r=1;pk=:YWxpY2U=:, "peruser";r=2;pk=:Ym9i:' },
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    const fields = formatRateLimit(input);
    expect(fields).toStrictEqual(expected);
    // An independent RFC 9651 parser reads every field value as a List of String items.
    for (const value of Object.values(fields)) {
      for (const [item] of parseList(value)) expect(typeof item).toBe('string');
    }
  });

  const where = 'formatRateLimit: rateLimit';
  const refusals: [string, unknown, string][] = [
    ['an empty list', [], `${where}[0] must contain at least one policy`],
    ['null', null, `${where} must be an object, got null`],
    ['a list holding a string', ['daily'], `${where}[0] must be an object, got "daily"`],
    ['a list holding a list', [[]], `${where}[0] must be an object, got an array`],
    [
      'no name',
      { quota: 1 },
      `${where}.name must be a non-empty string of printable ASCII (draft-ietf-httpapi-ratelimit-headers §3), got undefined`,
    ],
    [
      'an empty name',
      { name: '', quota: 1 },
      `${where}.name must be a non-empty string of printable ASCII (draft-ietf-httpapi-ratelimit-headers §3), got ""`,
    ],
    [
      'a non-ASCII name (RFC 9651 §3.3.3)',
      { name: 'caf\u00e9', quota: 1 },
      `${where}.name must be a non-empty string of printable ASCII (draft-ietf-httpapi-ratelimit-headers §3), got "caf\u00e9"`,
    ],
    [
      'a name with a control character',
      { name: 'a\r\nb', quota: 1 },
      `${where}.name must be a non-empty string of printable ASCII (draft-ietf-httpapi-ratelimit-headers §3), got "a\\r\\nb"`,
    ],
    [
      'a negative quota (§3.1.1)',
      { name: 'a', quota: -1 },
      `${where}.quota must be a whole number, 0 or more and at most 15 digits (§3.1.1), got -1`,
    ],
    [
      'a fractional quota (§3.1.1)',
      { name: 'a', quota: 1.5 },
      `${where}.quota must be a whole number, 0 or more and at most 15 digits (§3.1.1), got 1.5`,
    ],
    [
      'a 16-digit quota (RFC 9651 §3.3.1)',
      { name: 'a', quota: 1e15 },
      `${where}.quota must be a whole number, 0 or more and at most 15 digits (§3.1.1), got 1000000000000000`,
    ],
    [
      'a zero window (§3.1.3: non-zero)',
      { name: 'a', quota: 1, window: 0 },
      `${where}.window must be a whole number, 1 or more and at most 15 digits (§3.1.3), got 0`,
    ],
    [
      'a string remaining (§4.1.1)',
      { name: 'a', remaining: '3' },
      `${where}.remaining must be a whole number, 0 or more and at most 15 digits (§4.1.1), got "3"`,
    ],
    [
      'a NaN reset (§4.1.2)',
      { name: 'a', remaining: 0, reset: Number.NaN },
      `${where}.reset must be a whole number, 0 or more and at most 15 digits (§4.1.2), got NaN`,
    ],
    [
      'an empty unit (§3.1.2)',
      { name: 'a', quota: 1, unit: '' },
      `${where}.unit must be a non-empty string of printable ASCII (§3.1.2), got ""`,
    ],
    [
      'a window without a quota (§3.1: q is required)',
      { name: 'a', window: 60, remaining: 1 },
      `${where}.window needs a quota (§3.1: q is required)`,
    ],
    [
      'a unit without a quota',
      { name: 'a', unit: 'requests', remaining: 1 },
      `${where}.unit needs a quota (§3.1: q is required)`,
    ],
    [
      'a reset without remaining (§4.1: r is required)',
      { name: 'a', quota: 1, reset: 5 },
      `${where}.reset needs remaining (§4.1: r is required)`,
    ],
    ['neither quota nor remaining', { name: 'a' }, `${where} needs a quota, remaining, or both`],
    [
      'a partition key of another type',
      { name: 'a', quota: 1, partitionKey: 42 },
      `${where}.partitionKey must be a Uint8Array or a string, got 42`,
    ],
    [
      'a repeated name in the same partition',
      [
        { name: 'a', quota: 1 },
        { name: 'a', remaining: 1 },
      ],
      `${where}[1].name repeats "a" with the same partition key`,
    ],
  ];
  it.each(refusals)('refuses %s', (_name, input, message) => {
    expect(() => formatRateLimit(input as RateLimit)).toThrow(new TypeError(message));
  });
});
