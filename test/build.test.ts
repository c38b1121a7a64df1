import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The build (tsup.config.ts, then `tsc` for declarations): one output module per source module,
// as ESM in dist/ and as CommonJS in dist/cjs/, each with its own declarations, and nothing
// else: no bundles, no shared chunks. `npm test` builds dist/ before vitest runs.

const root = fileURLToPath(new URL('..', import.meta.url));

/** Paths under `dir` (relative, `/`-separated) that end with `suffix`. */
function files(dir: string, suffix: string): string[] {
  return readdirSync(`${root}/${dir}`, { recursive: true, encoding: 'utf8' })
    .map((path) => path.replaceAll('\\', '/'))
    .filter((path) => path.endsWith(suffix))
    .sort();
}

const modules = files('src', '.ts').map((path) => path.slice(0, -'.ts'.length));
// The bin is ESM only.
const library = modules.filter((path) => path !== 'cli' && !path.startsWith('cli/'));

describe('the build', () => {
  it('has been run', () => {
    expect(existsSync(`${root}/dist/index.js`), 'run `npm run build` first').toBe(true);
  });

  it('writes one ESM module and one declaration file per source module to dist/', () => {
    const esm = files('dist', '.js').filter((path) => !path.startsWith('cjs/'));
    expect(esm).toEqual(modules.map((path) => `${path}.js`).sort());
    const types = files('dist', '.d.ts').filter((path) => !path.startsWith('cjs/'));
    expect(types).toEqual(modules.map((path) => `${path}.d.ts`).sort());
  });

  it('writes one CommonJS module and one declaration file per library module to dist/cjs/', () => {
    expect(files('dist/cjs', '.js')).toEqual(library.map((path) => `${path}.js`).sort());
    expect(files('dist/cjs', '.d.ts')).toEqual(library.map((path) => `${path}.d.ts`).sort());
    const manifest = JSON.parse(readFileSync(`${root}/dist/cjs/package.json`, 'utf8'));
    expect(manifest).toEqual({ type: 'commonjs' });
  });

  it('keeps imports between modules as imports (nothing inlined from another module)', () => {
    const fetchServer = readFileSync(`${root}/dist/adapters/fetch/server.js`, 'utf8');
    expect(fetchServer).toContain('from "../../render/render-error.js"');
    expect(fetchServer).not.toContain('function renderError');
    const cjsServer = readFileSync(`${root}/dist/cjs/adapters/fetch/server.js`, 'utf8');
    expect(cjsServer).toContain('require("../../render/render-error.js")');
    expect(cjsServer).not.toContain('function renderError');
  });

  it('starts the bin with its hashbang', () => {
    expect(readFileSync(`${root}/dist/cli.js`, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(
      true,
    );
  });
});
