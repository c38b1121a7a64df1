import { dirname, resolve } from 'node:path';
import { defineConfig, type Options } from 'tsup';

// The core entry as the adapters import it (every adapter output file sits in dist/adapters/).
const core = resolve('src/index.js');

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * Keeps the adapters' imports of the core entry (`../index.js`, `../../index.js` in src/adapters/) as imports of
 * the built core file next to them (`../index.js`, or `../index.cjs` for CommonJS), so that every
 * entry is one file and all of them share the one copy of the classes in the core.
 */
const coreExternal: Plugin = {
  name: 'core-external',
  setup(build) {
    // tsup builds CommonJS as ESM and converts it afterwards (for tree shaking), so the format
    // esbuild is given says `esm` either way; tsup's TSUP_FORMAT says which one this is.
    const extension = build.initialOptions.define?.TSUP_FORMAT === '"cjs"' ? 'cjs' : 'js';
    build.onResolve({ filter: /^(\.\.\/)+index\.js$/ }, (args) =>
      resolve(dirname(args.importer), args.path) === core
        ? { path: `../index.${extension}`, external: true }
        : undefined,
    );
  },
};

// `npm run build` empties dist/ first; these two builds then write side by side.
export default defineConfig([
  {
    // The library: every package.json export, as ESM and CommonJS with declarations for each.
    // One file per entry and format (no shared chunks: each extra file costs import time); the
    // adapters import the core file, so the entries share one copy of the classes.
    entry: {
      index: 'src/index.ts',
      'adapters/node': 'src/adapters/node.ts',
      'adapters/express': 'src/adapters/express.ts',
      'adapters/fetch': 'src/adapters/fetch/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    esbuildPlugins: [coreExternal],
  },
  {
    // The `http-error-kit` bin: one self-contained ESM file.
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    clean: false,
    target: 'es2022',
    platform: 'node',
  },
]);
