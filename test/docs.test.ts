import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without declarations
import { markdownFiles, syncDocs, syncText } from '../scripts/sync-docs.mjs';

describe('docs', () => {
  it('hold exactly the example files their code blocks name (run `npm run docs:sync`)', () => {
    const { stale, problems, examples } = syncDocs();
    expect(problems).toEqual([]);
    expect(stale).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it('every guide is linked from the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const guides = (markdownFiles() as string[])
      .map((f) => f.replace(/.*\/docs\//, 'docs/'))
      .filter((f) => f.startsWith('docs/'));
    expect(guides.length).toBeGreaterThanOrEqual(5);
    // Absolute, so that the links work on the registry's page as well as on GitHub.
    const base = 'https://github.com/http-error-kit/http-error-kit/blob/main/';
    for (const guide of guides) expect(readme).toContain(`](${base}${guide})`);
  });

  it('the sync check fails on a changed block, a missing file and an unclosed block', () => {
    const read = (path: string) => {
      if (path === 'a.ts') return 'const a = 1;\n';
      throw new Error('ENOENT');
    };
    const changed = syncText('<!-- example: a.ts -->\n```ts\nconst a = 2;\n```\n', read);
    expect(changed.text).toBe('<!-- example: a.ts -->\n```ts\nconst a = 1;\n```\n');
    expect(changed.problems).toEqual([]);
    expect(syncText('<!-- example: b.ts -->\n```ts\nx\n```', read).problems).toEqual([
      'b.ts: no such example file',
    ]);
    expect(syncText('<!-- example: a.ts -->\n```ts\nx', read).problems).toEqual([
      'a.ts: the code block is not closed',
    ]);
    expect(syncText('<!-- example: a.ts -->\ntext', read).problems).toEqual([
      'a.ts: the marker must be followed by a fenced code block',
    ]);
    expect(existsSync(new URL('../scripts/sync-docs.mjs', import.meta.url))).toBe(true);
  });
});
