// No Markdown file of the repository carries the markers of a merge that was not resolved: a
// README once shipped with them. Every `*.md` file git knows of (tracked, or new and not
// ignored) is read, so a new page is checked without being listed here.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The lines of `text` that are conflict markers, as `line: text`: `<<<<<<< ours`,
 * `||||||| base` (diff3), `>>>>>>> theirs`, anywhere — a fenced block is no excuse, since git
 * writes them there too. A bare `=======` is left alone: it is also a setext heading's
 * underline, and it never comes without the other two.
 */
function conflictMarkers(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line, i) => (/^(<{7}|\|{7}|>{7})( |$)/.test(line) ? [`${i + 1}: ${line}`] : []));
}

const files = execFileSync(
  'git',
  ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.md'],
  { cwd: root, encoding: 'utf8' },
)
  .split('\n')
  .filter((file) => file !== '');

describe('Markdown files', () => {
  it('are found: README, CHANGELOG, ARCHITECTURE and every page of docs/', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'ARCHITECTURE.md']));
    expect(files.filter((file) => file.startsWith('docs/')).length).toBeGreaterThanOrEqual(10);
    expect(files.some((file) => file.includes('node_modules/'))).toBe(false);
  });

  it.each(files)('%s has no merge conflict markers', (file) => {
    expect(conflictMarkers(readFileSync(join(root, file), 'utf8'))).toEqual([]);
  });

  it('the check finds each marker, and leaves headings and rules alone', () => {
    const merged = [
      '# Title',
      'Setext',
      '=======',
      '<<<<<<< HEAD',
      'ours',
      '||||||| base',
      'base',
      '=======',
      'theirs',
      '>>>>>>> main',
      '```',
      '<<<<<<<',
      '```',
      'a <<<<<<< in prose',
      '<<<<<<<< eight',
    ].join('\n');
    expect(conflictMarkers(merged)).toEqual([
      '4: <<<<<<< HEAD',
      '6: ||||||| base',
      '10: >>>>>>> main',
      '12: <<<<<<<',
    ]);
  });
});
