// The README as a new user reads it: the quick start's transcript is what the quick start
// really answers, and every link works where the README is read (GitHub, the registry's page).

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { blockAfter, markdownLinks } from './helpers/markdown.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** Where the repository serves a file of its default branch, page and raw. */
const REPO = 'https://github.com/http-error-kit/http-error-kit';
const FILE_PAGE = `${REPO}/blob/main/`;
const FILE_RAW = 'https://raw.githubusercontent.com/http-error-kit/http-error-kit/main/';

describe('package.json metadata', () => {
  it('names the repository, its home page, where to report bugs and the author', () => {
    const meta = pkg as Record<string, unknown>;
    expect(meta.repository).toEqual({ type: 'git', url: `git+${REPO}.git` });
    expect(meta.homepage).toBe(`${REPO}#readme`);
    expect(meta.bugs).toEqual({ url: `${REPO}/issues` });
    expect(meta.author).toBe('http-error-kit contributors');
    expect(meta.license).toBe('MIT');
  });
});

describe('README links', () => {
  const links = markdownLinks(readme);

  it('are absolute, so that they work on the registry page too', () => {
    expect(links.length).toBeGreaterThanOrEqual(10);
    const relative = links.filter((link) => !/^https:\/\//.test(link) && !link.startsWith('#'));
    expect(relative, `write them as ${FILE_PAGE}<path>`).toEqual([]);
  });

  it('to files of this repository name files that exist', () => {
    const own = links.flatMap((link) => {
      for (const base of [FILE_PAGE, FILE_RAW]) {
        if (link.startsWith(base)) return [link.slice(base.length).replace(/#.*/, '')];
      }
      return [];
    });
    expect(own).toContain('docs/adapters.md');
    expect(own).toContain('docs/images/403.png');
    expect(own.filter((path) => !existsSync(`${root}/${path}`))).toEqual([]);
  });

  it('finds links, images and reference definitions, and skips code', () => {
    const text = [
      'See [a](https://a.example/x) and ![b](docs/b.png "title") or <img src="c.png">.',
      '[d]: ../d.md',
      '`[not](e.md)`',
      '```md',
      '[not](f.md)',
      '```',
    ].join('\n');
    expect(markdownLinks(text)).toEqual(['https://a.example/x', 'docs/b.png', '../d.md', 'c.png']);
  });
});

describe('README quick start', () => {
  let child: ChildProcess | undefined;
  let origin = '';

  beforeAll(async () => {
    // Runs against the built package, as `node examples/quick-start.mjs` does for a user.
    expect(existsSync(`${root}/dist/adapters/express.js`), 'run `npm run build` first').toBe(true);
    const started = spawn(process.execPath, ['examples/quick-start.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child = started;
    origin = await new Promise<string>((resolve, reject) => {
      let out = '';
      started.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /Listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
        if (m) resolve(m[1] as string);
      });
      started.on('exit', (code) => reject(new Error(`quick start exited with ${code}: ${out}`)));
    });
  }, 20_000);

  afterAll(() => {
    child?.kill();
  });

  /** The fields the README shows, in its spelling, when the response has them. */
  const SHOWN = ['WWW-Authenticate', 'Content-Type', 'Cache-Control'];

  async function exchange(command: string, init: RequestInit, path: string): Promise<string> {
    const res = await fetch(`${origin}${path}`, init);
    const lines = [`$ ${command}`, `HTTP/1.1 ${res.status} ${res.statusText}`];
    for (const name of SHOWN) {
      const value = res.headers.get(name);
      if (value !== null) lines.push(`${name}: ${value}`);
    }
    lines.push('', await res.text());
    return lines.join('\n');
  }

  it('answers the 401 and the 403 the README shows, byte for byte', async () => {
    const url = 'http://127.0.0.1:3000/user-data/123';
    const transcript = [
      await exchange(`curl -i -X DELETE ${url}`, { method: 'DELETE' }, '/user-data/123'),
      await exchange(
        `curl -i -X DELETE -H 'Authorization: Bearer 456' ${url}`,
        { method: 'DELETE', headers: { authorization: 'Bearer 456' } },
        '/user-data/123',
      ),
    ].join('\n\n');
    expect(blockAfter(readme, '<!-- response: examples/quick-start.mjs -->')).toBe(transcript);
  });

  it('lets the owner delete their own data', async () => {
    const res = await fetch(`${origin}/user-data/123`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer 123' },
    });
    expect(res.status).toBe(204);
  });
});
