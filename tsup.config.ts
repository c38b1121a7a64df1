import { writeFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One output module per source module, for both formats: no bundling, so a consumer's bundler
// sees the same module graph as src/ and drops what it does not use, and every entry shares the
// one copy of each class. ESM goes to dist/, CommonJS to dist/cjs/ (a package.json there says
// `"type": "commonjs"`, so the `.js` files and the `./x.js` specifiers in them stay as written).
// Declarations come from `tsc` (see the `build` script), one per module and format.
// Every module under src/ is built: a new entry only needs its package.json `exports` line.
const common = {
  entry: ['src/**/*.ts'],
  bundle: false,
  clean: false,
  dts: false,
  target: 'es2022',
  platform: 'neutral',
  splitting: false,
  treeshake: false,
  silent: true,
} as const;

export default defineConfig([
  { ...common, format: 'esm', outDir: 'dist' },
  {
    ...common,
    // The `http-error-kit` bin is ESM only.
    entry: [...common.entry, '!src/cli.ts', '!src/cli/**'],
    format: 'cjs',
    // `node` makes esbuild annotate the exports for Node's CommonJS named-export detection.
    platform: 'node',
    outDir: 'dist/cjs',
    outExtension: () => ({ js: '.js' }),
    onSuccess: async () => {
      writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');
    },
  },
]);
