import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BudgetRow,
  checkBudgets,
  ENTRY_CEILINGS,
  HELPER_CEILINGS,
  kb,
  measureOurs,
  SCENARIO_CEILINGS,
  SCENARIOS,
} from '../scripts/size.mjs';

// Bundle size budgets, measured as a user's bundler sees the built package: esbuild (bundle,
// tree-shake, minify, ESM), then gzip -9, resolving `http-error-kit` through the package's own
// `exports`. Sizes are deterministic, so unlike speed they are asserted. `npm test` builds
// dist/ before vitest runs; scripts/size.mjs does the measuring, and `npm run bench` prints the
// same figures next to http-errors, Boom, @httpx/exception and statuses.

let measured: Awaited<ReturnType<typeof measureOurs>>;
let rows: BudgetRow[];

beforeAll(async () => {
  measured = await measureOurs();
  rows = await checkBudgets(measured);
}, 60_000);

const row = (name: string): BudgetRow => {
  const found = rows.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no size row named ${name}`);
  return found;
};

/** `ForbiddenError alone: 1.10 kB gzip (budget 1.20 kB)`, printed by each test. */
function figure(name: string): string {
  const { gzip, budget } = row(name);
  const line = `${name}: ${kb(gzip)} gzip (budget ${kb(budget)})`;
  console.log(line);
  return line;
}

const SCENARIO_NAMES = Object.keys(SCENARIOS);
const ENTRIES = [
  'http-error-kit/node on top of core',
  'http-error-kit/express on top of core',
  'http-error-kit/fetch on top of core',
  'http-error-kit/next on top of core',
  'http-error-kit/hono on top of core',
  'http-error-kit/koa on top of core',
  'http-error-kit/fastify on top of core',
  'http-error-kit/nest on top of core',
];
const HELPER_ROWS = [
  'fromIssues on top of its classes',
  'toLog alone',
  'recordError alone',
  'shouldRetry alone',
];
// A row's ceiling (the limit while its budget is missed) is listed by its name; a helper's by
// the helper's name ('toLog alone' → toLog).
const ceilingOf = (name: string): number | undefined =>
  SCENARIO_CEILINGS[name] ??
  ENTRY_CEILINGS[name] ??
  (HELPER_ROWS.includes(name)
    ? HELPER_CEILINGS[name.split(' ')[0] as keyof typeof HELPER_CEILINGS]
    : undefined);

describe('bundle size (esbuild, minified, gzip)', () => {
  it('measures the built package through its exports, one row per scenario and entry', () => {
    const inputs = Object.keys(measured.scenarios['ForbiddenError alone']?.inputs ?? {});
    expect(inputs.some((p) => p.startsWith('dist/'))).toBe(true);
    expect(inputs.some((p) => p.startsWith('src/'))).toBe(false);
    expect(rows.map((r) => r.name)).toEqual([...SCENARIO_NAMES, ...ENTRIES, ...HELPER_ROWS]);
  });

  it('leaves the phrase table and the status metadata out of a bundle with one class', () => {
    const inputs = Object.keys(measured.scenarios['ForbiddenError alone']?.inputs ?? {});
    expect(inputs).toContain('dist/errors/forbidden.js');
    expect(inputs).not.toContain('dist/status/table.js');
    expect(inputs).not.toContain('dist/status/metadata.js');
    const lookup = Object.keys(measured.scenarios['statusInfo alone']?.inputs ?? {});
    expect(lookup).toContain('dist/status/metadata.js');
    expect(lookup.some((p) => p.startsWith('dist/errors/'))).toBe(false);
  });

  it('tree-shakes: a guard or one class is a fraction of the core entry', () => {
    expect(row('ForbiddenError alone').gzip).toBeLessThan(measured.core.gzip / 4);
    expect(row('isHttpError alone').gzip).toBeLessThan(measured.core.gzip / 50);
    for (const adapter of Object.values(measured.adapters)) expect(adapter.gzip).toBeGreaterThan(0);
  });

  // One test per scenario: the budget, or for a known miss its ceiling (and the test below
  // expects the budget to fail; once it holds, that test fails: delete the SCENARIO_CEILINGS
  // entry in scripts/size.mjs and this test enforces the budget itself).
  describe('per real use', () => {
    for (const name of SCENARIO_NAMES) {
      const ceiling = ceilingOf(name);
      if (ceiling === undefined) {
        it(`${name} is within its budget`, () => {
          const { gzip, budget } = row(name);
          expect(gzip, figure(name)).toBeLessThanOrEqual(budget);
        });
      } else {
        it(`${name} stays under the ceiling of a known miss (${kb(ceiling)})`, () => {
          expect(row(name).gzip, figure(name)).toBeLessThanOrEqual(ceiling);
        });
        it.fails(`${name} is within its budget (known miss)`, () => {
          const { gzip, budget } = row(name);
          expect(gzip, figure(name)).toBeLessThanOrEqual(budget);
        });
      }
    }
  });

  describe.each([...ENTRIES, ...HELPER_ROWS])('%s', (name) => {
    it('is within its budget, or within the ceiling of a known miss', () => {
      const { gzip, budget } = row(name);
      const limit = ceilingOf(name) ?? budget;
      expect(gzip, `${name}: ${kb(gzip)} gzip, limit ${kb(limit)}`).toBeLessThanOrEqual(limit);
    });
    if (ceilingOf(name) !== undefined) {
      it.fails('meets its budget (a known miss: when this fails, delete its ceiling)', () => {
        const { gzip, budget } = row(name);
        expect(gzip, `${name}: ${kb(gzip)} gzip, budget ${kb(budget)}`).toBeLessThanOrEqual(budget);
      });
    }
  });
});
