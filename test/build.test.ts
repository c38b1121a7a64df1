import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

// The build (tsup.config.ts, then `tsc` for declarations): one output module per source module,
// as ESM in dist/ and as CommonJS in dist/cjs/, each with its own declarations, for bundlers;
// and for Node itself (the `node` condition) each entry bundled, with shared chunks, in
// dist/node/ and dist/cjs/node/. `npm test` builds dist/ before vitest runs.

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
    const esm = files('dist', '.js').filter(
      (path) => !path.startsWith('cjs/') && !path.startsWith('node/'),
    );
    expect(esm).toEqual(modules.map((path) => `${path}.js`).sort());
    const types = files('dist', '.d.ts').filter((path) => !path.startsWith('cjs/'));
    expect(types).toEqual(modules.map((path) => `${path}.d.ts`).sort());
  });

  it('writes one CommonJS module and one declaration file per library module to dist/cjs/', () => {
    const cjs = files('dist/cjs', '.js').filter((path) => !path.startsWith('node/'));
    expect(cjs).toEqual(library.map((path) => `${path}.js`).sort());
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

  it('writes no declarations into the Node builds (types come from the per-module build)', () => {
    expect(files('dist/node', '.d.ts')).toEqual([]);
    expect(files('dist/cjs/node', '.d.ts')).toEqual([]);
  });

  it('starts the bin with its hashbang', () => {
    expect(readFileSync(`${root}/dist/cli.js`, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(
      true,
    );
  });
});

// What the `node` condition serves: every entry of package.json, bundled, sharing chunks.
type Conditions = { types: string; node: string; default: string };
const ENTRIES = Object.entries(pkg.exports as Record<string, unknown>).filter(
  (entry): entry is [string, { import: Conditions; require: Conditions }] =>
    typeof entry[1] === 'object',
);

/** Runs `code` in a fresh Node process (ESM or CommonJS) at the package root; its stdout. */
function node(code: string, type: 'module' | 'commonjs'): string {
  return execFileSync(process.execPath, [`--input-type=${type}`, '-e', code], {
    cwd: root,
    encoding: 'utf8',
  });
}

describe('the Node build (the `node` condition)', () => {
  it.each(ENTRIES)('%s: ESM and CommonJS bundles exist for the entry', (_, target) => {
    expect(target.import.node).toBe(target.import.default.replace('./dist/', './dist/node/'));
    expect(target.require.node).toBe(
      target.require.default.replace('./dist/cjs/', './dist/cjs/node/'),
    );
    expect(existsSync(`${root}/${target.import.node}`)).toBe(true);
    expect(existsSync(`${root}/${target.require.node}`)).toBe(true);
  });

  // Each module costs a cold start about 0.5 ms (bench #8), so the core is two files: its
  // entry, and the one chunk that holds all of the core's code and imports nothing.
  it('loads the core as two files: its entry and the chunk of the core', () => {
    const imports = (path: string): string[] =>
      [...readFileSync(`${root}/${path}`, 'utf8').matchAll(/from\s*"([^"]+)"/g)].map(
        (m) => m[1] as string,
      );
    const entry = imports('dist/node/index.js');
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatch(/^\.\/chunks\/[\w-]+\.js$/);
    expect(imports(`dist/node/${entry[0]}`)).toEqual([]);
  });

  // The Node build injects the core entry into every entry (tsup.config.ts), and esbuild binds
  // a free identifier named like one of the injected exports to that export.
  it('exports nothing from the core named like a global, which the injection would replace', () => {
    const out = node(
      `const names = Object.keys(require('./dist/cjs/index.js'));
       const globals = new Set(Object.getOwnPropertyNames(globalThis));
       console.log(JSON.stringify({ names: names.length, clash: names.filter((n) => globals.has(n)) }));`,
      'commonjs',
    );
    const { names, clash } = JSON.parse(out) as { names: number; clash: string[] };
    expect(names).toBeGreaterThan(0);
    expect(clash).toEqual([]);
  });

  // A getter per export (esbuild's conversion to CommonJS) made a cold `require` 0.5 ms slower.
  it('assigns the exports of the CommonJS chunk of the core (no getters)', () => {
    const source = readFileSync(`${root}/dist/cjs/node/index.js`, 'utf8');
    const chunks = [...source.matchAll(/require\('(\.\/chunks\/[\w-]+\.js)'\)/g)];
    expect(chunks).toHaveLength(1);
    const out = node(
      `const chunk = require('./dist/cjs/node/${chunks[0]?.[1]?.slice(2)}');
       const names = Object.keys(chunk);
       console.log(JSON.stringify({
         missing: Object.keys(require('./dist/cjs/node/index.js')).filter((n) => !(n in chunk)),
         getters: names.filter((n) => Object.getOwnPropertyDescriptor(chunk, n).get),
       }));`,
      'commonjs',
    );
    const { missing, getters } = JSON.parse(out) as { missing: string[]; getters: string[] };
    expect(missing).toEqual([]);
    expect(getters).toEqual([]);
  });

  // Node resolves `http-error-kit` (the package's name, from its own root) through `exports`,
  // so these are the files a Node program loads.
  const SAME_CLASS = `
    const err = await fetchEntry.fromResponse(new Response('', { status: 403 }));
    console.log(JSON.stringify({
      resolved: RESOLVED,
      // fromResponse makes the base class of the status: the core's, not a second copy of it.
      same: err instanceof core.ForbiddenError && err.constructor === core.HttpError,
    }));`;

  it('shares one copy of each class between the entries (ESM)', () => {
    const out = node(
      `const core = await import('http-error-kit');
       const fetchEntry = await import('http-error-kit/fetch');
       const RESOLVED = import.meta.resolve('http-error-kit');
       ${SAME_CLASS}`,
      'module',
    );
    expect(JSON.parse(out)).toEqual({
      resolved: pathToFileURL(join(root, 'dist/node/index.js')).href,
      same: true,
    });
  });

  it('shares one copy of each class between the entries (CommonJS)', () => {
    const out = node(
      `(async () => {
         const core = require('http-error-kit');
         const fetchEntry = require('http-error-kit/fetch');
         const RESOLVED = require.resolve('http-error-kit');
         ${SAME_CLASS}
       })();`,
      'commonjs',
    );
    expect(JSON.parse(out)).toEqual({
      resolved: join(root, 'dist/cjs/node/index.js'),
      same: true,
    });
  });
});

describe('one package, four builds: instanceof holds across them', () => {
  // ESM and CommonJS, each per module (bundlers) and bundled (Node): a program (or a dependency
  // of it) may load several of them at once; an error from any is an HttpError for all.
  const BUILDS = {
    esm: 'dist/index.js',
    cjs: 'dist/cjs/index.js',
    'esm (node)': 'dist/node/index.js',
    'cjs (node)': 'dist/cjs/node/index.js',
  };

  it('recognises the errors of every build, and keeps each named class its own', () => {
    const out = node(
      `import { createRequire } from 'node:module';
       const require = createRequire(${JSON.stringify(`${join(root, 'package.json')}`)});
       const builds = {};
       for (const [name, path] of Object.entries(${JSON.stringify(BUILDS)})) {
         builds[name] = name.startsWith('cjs') ? require('./' + path) : await import('./' + path);
       }
       const result = {};
       for (const [a, kitA] of Object.entries(builds)) {
         for (const [b, kitB] of Object.entries(builds)) {
           const err = new kitB.ForbiddenError('No.');
           result[a + ' <- ' + b] = [
             err instanceof kitA.HttpError,
             err instanceof kitA.ForbiddenError,
             kitA.isHttpError(err),
             err instanceof kitA.NotFoundError,
           ];
         }
       }
       console.log(JSON.stringify(result));`,
      'module',
    );
    const result = JSON.parse(out) as Record<string, [boolean, boolean, boolean, boolean]>;
    expect(Object.keys(result)).toHaveLength(16);
    for (const [pair, [asHttpError, asNamed, branded, asOther]] of Object.entries(result)) {
      expect(asHttpError, pair).toBe(true);
      expect(branded, pair).toBe(true);
      // A named class recognises the errors of its status from every build, and no other.
      expect(asNamed, pair).toBe(true);
      expect(asOther, pair).toBe(false);
    }
  });
});
