// Runs the smoke steps (smoke_steps.mjs) in Firefox ESR and WebKitGTK, headed on a private Xvfb display,
// and prints "engines: N passed, N failed". Every wait has a limit: a driver that does not start fails
// the suite with its reason, and the browsers, drivers and Xvfb are killed on the way out.
// Usage: node tests/engines/run.mjs --site build/web/dist --out build/web/screenshots/engines [--engine firefox|webkit] [--only NAME]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../e2e/harness.mjs';
import { startXvfb, setClipboard } from './display.mjs';
import { startFirefox } from './firefox.mjs';
import { startWebKit } from './webkit.mjs';
import { steps } from './smoke_steps.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const site = path.resolve(args.site || 'build/web/dist');
const out = path.resolve(args.out || 'build/web/screenshots/engines');
const ENGINES = { firefox: startFirefox, webkit: startWebKit };
const engines = args.engine ? args.engine.split(',') : Object.keys(ENGINES);
for (const e of engines) if (!ENGINES[e]) { console.error(`engines: unknown engine ${e} (known: ${Object.keys(ENGINES)})`); process.exit(2); }
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`engines: no built site in ${site} (build the web preset first)`);
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });

// Limits: a start, a step, and the whole run (far below CTest's ceiling, so this process reports and cleans up).
const START_TIMEOUT_MS = 90000;
const STEP_TIMEOUT_MS = 180000;
const RUN_TIMEOUT_MS = engines.length * 10 * 60000;
const VIEWPORT = { width: 1280, height: 760 };
let passed = 0, failed = 0;
setTimeout(() => {
  console.log(`FAIL  the engines' run did not finish within ${RUN_TIMEOUT_MS / 60000} minutes`);
  console.log(`engines: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);  // display.mjs kills the browsers, drivers and Xvfb on exit
}, RUN_TIMEOUT_MS).unref();

function within(ms, promise, what) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

// The page as served, with console_watch.js inline ahead of its own scripts (the engine without a console log
// reads what it records): inline, so that the offline copy of the page, kept from the host, has it too; its
// hash is all the page's Content-Security-Policy gains.
const here = path.dirname(fileURLToPath(import.meta.url));
const watch = fs.readFileSync(path.join(here, 'console_watch.js'), 'utf8');
const page = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
const index = page
  .replace("script-src 'self'", `script-src 'self' 'sha256-${crypto.createHash('sha256').update(watch).digest('base64')}'`)
  .replace('<script type="module"', `<script>${watch}</script>\n  <script type="module"`);
if (!index.includes(`<script>${watch}</script>`) || !index.includes("'sha256-")) throw new Error(`console_watch.js could not be placed in ${site}/index.html`);
async function startHost() {
  const server = await serveStatic(site, { extra: {
    '/': index, '/index.html': index,
    '/engines-blank.html': '<!doctype html><title>blank</title>',  // where a step clears the page's storage
  } });
  // Gone: every connection cut and no new one taken, as when the network drops.
  const close = () => { server.closeAllConnections(); server.close(); };
  return { base: `http://127.0.0.1:${server.address().port}/`, close };
}
const host = await startHost();
const url = host.base;

let display;
try {
  display = await startXvfb();
} catch (e) {
  console.log(`FAIL  starting Xvfb: ${e.message}`);
  console.log(`engines: 0 passed, ${engines.length * steps.length} failed`);
  process.exit(1);
}
// Mesa's software GL (llvmpipe) on Xvfb: no GPU is needed, and every machine draws alike.
const env = { ...process.env, DISPLAY: display, LIBGL_ALWAYS_SOFTWARE: '1' };
delete env.WAYLAND_DISPLAY;

const start = (engine) => within(START_TIMEOUT_MS + 10000, ENGINES[engine]({ env, viewport: VIEWPORT, startTimeoutMs: START_TIMEOUT_MS }), `starting ${engine}`);
for (const engine of engines) {
  const selected = steps.filter((s) => !args.only || s.name.includes(args.only));
  let driver = null;
  for (const step of selected) {
    const name = `${engine}: ${step.name}`;
    if (!driver) {
      const started = Date.now();
      try {
        driver = await start(engine);
        console.log(`      ${engine}: ${driver.version}, started in ${Date.now() - started} ms`);
      } catch (e) {
        // A driver that does not start fails this step and the rest of its engine's, without more waiting.
        const left = selected.length - selected.indexOf(step);
        failed += left;
        console.log(`FAIL  ${engine}: the driver did not start (${left} steps not run): ${e.message}`);
        break;
      }
    }
    const started = Date.now();
    try {
      await within(STEP_TIMEOUT_MS, step.run(driver, { url, out, engine, startHost, setClipboard: (text) => setClipboard(display, text) }), 'the step');
      passed++;
      console.log(`ok    ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL  ${name}: ${e.message}`);
      if (/did not finish/.test(e.message)) {
        driver.kill();  // a hung driver is not trusted with the next step: it starts again
        driver = null;
      }
    }
  }
  if (driver) await within(20000, driver.close(), `closing ${engine}`).catch(() => driver.kill());
}
host.close();
console.log(`engines: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
