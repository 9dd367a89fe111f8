// Serves the built UI (dist/) on loopback and opens it in Debian's Chromium with the page's
// backend fed from the test: api.ts uses its in-memory backend outside Tauri.
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, extname, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'tests/ui/.artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };

export async function startServer() {
  const server = createServer((req, res) => {
    const path = join(DIST, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!path.startsWith(DIST) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    browser,
    close: async () => { await browser.close(); server.close(); },
  };
}

/**
 * Opens the app page with these vault overviews and rendered notes (and how the desktop status
 * starts, and the log's side: note pages, calendar, statistics); waits for the home screen. The
 * browser speaks Korean unless `locale` says otherwise.
 */
export async function openPage(ctx, vaults, notes = {}, viewport = { width: 1180, height: 820 }, status = undefined, { extra, locale = 'ko-KR', colorScheme = 'light' } = {}) {
  const page = await ctx.browser.newPage({ viewport, locale, colorScheme });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(([v, n, s, x]) => {
    window.__BOKSEUP_VAULTS__ = v;
    window.__BOKSEUP_NOTES__ = n;
    if (s) window.__BOKSEUP_STATUS__ = s;
    if (x) window.__BOKSEUP_EXTRA__ = x;
  }, [vaults, notes, status, extra]);
  await page.goto(ctx.base);
  await page.getByTestId('headline').waitFor();
  return { page, errors };
}
