// The vitest configuration `npm run mutation` (Stryker) runs: the unit, adapter and property
// tests against the source. Left out: the checks of dist/ that mutate nothing in src/ (packing,
// the demo, the soak, bundle sizes, the export surface), the edge-safety check (it bundles
// src/ with esbuild, and Stryker's instrumentation references `process`), the docs, API docs
// and package.json checks, the type tests, and the end-to-end tests through real frameworks,
// which the
// per-module unit tests make redundant for killing mutants and which would rerun for every
// mutant they reach.

import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.js';

/**
 * Stryker stops at the first failing test of a mutant: the quick unit test files go first, the
 * property tests last (vitest's default runs the slowest first).
 */
class UnitTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => (file.moduleId.includes('/test/property/') ? 1 : 0);
    return [...files].sort(
      (a, b) =>
        rank(a) - rank(b) || (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0),
    );
  }
}

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        '**/node_modules/**',
        'test/pack.test.ts',
        'test/demo.test.ts',
        'test/soak.test.ts',
        'test/size.test.ts',
        'test/surface.test.ts',
        'test/api-docs.test.ts',
        'test/docs.test.ts',
        'test/package.test.ts',
        'test/adapters/edge.test.ts',
        'test/integration/**',
        'test/types/**',
        'test/property/**',
      ],
      typecheck: { enabled: false },
      sequence: { sequencer: UnitTestsFirst },
      // A mutant that makes a test hang (a response never sent) fails that test after 10 s, which
      // is much cheaper than Stryker's own timeout, after which it restarts the test runner.
      testTimeout: 10_000,
    },
  }),
);
