// The HTML error pages in a real browser: headless Chromium from the system packages (Debian's
// /usr/bin/chromium, or CHROMIUM_PATH), driven by playwright-core, loads pages served on
// 127.0.0.1 and must report no Content-Security-Policy violation, run no script and apply the
// page's own style sheet. Screenshots go to test-results/browser/ (git-ignored).

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendError } from '../../src/adapters/node.js';
import {
  BadGatewayError,
  ForbiddenError,
  NotFoundError,
  UnprocessableContentError,
} from '../../src/index.js';
import { HTML_CSP } from '../../src/render/html.js';
import { closeServers, listen } from '../helpers/http.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const found = existsSync(CHROMIUM);
const shots = fileURLToPath(new URL('../../test-results/browser/', import.meta.url));

if (!found) {
  console.warn(
    `browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

function crash(): never {
  const upstream = new BadGatewayError('The ledger answered 503.', {
    cause: new Error('connect ECONNRESET 10.0.0.5:5432'),
  });
  throw new TypeError("Cannot read properties of undefined (reading 'balance')", {
    cause: upstream,
  });
}

const ROUTES: Record<string, () => never> = {
  '/403': () => {
    throw new ForbiddenError('You do not have permission to delete user data.', {
      instance: '/user-data/123',
      extensions: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736' },
    });
  },
  '/422': () => {
    throw new UnprocessableContentError('The order has 2 problems.', {
      instance: '/orders',
      errors: [
        { detail: 'must be a positive integer', pointer: '/quantity' },
        { detail: 'is required', pointer: '/shipping/email' },
      ],
    });
  },
  '/500': crash,
  '/500-debug': crash,
};

describe.skipIf(!found)(
  `HTML error pages in headless Chromium (${CHROMIUM})`,
  { timeout: 30_000 },
  () => {
    let origin = '';
    let profile = '';
    let context: BrowserContext;
    const violations: string[] = [];
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      origin = await listen((req, res) => {
        try {
          const route = ROUTES[req.url ?? ''];
          if (!route) throw new NotFoundError();
          route();
        } catch (err) {
          sendError(res, err, { req, debug: req.url === '/500-debug' });
        }
      });
      profile = mkdtempSync(join(tmpdir(), 'hek-chromium-'));
      mkdirSync(shots, { recursive: true });
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 900, height: 700 },
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      // Reported from inside every page: any resource or inline style the policy refused.
      await context.exposeBinding('reportViolation', (_source, text: string) => {
        violations.push(text);
      });
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { reportViolation(t: string): void }).reportViolation(
            `${e.violatedDirective} ${e.blockedURI} ${e.sample}`,
          );
        });
      });
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      await closeServers();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    let current: Page | undefined;

    /** Loads a path in the one tab (a new tab costs more than a navigation). */
    async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
      if (current) {
        await current.emulateMedia({ colorScheme });
        const response = await current.goto(`${origin}${path}`);
        expect(response?.headers()['content-security-policy']).toBe(HTML_CSP);
        return current;
      }
      const page = context.pages()[0] ?? (await context.newPage());
      current = page;
      page.on('console', (message) => {
        // Chromium logs every error status it loads; that is the point of these pages.
        const status = /^Failed to load resource: the server responded with a status of \d+/;
        if (message.type() === 'error' && !status.test(message.text())) {
          consoleErrors.push(`${page.url()}: ${message.text()}`);
        }
      });
      page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
      await page.emulateMedia({ colorScheme });
      const response = await page.goto(`${origin}${path}`);
      expect(response?.headers()['content-security-policy']).toBe(HTML_CSP);
      expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
      return page;
    }

    /** What the browser made of the page: computed styles that only the style sheet sets. */
    function looks(page: Page) {
      return page.evaluate(() => {
        const style = (selector: string) => {
          const element = document.querySelector(selector);
          return element ? getComputedStyle(element) : undefined;
        };
        return {
          scripts: document.scripts.length,
          title: document.title,
          robots: document.querySelector('meta[name=robots]')?.getAttribute('content'),
          font: style('body')?.fontFamily,
          background: style('body')?.backgroundColor,
          statusSize: style('.status')?.fontSize,
          columns: style('dl')?.gridTemplateColumns.split(' ').length,
        };
      });
    }

    it.each([
      ['/403', 403, '403 Forbidden'],
      ['/422', 422, '422 Unprocessable Content'],
      ['/500', 500, '500 Internal Server Error'],
      ['/500-debug', 500, '500 Internal Server Error'],
    ])(
      'renders %s with its style sheet, no script and no policy violation',
      async (path, status, title) => {
        const page = await open(path);
        const seen = await looks(page);
        expect(seen).toMatchObject({ scripts: 0, title, robots: 'noindex' });
        // Set only by the inline style sheet: had the policy refused it, these would be defaults.
        expect(seen.font).toContain('system-ui');
        expect(seen.background).toBe('rgb(255, 255, 255)');
        expect(await page.locator('.status').textContent()).toBe(String(status));
        await page.screenshot({ path: join(shots, `${path.slice(1)}.png`), fullPage: true });
        expect(violations).toEqual([]);
        expect(consoleErrors).toEqual([]);
      },
    );

    it('shows errors[] as a table and the debug stack and causes as text', async () => {
      const table = await open('/422');
      expect(await table.locator('table tr').allInnerTexts()).toEqual([
        'detail\tpointer',
        'must be a positive integer\t/quantity',
        'is required\t/shipping/email',
      ]);
      const debug = await open('/500-debug');
      expect(await debug.locator('h2').allInnerTexts()).toEqual(['STACK', 'CAUSED BY']);
      expect(await debug.locator('ol > li > p').allInnerTexts()).toEqual([
        '502 BadGatewayError: The ledger answered 503.',
        'Error: connect ECONNRESET 10.0.0.5:5432',
      ]);
      const stack = (await debug.locator('pre').first().textContent()) ?? '';
      expect(stack.split('\n')[0]).toBe(
        "TypeError: Cannot read properties of undefined (reading 'balance')",
      );
      const redacted = await open('/500');
      expect(await redacted.locator('main > *').allTextContents()).toEqual([
        '500',
        'Internal Server Error',
      ]);
    });

    it('follows prefers-color-scheme and narrows to one column on a phone', async () => {
      const dark = await open('/403', 'dark');
      expect((await looks(dark)).background).toBe('rgb(13, 17, 23)');
      await dark.screenshot({ path: join(shots, '403-dark.png') });
      await dark.setViewportSize({ width: 375, height: 700 });
      expect((await looks(dark)).columns).toBe(1);
      await dark.setViewportSize({ width: 900, height: 700 });
      expect((await looks(dark)).columns).toBe(2);
      expect(violations).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  },
);
