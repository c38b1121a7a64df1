import { defineConfig } from 'tsup';

// `npm run build` empties dist/ first; these two builds then write side by side.
export default defineConfig([
  {
    // The library: every package.json export, as ESM and CommonJS with declarations for each.
    // Splitting gives each format one shared chunk, so the entries share one copy of the core.
    entry: {
      index: 'src/index.ts',
      'adapters/node': 'src/adapters/node.ts',
      'adapters/express': 'src/adapters/express.ts',
      'adapters/fetch': 'src/adapters/fetch.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: false,
    target: 'es2022',
    platform: 'neutral',
    splitting: true,
    treeshake: true,
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
