import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples import the package by name, as users do; the tests run them against the source.
    alias: [
      { find: /^http-error-kit$/, replacement: src('index.ts') },
      { find: /^http-error-kit\/fetch$/, replacement: src('adapters/fetch/index.ts') },
      {
        find: /^http-error-kit\/(node|express|next|hono|koa|fastify|nest)$/,
        replacement: src('adapters/$1.ts'),
      },
      { find: /^http-error-kit\/check$/, replacement: src('check/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: 'test/tsconfig.json',
    },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/cli.ts'],
      thresholds: { lines: 98, branches: 98, functions: 98, statements: 98 },
      reporter: ['text-summary', 'text'],
    },
  },
});
