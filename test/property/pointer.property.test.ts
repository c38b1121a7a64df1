// fromIssues writes RFC 6901 JSON Pointers: decoding a pointer as RFC 6901 §4 says gives the
// issue's path back, for any keys (including `~`, `/`, `__proto__`, empty strings and numbers),
// and evaluating it against the validated value finds the member the issue is about.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromIssues } from '../../src/index.js';
import { RUNS } from './arbitraries.js';

/** RFC 6901 §4: split on `/`, then `~1` → `/` and then `~0` → `~`. */
function decode(pointer: string): string[] {
  if (pointer === '') return [];
  expect(pointer.startsWith('/')).toBe(true);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

const key = fc.oneof(
  fc.string({ unit: fc.constantFrom('~', '/', '0', '1', 'a', ' ', 'é'), maxLength: 6 }),
  fc.string(),
  fc.constantFrom('__proto__', 'constructor', 'prototype', '', '~01', '/~'),
  fc.nat(1000),
);
const segment = fc.oneof(
  key,
  key.map((k) => ({ key: k })),
);

describe('fromIssues pointers (property)', () => {
  it('decode back to the path, segment by segment', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(segment, { maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        (paths) => {
          const err = fromIssues(paths.map((path, i) => ({ message: `m${i}`, path })));
          const errors = err.extensions.errors as { detail: string; pointer: string }[];
          expect(errors).toHaveLength(paths.length);
          paths.forEach((path, i) => {
            const keys = path.map((s) => String(typeof s === 'object' ? s.key : s));
            expect(errors[i]).toEqual({ detail: `m${i}`, pointer: errors[i]?.pointer });
            expect(decode(errors[i]?.pointer as string)).toEqual(keys);
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('find the member in the value', () => {
    fc.assert(
      fc.property(
        fc.array(key.map(String), { minLength: 1, maxLength: 5 }),
        fc.string(),
        (keys, leaf) => {
          // A value with exactly that path, built with own properties (also for __proto__).
          const root: Record<string, unknown> = {};
          let node = root;
          keys.forEach((k, i) => {
            const child: Record<string, unknown> = {};
            Object.defineProperty(node, k, {
              value: i === keys.length - 1 ? leaf : child,
              enumerable: true,
            });
            node = child;
          });
          const [entry] = fromIssues([{ message: 'x', path: keys }]).extensions.errors as {
            pointer: string;
          }[];
          let found: unknown = root;
          for (const token of decode(entry?.pointer as string)) {
            found = Object.getOwnPropertyDescriptor(found, token)?.value;
          }
          expect(found).toBe(leaf);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
