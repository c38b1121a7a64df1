// The vitest configuration `npm run mutation` (Stryker) runs: the unit and adapter tests against
// the source. Left out:
// - the checks of dist/, which mutate nothing in src/: packing, the demo, the soak, bundle
//   sizes, the export surface, and the docs, Markdown, API docs and package.json checks;
// - the edge-safety check, which bundles src/ with esbuild (Stryker's instrumentation refers
//   to `process`), and the type tests;
// - the tests of a second copy of the package (see `testNamePattern` below);
// - the end-to-end tests through real frameworks and the property tests, which the per-module
//   unit tests make redundant for killing mutants and which would rerun, slowly, for every
//   mutant they reach (the property tests are random, too: a mutant's fate would vary by run).
import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.js';

/** Test files that are slow per test (real sockets, big bodies, second package copies). */
const SLOW = ['/test/adapters/', '/test/examples', '/test/errors/brand.', '/test/problem/guide.'];

/** Mutant id → the file it is in, read once from the instrumented sources of the sandbox. */
let mutantFiles: Map<string, string> | undefined;

function fileOfMutant(id: unknown): string | undefined {
  if (mutantFiles === undefined) {
    mutantFiles = new Map();
    for (const name of readdirSync('src', { recursive: true, encoding: 'utf8' })) {
      if (!name.endsWith('.ts')) continue;
      const file = `src/${name.replaceAll('\\', '/')}`;
      for (const match of readFileSync(file, 'utf8').matchAll(/stryMutAct_\w+\("(\d+)"\)/g)) {
        mutantFiles.set(match[1] as string, file);
      }
    }
  }
  return typeof id === 'string' ? mutantFiles.get(id) : undefined;
}

/**
 * Stryker stops at the first failing test of a mutant, so the tests most likely to fail
 * quickly go first: the test file of the mutated module (`src/a/b.ts` → `test/a/b.test.ts`),
 * then the quick unit tests, then the slow ones. (Vitest's default runs the slowest first.)
 */
class MirrorFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const context = this.ctx.getProvidedContext() as { activeMutant?: unknown };
    const mutated = fileOfMutant(context.activeMutant);
    const mirror = mutated?.replace(/^src\//, '/test/').replace(/\.ts$/, '.test.ts');
    const rank = (file: TestSpecification): number => {
      const id = file.moduleId.replaceAll('\\', '/');
      if (mirror !== undefined && id.endsWith(mirror)) return 0;
      return SLOW.some((part) => id.includes(part)) ? 2 : 1;
    };
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
        'test/markdown.test.ts',
        'test/package.test.ts',
        'test/adapters/edge.test.ts',
        'test/integration/**',
        'test/property/**',
        'test/types/**',
      ],
      // Left out by name: the tests of a second copy of the package. They load every module of
      // src/ again inside the test, so Stryker counts each of them as covering every line that
      // runs at import (constant tables, schemas), which makes those static mutants look covered
      // by tests that cannot see them, instead of leaving them to `ignoreStatic`.
      testNamePattern: /^(?!.*(?:second, separately loaded copy|another copy of the package))/,
      typecheck: { enabled: false },
      // After Stryker's own setup file, which the runner puts first.
      setupFiles: ['./vitest.stryker.setup.ts'],
      sequence: { sequencer: MirrorFirst },
      // A mutant that makes a test hang (a response never sent) fails that test after 10 s,
      // which costs less than Stryker's own timeout, after which it restarts the test runner.
      testTimeout: 10_000,
    },
  }),
);
