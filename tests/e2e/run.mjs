// Runs every tests/e2e/*.test.mjs against the built site and prints "e2e: N passed, N failed".
// Usage: node tests/e2e/run.mjs --site build/web/dist --out build/web/screenshots [--only NAME]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveStatic, launchBrowser } from './harness.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const site = path.resolve(args.site || 'build/web/dist');
const out = path.resolve(args.out || 'build/web/screenshots');
if (!fs.existsSync(path.join(site, 'index.html'))) {
  console.error(`e2e: no built site in ${site} (build the web preset first)`);
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });

const here = path.dirname(fileURLToPath(import.meta.url));
const tests = [];
for (const file of fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()) {
  const module = await import(pathToFileURL(path.join(here, file)));
  for (const [name, fn] of Object.entries(module.tests)) tests.push({ name: `${file.replace('.test.mjs', '')}: ${name}`, fn });
}

// A test that hangs (a crashed renderer can leave a Playwright call waiting for ever) fails after this
// long, and the next test gets a new browser: one stuck test must not eat the whole CI budget.
const TEST_TIMEOUT_MS = 5 * 60 * 1000;
function timeout(ms, what) {
  let timer;
  const promise = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(what)), ms); });
  return { promise, cancel: () => clearTimeout(timer) };
}

const server = await serveStatic(site);
const baseUrl = `http://127.0.0.1:${server.address().port}/`;
let browser = await launchBrowser();
let passed = 0, failed = 0;
for (const test of tests) {
  if (args.only && !test.name.includes(args.only)) continue;
  const started = Date.now();
  const limit = timeout(TEST_TIMEOUT_MS, `did not finish within ${TEST_TIMEOUT_MS / 1000} s`);
  try {
    await Promise.race([test.fn({ browser, baseUrl, out, site }), limit.promise]);
    passed++;
    console.log(`ok    ${test.name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL  ${test.name}: ${e.message}`);
    if (!browser.isConnected() || /did not finish/.test(e.message)) {
      const closing = timeout(30000, 'close');
      // A browser that will not close is left behind; Playwright kills it when this process exits.
      await Promise.race([browser.close(), closing.promise]).catch(() => {});
      closing.cancel();
      browser = await launchBrowser();
    }
  } finally {
    limit.cancel();
  }
}
await browser.close();
server.close();
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
