import { readFileSync, writeFileSync } from 'node:fs';
import type { BuildOptions } from 'esbuild';
import { defineConfig } from 'tsup';

// Two builds of the same sources.
//
// For bundlers: one output module per source module, for both formats: no bundling, so a
// consumer's bundler sees the same module graph as src/ and drops what it does not use, and
// every entry shares the one copy of each class. ESM goes to dist/, CommonJS to dist/cjs/ (a
// package.json there says `"type": "commonjs"`, so the `.js` files and the `./x.js` specifiers in
// them stay as written). Declarations come from `tsc` (see the `build` script), one per module
// and format. Every module under src/ is built: a new entry only needs its package.json
// `exports` line.
//
// For Node (the `node` condition of every entry in package.json): Node loads modules one by one,
// and a fresh process paid about 0.3 ms for each of the ~90 small modules of the core entry, 5×
// the cold import of http-errors. dist/node/ holds each entry bundled, with the code entries
// share split into chunks (esbuild's code splitting), so the core is two files and every class
// still exists once however many entries a program imports. dist/cjs/node/ is the same build in
// CommonJS, chunks and all (see the last two configs).
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

type Exports = Record<string, string | { import: { default: string } }>;

/** Each package entry's source module, by its path under dist/ without `.js`. */
function entries(): Record<string, string> {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Exports };
  const out: Record<string, string> = {};
  for (const target of Object.values(pkg.exports)) {
    if (typeof target === 'string') continue;
    const name = target.import.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '');
    out[name] = `src/${name}.ts`;
  }
  return out;
}

const node = {
  entry: entries(),
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'es2022',
  clean: false,
  dts: false,
  silent: true,
  esbuildOptions: (options: BuildOptions) => {
    // Every entry imports the whole core, and nothing is tree-shaken away: so every module of
    // the core is reached by all the entries alike, and esbuild's code splitting puts all of
    // it in one chunk. The core entry then loads as two files (index.js re-exporting from that
    // chunk), where it loaded as seven when each chunk held what some subset of the entries
    // shared: each further module cost a cold import about 0.5 ms. (esbuild also puts an
    // injected file's exports in place of globals of the same names: test/build.test.ts checks
    // that no export of the core is named like a global.)
    options.inject = [...(options.inject ?? []), 'src/index.ts'];
    options.treeShaking = false;
    // Smaller files parse faster; names stay, for readable stack traces (`minify` is tsup's,
    // for Rollup's `compact` below).
    options.minify = false;
    options.minifyWhitespace = true;
    options.minifySyntax = true;
    options.minifyIdentifiers = false;
    options.chunkNames = 'chunks/[name]-[hash]';
  },
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
  { ...node, format: 'esm', outDir: 'dist/node' },
  {
    ...node,
    format: 'cjs',
    // esbuild writes the same ESM chunks, and Rollup (tsup's `treeshake`) turns each into
    // CommonJS, `compact` with `minify`. Rollup assigns a module's exports (`exports.x = x`);
    // esbuild's own conversion defined a getter per export, twice over (`__export`, then
    // `__toCommonJS`), and those ~700 property definitions took a cold `require` 0.7 ms.
    treeshake: true,
    minify: true,
    outDir: 'dist/cjs/node',
    outExtension: () => ({ js: '.js' }),
  },
]);
