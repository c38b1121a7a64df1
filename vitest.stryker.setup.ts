// Loaded by vitest.stryker.config.ts after Stryker's own setup file. Stryker stops a mutant
// that loops forever once its code has run 100 times as often as in the initial test run; the
// tests on 100 kB headers and 1 MB bodies make that bound tens of millions of iterations, so a
// looping mutant ran into Stryker's timeout instead (some 20 s, then a restart of the test
// runner). Ten times the initial count stops it sooner. A mutant stopped there fails the test
// it was in (Killed); one whose stop was swallowed by a never-throwing function is judged by
// the tests alone.
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    mode: 'dry-run' | 'mutant';
    globalNamespace: string;
    hitLimit: number | undefined;
  }
}

if (inject('mode') === 'mutant') {
  const limit = inject('hitLimit');
  const ns = (globalThis as unknown as Record<string, { hitLimit?: number } | undefined>)[
    inject('globalNamespace')
  ];
  if (ns !== undefined && typeof limit === 'number') ns.hitLimit = Math.ceil(limit / 10);
}
