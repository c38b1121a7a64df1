import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Metafile, type OutputFile } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The core entry and the Fetch adapter must run on edge runtimes (Workers, Deno, browsers):
// no Node built-ins, no `process`, no `Buffer`.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRIES = ['src/index.ts', 'src/adapters/fetch/index.ts'];

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

const OPTIONS = {
  absWorkingDir: ROOT,
  platform: 'browser',
  bundle: true,
  write: false,
  format: 'esm',
  metafile: true,
  minify: true,
  logLevel: 'silent',
  // For the browser platform esbuild replaces `process.env.NODE_ENV` by a string, which would
  // hide that use from the check; an edge runtime that loads the package unbundled would not.
  define: { 'process.env.NODE_ENV': 'process.env.NODE_ENV' },
} satisfies BuildOptions;

/** Inputs and imports of a bundle that are Node built-ins. */
function nodeInputs(metafile: Metafile): string[] {
  const found: string[] = [];
  for (const [path, input] of Object.entries(metafile.inputs)) {
    if (path.startsWith('node:') || BUILTINS.has(path)) found.push(path);
    for (const imported of input.imports) {
      if (imported.path.startsWith('node:') || BUILTINS.has(imported.path)) {
        found.push(imported.path);
      }
    }
  }
  return found;
}

/** Identifiers `process` and `Buffer` in (minified) output code. */
function nodeGlobals(files: readonly OutputFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const match of file.text.matchAll(/\b(process|Buffer)\b/g)) found.push(match[1] as string);
  }
  return found;
}

describe('edge safety', () => {
  it('bundles the core and the Fetch adapter for the browser without Node built-ins', async () => {
    const result = await build({ ...OPTIONS, entryPoints: ENTRIES, outdir: 'out' });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('src/index.ts');
    expect(inputs).toContain('src/adapters/fetch/index.ts');
    expect(nodeInputs(result.metafile)).toEqual([]);
    expect(result.outputFiles).toHaveLength(2);
    for (const file of result.outputFiles) expect(file.text.length).toBeGreaterThan(0);
    expect(nodeGlobals(result.outputFiles)).toEqual([]);
  });

  it('the checks catch process, Buffer and node: imports', async () => {
    // `process` and `Buffer` as globals survive minification, and are flagged.
    const globals = await build({
      ...OPTIONS,
      stdin: {
        contents: 'export const env = process.env.NODE_ENV; export const b = Buffer.from("x");',
        loader: 'ts',
      },
    });
    expect(nodeGlobals(globals.outputFiles)).toEqual(['process', 'Buffer']);

    // A `node:` import does not build for the browser platform at all …
    const snippet = {
      contents: 'import { readFileSync } from "node:fs"; export { readFileSync };',
    };
    await expect(build({ ...OPTIONS, stdin: snippet })).rejects.toThrow(/node:fs/);
    // … and where it is left external, the metafile check flags it.
    const external = await build({
      ...OPTIONS,
      stdin: snippet,
      external: ['node:*', 'fs'],
    });
    expect(nodeInputs(external.metafile)).toEqual(['node:fs']);
  });
});
