import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
// @ts-expect-error -- a plain .mjs script without declarations
import { missingPaths, packagePaths } from '../scripts/check-exports.mjs';

describe('package.json', () => {
  it('points only at files the build produced', () => {
    expect(missingPaths()).toEqual([]);
  });

  it('names every entry point for ESM and CommonJS, types first', () => {
    const paths = packagePaths(pkg) as [string, string][];
    expect(paths.length).toBeGreaterThanOrEqual(4 * 4 + 4);
    for (const entry of [
      '.',
      './node',
      './express',
      './fetch',
      './next',
      './hono',
      './koa',
      './fastify',
      './nest',
      './check',
    ]) {
      const exportsMap: Record<string, unknown> = pkg.exports;
      const conditions = exportsMap[entry] as Record<string, Record<string, string>> | undefined;
      expect(Object.keys(conditions ?? {})).toEqual(['import', 'require']);
      // `node`: the bundled build Node loads (test/build.test.ts); `default`: one module per
      // source module, for bundlers.
      expect(Object.keys(conditions?.import ?? {})).toEqual(['types', 'node', 'default']);
      expect(Object.keys(conditions?.require ?? {})).toEqual(['types', 'node', 'default']);
    }
  });

  it('maps every subpath in typesVersions to its CommonJS types, for node10 resolution', () => {
    const exportsMap = pkg.exports as Record<string, { require?: { types: string } } | string>;
    const expected: Record<string, string[]> = {};
    for (const [subpath, conditions] of Object.entries(exportsMap)) {
      if (subpath === '.' || typeof conditions === 'string' || !conditions.require) continue;
      expected[subpath.slice(2)] = [conditions.require.types];
    }
    expect(Object.keys(expected)).toContain('nest');
    expect((pkg as { typesVersions?: unknown }).typesVersions).toEqual({ '*': expected });
  });

  it('has no runtime dependencies and no side effects', () => {
    expect((pkg as Record<string, unknown>).dependencies).toBeUndefined();
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.type).toBe('module');
  });

  it('detects a missing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hek-exports-'));
    writeFileSync(join(dir, 'here.js'), '');
    const manifest = {
      exports: { '.': { import: './here.js', require: './nope.cjs' } },
      bin: { x: './b.js' },
    };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    expect(missingPaths(dir)).toEqual([
      ['exports...require', './nope.cjs'],
      ['bin.x', './b.js'],
    ]);
    rmSync(dir, { recursive: true });
  });
});
