// parseProblem and negotiate are total on hostile input (never throw, whatever the size or
// depth), serializeProblem(parseProblem(x)) is stable, and no key of a parsed document can
// reach Object.prototype.

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHttpError,
  type ErrorFormat,
  negotiate,
  type ProblemDetails,
  parseProblem,
  renderError,
  serializeProblem,
} from '../../src/index.js';
import { accept, anyText, anyValue, FORMATS, huge, RUNS } from './arbitraries.js';

const PROBLEM_FORMATS = ['json', 'xml', 'text', 'html'] as const;

/** JSON values whose objects favour the problem members and the keys polluters use. */
const jsonKey = fc.oneof(
  fc.constantFrom(
    'type',
    'title',
    'status',
    'detail',
    'instance',
    '__proto__',
    'constructor',
    'prototype',
    'polluted',
    'toString',
    'valueOf',
    'hasOwnProperty',
  ),
  fc.string({ maxLength: 6 }),
);
const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -0, 403, 404, 500, 599, 600, 99, 1.5, 1e21),
    fc.integer({ min: 100, max: 599 }),
    fc.double(),
    anyText,
    fc.array(tie('json'), { maxLength: 4 }),
    fc
      .array(fc.tuple(jsonKey, tie('json')), { maxLength: 6 })
      .map((entries) => Object.fromEntries(entries)),
  ),
}));

/** JSON text of such values, with a status often present so the result is a problem. */
const problemText = fc
  .tuple(
    fc.array(fc.tuple(jsonKey, json), { maxLength: 8 }),
    fc.option(fc.integer({ min: 100, max: 599 }), { nil: undefined }),
  )
  .map(([entries, status]) =>
    JSON.stringify(
      Object.fromEntries(status === undefined ? entries : [['status', status], ...entries]),
    ),
  );

function deepArray(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}
function deepObject(depth: number): string {
  return `{"status":400,"x":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

const before = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('parseProblem', () => {
  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.oneof(problemText, anyText, fc.string({ unit: 'binary' })), (text) => {
        const problem = parseProblem(text);
        if (problem !== undefined) {
          // Without a response status, `status` (and then `title`) may be absent (RFC 9457 §3.1).
          if (problem.status !== undefined) {
            expect(problem.status).toBeGreaterThanOrEqual(100);
            expect(problem.status).toBeLessThanOrEqual(599);
            expect(problem.title).toBeTypeOf('string');
          } else {
            expect(Object.hasOwn(problem, 'status')).toBe(false);
          }
          expect(problem.type).toBeTypeOf('string');
          expect(['string', 'undefined']).toContain(typeof problem.title);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('never throws on any value, with or without a status option', () => {
    fc.assert(
      fc.property(
        fc.oneof(json, anyValue),
        fc.option(fc.oneof(fc.integer({ min: 0, max: 700 }), fc.double()), { nil: undefined }),
        (value, status) => {
          const problem = parseProblem(value, { status });
          // A given status always yields a problem with a status; none may yield one without.
          if (problem !== undefined && status !== undefined) {
            expect(Number.isInteger(problem.status)).toBe(true);
          }
          if (problem?.status !== undefined) expect(Number.isInteger(problem.status)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never throws on huge or deeply nested JSON, and serializes what it returns', () => {
    const inputs = [
      deepArray(huge(100_000)),
      deepObject(10_000),
      deepObject(huge(100_000)),
      `{"status":500,"a":${deepArray(huge(50_000))}}`,
      `{"status":403,"detail":"${'x'.repeat(huge(2_000_000))}"}`,
      `{"status":403,${Array.from({ length: huge(50_000) }, (_, i) => `"k${i}":${i}`).join(',')}}`,
      `{"status":403,"a":${'['.repeat(huge(200_000))}`,
      `\uFEFF{"status":404}`,
    ];
    for (const text of inputs) {
      const problem = parseProblem(text);
      if (problem === undefined) continue;
      for (const format of PROBLEM_FORMATS) {
        const body = serializeProblem(problem, format);
        expect(body).toBeTypeOf('string');
        if (format === 'json') expect(JSON.parse(body).status).toBe(problem.status);
      }
    }
  });

  it('serializeProblem(parseProblem(x)) is stable', () => {
    fc.assert(
      fc.property(fc.oneof(problemText, json, anyValue), (x) => {
        const first = parseProblem(x);
        if (first === undefined) return;
        const once = serializeProblem(first);
        const second = parseProblem(once) as ProblemDetails;
        expect(second).toBeDefined();
        expect(serializeProblem(second)).toBe(once);
        for (const format of PROBLEM_FORMATS) {
          expect(serializeProblem(second, format)).toBe(
            serializeProblem(parseProblem(serializeProblem(second)) as ProblemDetails, format),
          );
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('keys such as __proto__, constructor and prototype stay data and pollute nothing', () => {
    const polluters = fc.constantFrom(
      '{"status":400,"__proto__":{"polluted":"yes"}}',
      '{"status":400,"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"status":400,"prototype":{"polluted":"yes"},"__proto__":null}',
      '{"__proto__":{"status":400,"type":"x"},"status":401}',
      '{"status":400,"a":{"__proto__":{"polluted":"yes"}},"b":[{"__proto__":{"polluted":1}}]}',
    );
    fc.assert(
      fc.property(fc.oneof(polluters, problemText), (text) => {
        const problem = parseProblem(text);
        if (problem === undefined) return;
        expect(Object.getPrototypeOf(problem)).toBe(Object.prototype);
        const raw = JSON.parse(text) as Record<string, unknown>;
        if (Object.hasOwn(raw, '__proto__')) {
          expect(Object.hasOwn(problem, '__proto__')).toBe(true);
          const own = (o: object) => Object.getOwnPropertyDescriptor(o, '__proto__')?.value;
          expect(own(problem)).toEqual(own(raw));
        }
        // Through every writer and back: still data, still nothing polluted.
        const err = createHttpError(400, {
          extensions: Object.fromEntries(Object.entries(problem)),
        });
        for (const format of FORMATS) renderError(err, { format });
        parseProblem(serializeProblem(problem));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('negotiate', () => {
  const formats = new Set<ErrorFormat>(FORMATS);

  it('never throws on any string or value and always picks a known format', () => {
    fc.assert(
      fc.property(
        fc.oneof(accept, anyText, fc.string({ unit: 'binary-ascii' }), anyValue),
        (header) => {
          expect(formats.has(negotiate(header as string))).toBe(true);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('survives huge headers', () => {
    for (const header of [
      'text/html;q=0.5, '.repeat(huge(100_000)),
      `text/html;a="${'\\"'.repeat(huge(100_000))}`,
      ';'.repeat(huge(200_000)),
      `${'a'.repeat(huge(1_000_000))}/json`,
    ]) {
      expect(formats.has(negotiate(header))).toBe(true);
    }
  });

  it('is case-insensitive and ignores whitespace around list elements', () => {
    fc.assert(
      fc.property(accept, fc.constantFrom(' ', '\t', ''), (header, ows) => {
        const spaced = header
          .split(',')
          .map((range) => `${ows}${range.trim()}${ows}`)
          .join(',');
        expect(negotiate(spaced.toUpperCase())).toBe(negotiate(header));
      }),
      { numRuns: RUNS },
    );
  });
});
