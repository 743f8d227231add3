// The end-to-end harness: serves the built site on loopback, drives Debian's Chromium headless with
// playwright-core, and gives each test a fresh page that fails on any console error.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.data': 'application/octet-stream', '.json': 'application/json', '.png': 'image/png', '.css': 'text/css',
};

// Content-Encoding → the suffix of scripts/precompress.mjs's copy.
const COPY_SUFFIX = { br: '.br', gzip: '.gz' };

// Serves `root` on loopback (a folder, or a function that names the folder at each request: a host whose
// site is replaced by a new build). Options, to act as a real host would: `prefix` serves the site under a
// sub-path (a university web space's /~lecturer/bpeviz/); `precompressed` answers with NAME.br or NAME.gz and
// its Content-Encoding when the browser accepts it and the copy exists (nginx's brotli_static and gzip_static);
// `served` collects [path, encoding] for each answer; `extra` maps URL paths to bodies served instead of (or
// beside) the site's files (tests/engines adds a script).
export function serveStatic(root, { prefix = '/', precompressed = false, served = null, extra = {} } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (Object.hasOwn(extra, url.pathname)) {
      res.writeHead(200, { 'Content-Type': MIME[path.extname(url.pathname)] || MIME['.html'] });
      res.end(extra[url.pathname]);
      return;
    }
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404); res.end('not found'); return; }
    const inside = '/' + url.pathname.slice(prefix.length);
    const file = path.join(typeof root === 'function' ? root() : root, path.normalize(decodeURIComponent(inside)).replace(/^(\.\.[/\\])+/, ''));
    const target = inside.endsWith('/') ? path.join(file, 'index.html') : file;
    const accepted = precompressed ? String(req.headers['accept-encoding'] || '') : '';
    const encoding = Object.keys(COPY_SUFFIX).find((e) => accepted.includes(e) && fs.existsSync(target + COPY_SUFFIX[e]));
    fs.readFile(encoding ? target + COPY_SUFFIX[encoding] : target, (err, body) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      const headers = { 'Content-Type': MIME[path.extname(target)] || 'application/octet-stream' };
      if (encoding) Object.assign(headers, { 'Content-Encoding': encoding, Vary: 'Accept-Encoding' });
      if (served) served.push([inside, encoding || 'identity']);
      res.writeHead(200, headers);
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// The flags that make Debian's headless Chromium render WebGL2 (docs/toolchain.md).
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  // Shared memory in /tmp rather than /dev/shm, which containers often cap at 64 MB (a 100 MB paste crosses it).
  '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export class AssertionError extends Error {}
export function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}
export function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${what}: expected ${e}, got ${a}`);
}

// Polls fn() in the page until it returns a truthy value.
export async function waitFor(page, fn, arg, what, timeout = 10000) {
  try {
    return await page.waitForFunction(fn, arg, { timeout, polling: 50 });
  } catch (e) {
    throw new AssertionError(`timed out waiting for ${what}`);
  }
}

// Opens the page in a fresh context; console errors and uncaught exceptions are collected.
export async function openPage(browser, baseUrl, options = {}) {
  const { viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, initScript, permissions } = options;
  const context = await browser.newContext({
    viewport, deviceScaleFactor, permissions, acceptDownloads: Boolean(options.acceptDownloads),
    // The deployable site's service worker (the offline copy) answers requests before page.route sees them:
    // only the tests of the offline copy let it run.
    serviceWorkers: options.serviceWorkers || 'block',
    isMobile: Boolean(options.isMobile), hasTouch: Boolean(options.hasTouch),
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  if (initScript) await page.addInitScript(initScript);
  await page.goto(baseUrl + (options.path || ''));
  return { context, page, errors };
}

// The screens of a class, as Chromium emulates them (a phone and a small phone upright, a phone on its side,
// a tablet upright): pass one's fields as withReadyPage's options.
export const DEVICES = [
  { name: 'phone-small', viewport: { width: 320, height: 568 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  { name: 'phone-landscape', viewport: { width: 844, height: 390 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  { name: 'tablet', viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];

// A data file's name as the page asks for it, from the deployable site's name with its content hash
// (scripts/version_site.mjs): o200k_base.1a2b3c4d5e6f.bpevocab → o200k_base.bpevocab.
export const unversioned = (name) => name.replace(/\.[0-9a-f]{12}(\.[^.]+)$/, '$1');

// Waits for the first frame; a page that never gets there fails the test instead of waiting for ever.
export async function waitReady(page, timeout = 60000) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new AssertionError(`the page was not ready within ${timeout / 1000} s`)), timeout);
  });
  try {
    await Promise.race([page.evaluate(() => window.bpeviz.ready), late]);
  } finally {
    clearTimeout(timer);
  }
}

// Waits for n frames of the page.
export async function frames(page, n) {
  for (let i = 0; i < n; i++) await page.evaluate(() => window.bpeviz.nextFrame());
}

// Frames until a touch gesture has played out (a tap takes three, a flick up to two seconds). The first
// frame takes in the touch events the browser has dispatched: until then the gesture has not begun.
export async function settleTouch(page) {
  await frames(page, 1);
  await waitFor(page, () => !window.bpeviz.state().touch.busy, null, 'the touch gesture to play out');
  await frames(page, 2);
}

// A finger's tap at (x, y), CSS pixels, played out.
export async function tap(page, x, y) {
  await page.touchscreen.tap(x, y);
  await settleTouch(page);
}

// Replaces the text through the page's API and lets two frames draw it.
export async function setText(page, text) {
  await page.evaluate((t) => window.bpeviz.setText(t), text);
  await frames(page, 2);
}

// A fresh page, ready and on its first encoding; fn(page, session) runs, and the page must have
// logged no console errors by its end.
export async function withReadyPage(browser, baseUrl, options, fn) {
  const session = await openPage(browser, baseUrl, { viewport: { width: 1280, height: 720 }, ...options });
  try {
    await waitReady(session.page);
    await waitFor(session.page, () => window.bpeviz.state().encoding !== 'bytes' || window.bpeviz.state().requestedEncoding === '',
                  null, 'the first encoding', 30000);  // 10 s was too short on a loaded 2-core machine
    await fn(session.page, session);
    assertEqual(session.errors, [], 'console errors');
  } finally {
    await session.context.close();
  }
}

// The [r, g, b] colour of one screen pixel at CSS pixel (x, y), read from a screenshot of just that pixel.
export async function pixel(page, x, y) {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return [...(await pngPixels(page, png)).data.slice(0, 3)];
}

// A PNG (a screenshot) as {width, height, data}: its RGBA bytes, decoded by the browser in `page`.
export async function pngPixels(page, png) {
  const { width, height, base64 } = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = new OffscreenCanvas(img.width, img.height);
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    const bytes = context.getImageData(0, 0, img.width, img.height).data;
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { width: img.width, height: img.height, base64: btoa(binary) };
  }, png.toString('base64'));
  return { width, height, data: new Uint8ClampedArray(Buffer.from(base64, 'base64')) };
}
