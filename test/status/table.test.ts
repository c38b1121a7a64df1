import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without declarations
import { generate } from '../../scripts/generate.mjs';
import {
  isErrorStatus,
  isStatusCode,
  reasonPhrase,
  STATUS,
  type StatusCode,
  statusInfo,
} from '../../src/index.js';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('generated files', () => {
  const files = generate() as Record<'table' | 'classes' | 'registry', string>;
  it.each([
    ['table', 'src/status/table.ts'],
    ['classes', 'src/errors/classes.ts'],
    ['registry', 'src/errors/registry.ts'],
  ] as const)(
    '%s equals the output of scripts/generate.mjs (run `npm run generate`)',
    (key, path) => {
      expect(read(path)).toBe(files[key]);
    },
  );
});

const csv = read('scripts/data/iana-http-status-codes.csv')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [value, description] = line.split(',');
    return [Number(value), (description ?? '').replace(' (OBSOLETED)', '')] as const;
  });

describe('statusInfo', () => {
  it('knows every code of the registry data, with its phrase, and nothing else', () => {
    expect(csv).toHaveLength(63);
    for (const [code, phrase] of csv) {
      expect(statusInfo(code)?.phrase).toBe(phrase);
      expect(reasonPhrase(code)).toBe(phrase);
    }
    const known = new Set(csv.map(([code]) => code));
    for (let code = 0; code < 1000; code++) {
      expect(isStatusCode(code)).toBe(known.has(code));
      expect(statusInfo(code) === undefined).toBe(!known.has(code));
    }
  });

  it.each([
    [413, 'Content Too Large'],
    [422, 'Unprocessable Content'],
    [416, 'Range Not Satisfiable'],
    [418, '(Unused)'],
    [306, '(Unused)'],
    [510, 'Not Extended'],
  ])('uses RFC 9110 phrases: %i is %s', (code, phrase) => {
    expect(reasonPhrase(code)).toBe(phrase);
  });

  it('describes 401 and 403 as RFC 9110 does', () => {
    expect(statusInfo(401)).toEqual({
      code: 401,
      phrase: 'Unauthorized',
      class: 'client-error',
      spec: 'RFC 9110, Section 15.5.2',
      url: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2',
      cacheable: false,
      allowsContent: true,
      retry: 'authenticate',
      headers: ['WWW-Authenticate'],
      obsolete: false,
    });
    expect(statusInfo(403)).toEqual({
      code: 403,
      phrase: 'Forbidden',
      class: 'client-error',
      spec: 'RFC 9110, Section 15.5.4',
      url: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.4',
      cacheable: false,
      allowsContent: true,
      retry: 'no',
      headers: [],
      obsolete: false,
    });
  });

  it.each([
    [102, 'RFC 2518, Section 10.1', 'https://www.rfc-editor.org/rfc/rfc2518.html#section-10.1'],
    [429, 'RFC 6585, Section 4', 'https://www.rfc-editor.org/rfc/rfc6585.html#section-4'],
    [451, 'RFC 7725, Section 3', 'https://www.rfc-editor.org/rfc/rfc7725.html#section-3'],
    [510, 'RFC 2774, Section 7', 'https://www.rfc-editor.org/rfc/rfc2774.html#section-7'],
    [200, 'RFC 9110, Section 15.3.1', 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.3.1'],
  ])('points %i at its defining section', (code, spec, url) => {
    expect(statusInfo(code)).toMatchObject({ spec, url });
  });

  it('marks exactly the heuristically cacheable codes (RFC 9110 §15.1, RFC 7725)', () => {
    const cacheable = csv.map(([c]) => c).filter((c) => statusInfo(c)?.cacheable);
    expect(cacheable).toEqual([200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 451, 501]);
  });

  it('marks exactly 1xx, 204, 205 and 304 as carrying no content', () => {
    const none = csv.map(([c]) => c).filter((c) => statusInfo(c)?.allowsContent === false);
    expect(none).toEqual([100, 101, 102, 103, 204, 205, 304]);
  });

  it('gives retry advice per DESIGN', () => {
    const byAdvice = (advice: string) =>
      csv.map(([c]) => c).filter((c) => statusInfo(c)?.retry === advice);
    expect(byAdvice('authenticate')).toEqual([401, 407, 511]);
    expect(byAdvice('later')).toEqual([423, 429, 503, 507]);
    expect(byAdvice('idempotent')).toEqual([408, 421, 425, 500, 502, 504]);
    for (const code of [400, 403, 404, 405, 410, 422, 200, 301]) {
      expect(statusInfo(code)?.retry).toBe('no');
    }
  });

  it.each([
    [401, ['WWW-Authenticate']],
    [405, ['Allow']],
    [407, ['Proxy-Authenticate']],
    [416, ['Content-Range']],
    [426, ['Upgrade']],
    [403, []],
    [500, []],
  ])('lists the fields %i requires', (code, headers) => {
    expect(statusInfo(code)?.headers).toEqual(headers);
  });

  it('flags 510 as obsolete, and only 510', () => {
    expect(csv.map(([c]) => c).filter((c) => statusInfo(c)?.obsolete)).toEqual([510]);
  });

  it('classifies by first digit', () => {
    expect([100, 204, 302, 404, 503].map((c) => statusInfo(c)?.class)).toEqual([
      'informational',
      'success',
      'redirection',
      'client-error',
      'server-error',
    ]);
  });

  it('returns the same frozen object each time', () => {
    const info = statusInfo(404);
    expect(info).toBe(statusInfo(404));
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(info?.headers)).toBe(true);
  });
});

describe('guards never throw', () => {
  const junk: unknown[] = [
    '403',
    403.5,
    Number.NaN,
    null,
    undefined,
    {},
    [],
    Symbol('x'),
    10n,
    -403,
    'toString',
  ];
  it.each(junk.map((x) => [x]))('%s', (x) => {
    expect(isStatusCode(x)).toBe(false);
    expect(isErrorStatus(x)).toBe(false);
    expect(reasonPhrase(x as number)).toBeUndefined();
    expect(statusInfo(x as number)).toBeUndefined();
  });

  it('isErrorStatus is true for exactly the registered 4xx and 5xx codes', () => {
    expect(csv.map(([c]) => c).filter(isErrorStatus)).toEqual(
      csv.map(([c]) => c).filter((c) => c >= 400),
    );
  });

  it('does not answer for inherited keys', () => {
    expect(isStatusCode('constructor' as unknown)).toBe(false);
    expect(statusInfo(Number('__proto__'))).toBeUndefined();
  });
});

describe('STATUS', () => {
  it('names every registered code but the two unused ones, and is frozen', () => {
    expect(Object.isFrozen(STATUS)).toBe(true);
    const values = Object.values(STATUS) as StatusCode[];
    expect(values).toEqual(csv.map(([c]) => c).filter((c) => c !== 306 && c !== 418));
    expect(STATUS.FORBIDDEN).toBe(403);
    expect(STATUS.UNAUTHORIZED).toBe(401);
    expect(STATUS.CONTENT_TOO_LARGE).toBe(413);
    expect(STATUS.UNPROCESSABLE_CONTENT).toBe(422);
    expect(STATUS.NON_AUTHORITATIVE_INFORMATION).toBe(203);
    expect(STATUS.HTTP_VERSION_NOT_SUPPORTED).toBe(505);
    expect(STATUS.IM_USED).toBe(226);
  });
});
