// The offline copy (web/service_worker.js in the deployable site, build/web/dist): after one visit the page
// opens with the network gone, with the last text and the encodings already opened; an encoding never
// downloaded says so; and a new build on the host replaces the old one at the next visit, never mixed with it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serveStatic, openPage, waitReady, waitFor, setText, assert, assertEqual } from './harness.mjs';
import { versionSite } from '../../scripts/version_site.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const GPL = fs.readFileSync('/usr/share/common-licenses/GPL-3', 'utf8').slice(4000, 6000);
const tiktokenIds = (name, text) => {
  const enc = tiktoken.get_encoding(name);
  try { return [...enc.encode(text)]; } finally { enc.free(); }
};
const state = (page) => page.evaluate(() => window.bpeviz.state());

// Until the service worker controls the page: from then on its requests go through the offline copy.
async function waitForOfflineCopy(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await waitFor(page, () => navigator.serviceWorker.controller !== null, null, 'the service worker to take the page', 30000);
}
// The build folder the running page's code came from (scripts/version_site.mjs).
const buildOf = (page) => page.evaluate(() => new URL(document.querySelector('script[type=module]').src).pathname.split('/').at(-3));

// A host: serves whichever folder `site.root` names, and can go away (the network gone).
async function host(root) {
  const site = { root };
  const server = await serveStatic(() => site.root);
  site.base = `http://127.0.0.1:${server.address().port}/`;
  site.close = () => { server.closeAllConnections(); server.close(); };
  return site;
}

export const tests = {
  async 'after one visit the page opens offline with the last text and its encoding; another page on the host is left to the host'({ browser, site, out }) {
    const served = await host(site);
    const session = await openPage(browser, served.base, { serviceWorkers: 'allow' });
    try {
      const { page, context } = session;
      await waitReady(page);
      await waitForOfflineCopy(page);
      // Another page beside it on the host is the host's to answer (here: there is none), not the offline copy's.
      const other = await page.goto(`${served.base}notes/lecture-3.html`);
      assertEqual(other.status(), 404, 'a page beside bpeviz, as the host answers it');
      await page.goto(served.base);
      await waitReady(page);
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await setText(page, GPL);
      await waitFor(page, (t) => (localStorage.getItem('bpeviz.session') || '').includes(JSON.stringify(t).slice(1, 40)), GPL, 'the session to be kept');
      const kept = await page.evaluate(async () => {
        let bytes = 0, files = 0;
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) { bytes += (await (await cache.match(request)).arrayBuffer()).byteLength; files++; }
        }
        return { bytes, files };
      });
      console.log(`      offline copy after the visit: ${kept.files} files, ${(kept.bytes / 1e6).toFixed(1)} MB`);

      // The network gone: the browser offline, and the host stopped.
      await context.setOffline(true);
      served.close();
      await page.reload();
      await waitReady(page);
      await waitFor(page, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base from the offline copy', 30000);
      const s = await state(page);
      assertEqual(s.text, GPL, 'the last text');
      assertEqual(s.tokens.map((t) => t.id), tiktokenIds('cl100k_base', GPL), 'cl100k_base ids offline');
      await page.screenshot({ path: path.join(out, 'offline-reload.png') });
      // The first encoding, fetched before the service worker took the page, was kept as well.
      await page.evaluate(() => window.bpeviz.setEncoding('o200k_base'));
      assertEqual((await state(page)).tokens.map((t) => t.id), tiktokenIds('o200k_base', GPL), 'o200k_base ids offline');
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));

      const error = await page.evaluate(() => window.bpeviz.setEncoding('p50k_base').then(() => null, (e) => e.message));
      assert(/p50k_base/.test(error || ''), `picking an encoding never downloaded fails: ${error}`);
      const after = await state(page);
      assertEqual(after.message, 'Could not load p50k_base: this device is offline, and it was not downloaded on an earlier visit', 'its message');
      assertEqual(after.encoding, 'cl100k_base', 'the encoding in use');
      await page.screenshot({ path: path.join(out, 'offline-missing-encoding.png') });
      // Only the failed download itself may be logged.
      assertEqual(session.errors.filter((e) => !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(e)), [], 'console errors');
    } finally {
      served.close();
      await session.context.close();
    }
  },

  async 'a new build on the host replaces the old one at the next visit, never mixed'({ browser, site }) {
    // The next build: the same site with one page file changed, versioned as the build does it.
    const built = path.join(path.dirname(site), 'site');
    assert(fs.existsSync(path.join(built, 'page/main.js')), `the build's site beside ${site}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpeviz-next-build-'));
    fs.cpSync(built, path.join(dir, 'site'), { recursive: true, filter: (f) => !/\.(gz|br|tiktoken)$/.test(f) });
    fs.appendFileSync(path.join(dir, 'site/page/main.js'), '\n// the next build\n');
    const next = versionSite(path.join(dir, 'site'), path.join(dir, 'dist'), { compress: false }).build;

    const served = await host(site);
    const session = await openPage(browser, served.base, { serviceWorkers: 'allow' });
    try {
      const { page } = session;
      await waitReady(page);
      await waitForOfflineCopy(page);
      const first = await buildOf(page);
      assert(first !== next, 'two builds');
      await setText(page, 'Kept across builds.');
      await waitFor(page, () => (localStorage.getItem('bpeviz.session') || '').includes('Kept across builds.'), null, 'the session to be kept');

      served.root = path.join(dir, 'dist');  // the lecturer uploads the new build
      await page.reload();
      await waitReady(page);
      assertEqual(await buildOf(page), first, 'the visit after the upload opens at once with the kept build');
      await waitFor(page, () => /new version of bpeviz/.test(window.bpeviz.state().notice), null, 'the offer to reload', 30000);

      await page.reload();
      await waitReady(page);
      assertEqual(await buildOf(page), next, 'the reload runs the new build');
      const code = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)
        .filter((p) => !/^\/(encodings|fonts)\//.test(p)));
      assertEqual(code.filter((p) => !p.startsWith(`/${next}/`)), [], 'code files from any other build');
      assertEqual((await state(page)).text, 'Kept across builds.', 'the text');
      assertEqual(session.errors, [], 'console errors');
    } finally {
      served.close();
      await session.context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
