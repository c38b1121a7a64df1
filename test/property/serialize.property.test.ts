// serializeProblem writes any problem in every format without throwing, and its fallback
// walker (used for cycles and bigints, and by XML, text and HTML) sees values as
// JSON.stringify does.

import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type ProblemDetails, serializeProblem } from '../../src/index.js';
import { anyText, memberName, RUNS, recordOf } from './arbitraries.js';

/** Values JSON.stringify can write (no bigints, no cycles), boxed primitives included. */
const jsonable = fc.anything({
  maxDepth: 3,
  maxKeys: 4,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
});

const problem = fc
  .tuple(
    fc.record({
      type: anyText,
      title: anyText,
      status: fc.integer({ min: 100, max: 599 }),
    }),
    recordOf(jsonable),
  )
  .map(([standard, extensions]) => ({ ...extensions, ...standard }) as ProblemDetails);

function bmpNames(doc: string): string {
  return doc.replace(/[\u{10000}-\u{EFFFF}]/gu, 'A');
}

describe('serializeProblem', () => {
  it('writes extension values as JSON.stringify sees them, also on the fallback path', () => {
    fc.assert(
      fc.property(problem, memberName, (p, name) => {
        fc.pre(!Object.hasOwn(p, name));
        // A bigint makes JSON.stringify throw, so the walker writes the whole problem.
        const withBigint = { ...p, [name]: 12n };
        expect(serializeProblem(withBigint)).toBe(JSON.stringify({ ...p, [name]: '12' }));
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('writes every extension in the text format as its JSON', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', '_'), minLength: 1 }),
        jsonable,
        (name, value) => {
          const json = JSON.stringify(value);
          fc.pre(json !== undefined && !/[\u007f-\u009f\u2028\u2029]/.test(json));
          const text = serializeProblem(
            { type: 'about:blank', title: 'T', status: 400, [name]: value },
            'text',
          );
          expect(text).toBe(`400 T\n${name}: ${json}\n`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('writes well-formed XML for any problem, cycles included', () => {
    fc.assert(
      fc.property(problem, fc.boolean(), (p, cyclic) => {
        if (cyclic) (p as Record<string, unknown>).self = p;
        const xml = serializeProblem(p, 'xml');
        expect(XMLValidator.validate(bmpNames(xml))).toBe(true);
        expect(xml).toContain(`<status>${p.status}</status>`);
      }),
      { numRuns: RUNS },
    );
  });
});
