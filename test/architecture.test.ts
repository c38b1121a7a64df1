import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md draws src/; these tests keep the drawing and the code in step: every module it
// names exists, every module and folder of src/ is in it, the import graph has no cycle, and the
// render pipeline reads one way (a stage never imports a later stage, nor the orchestrator).

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return path.endsWith('.ts') ? [relative(root, path)] : [];
  });
}

const MODULES = modules(src).sort();

/** Relative imports and re-exports of a module, type-only ones included, as repo paths. */
function importsOf(module: string): string[] {
  const text = readFileSync(join(root, module), 'utf8');
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((file) => file.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(root, resolve(root, dirname(module), name.replace(/\.js$/, '.ts'))));
}

const GRAPH = new Map(MODULES.map((m) => [m, importsOf(m)]));

/** Every module `module` reaches through its imports, itself excluded. */
function reach(module: string): Set<string> {
  const seen = new Set<string>();
  const todo = [...(GRAPH.get(module) ?? [])];
  while (todo.length > 0) {
    const next = todo.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    todo.push(...(GRAPH.get(next) ?? []));
  }
  return seen;
}

describe('import graph of src/', () => {
  it('resolves every relative import to a module of src/', () => {
    const missing = [...GRAPH].flatMap(([m, deps]) =>
      deps.filter((d) => !GRAPH.has(d)).map((d) => `${m} → ${d}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no import cycle (type-only imports included)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (m: string) => {
      state.set(m, 'open');
      stack.push(m);
      for (const d of GRAPH.get(m) ?? []) {
        if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d].join(' → '));
        else if (!state.has(d)) visit(d);
      }
      stack.pop();
      state.set(m, 'done');
    };
    for (const m of MODULES) if (!state.has(m)) visit(m);
    expect(cycles).toEqual([]);
  });
});

// The stages in pipeline order (ARCHITECTURE.md, "The pipeline"); serialize includes its writers.
const STAGES: [string, string[]][] = [
  ['normalize', ['src/errors/normalize.ts']],
  ['redact', ['src/render/to-problem.ts']],
  ['negotiate', ['src/render/negotiate.ts']],
  [
    'serialize',
    ['json', 'xml', 'html', 'text', 'serialize'].map((name) => `src/render/${name}.ts`),
  ],
];
const ORCHESTRATION = [
  'src/render/render-error.ts',
  ...MODULES.filter((m) => m.startsWith('src/adapters/')),
];

describe('the render pipeline reads one way', () => {
  it.each(STAGES.map(([name, files], i) => [name, files, i] as const))(
    '%s imports no later stage, no adapter and not render-error.ts',
    (_, files, i) => {
      const later = STAGES.slice(i + 1).flatMap(([, f]) => f);
      const forbidden = new Set([...later, ...ORCHESTRATION]);
      for (const file of files) {
        expect(GRAPH.has(file), `${file} exists`).toBe(true);
        expect(
          [...reach(file)].filter((m) => forbidden.has(m)),
          file,
        ).toEqual([]);
      }
    },
  );

  it('adapters never build bodies: of src/render/ they import render-error.ts alone', () => {
    const adapters = MODULES.filter((m) => m.startsWith('src/adapters/'));
    expect(adapters.length).toBeGreaterThan(8);
    const stages = adapters.flatMap((m) =>
      (GRAPH.get(m) ?? [])
        .filter((d) => d.startsWith('src/render/') && d !== 'src/render/render-error.ts')
        .map((d) => `${m} → ${d}`),
    );
    expect(stages).toEqual([]);
  });

  it('renderError reaches every stage', () => {
    const reached = reach('src/render/render-error.ts');
    for (const [, files] of STAGES) for (const file of files) expect(reached).toContain(file);
  });
});

describe('brands', () => {
  it("are all in src/internal/symbols.ts: no other module makes a Symbol.for('http-error-kit.…')", () => {
    const elsewhere = MODULES.filter(
      (m) =>
        m !== 'src/internal/symbols.ts' &&
        /Symbol\.for\(\s*['"`]http-error-kit/.test(readFileSync(join(root, m), 'utf8')),
    );
    expect(elsewhere).toEqual([]);
  });
});

describe('ARCHITECTURE.md', () => {
  const text = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');

  // A module is named by its path (`src/render/negotiate.ts`), or by its file name in the row
  // or the drawing line of its folder (`forbidden.ts` in the `src/errors/` row).
  const named = new Set<string>();
  for (const line of text.split('\n')) {
    const folder = /src\/[\w/-]*\//.exec(line)?.[0];
    for (const [path] of line.matchAll(/src\/[\w/.-]+\.ts/g)) named.add(path);
    if (folder === undefined) continue;
    for (const [, file] of line.matchAll(/(?<![\w/.-])([\w-]+(?:\/[\w-]+)*\.ts)\b/g)) {
      if (file !== undefined && !file.startsWith('src/')) named.add(`${folder}${file}`);
    }
  }

  it('names modules', () => {
    expect(named.size).toBeGreaterThan(40);
  });

  it.each([...named].sort())('names %s, which exists', (path) => {
    expect(existsSync(join(root, path))).toBe(true);
  });

  it('names every module of src/', () => {
    expect(MODULES.filter((m) => !named.has(m))).toEqual([]);
  });

  it.each(readdirSync(src).filter((name) => statSync(join(src, name)).isDirectory()))(
    'describes the folder src/%s/',
    (folder) => {
      expect(text).toContain(`src/${folder}/`);
    },
  );
});
