// The smoke steps every engine runs (one list, driven by firefox.mjs or webkit.mjs) on the deployable site:
// the first frame, typed and pasted text, encodings with tiktoken's ids, every tab drawn, no console error,
// and the offline copy: after a visit the page opens with its host gone.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual } from '../e2e/harness.mjs';
import { decodePng, regionStats } from './png.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const tiktokenIds = (name, text) => {
  const enc = tiktoken.get_encoding(name);
  try { return [...enc.encode(text, 'all')]; } finally { enc.free(); }
};

const TEXT = 'Tokenizers split “naïve” text: 12345 apples, 👍🏽 and 你好! <|endoftext|>\n\tdone';
const TABS = ['tokens', 'ids', 'decode', 'merges', 'tree', 'studio', 'schemes', 'compare', 'chat'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const state = (driver) => driver.evaluate(() => window.bpeviz.state());

// Polls fn(arg) in the page until it returns something truthy.
async function waitFor(driver, fn, arg, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await driver.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const frames = (driver, n) => driver.evaluate(async (n) => { for (let i = 0; i < n; i++) await window.bpeviz.nextFrame(); }, n);

// Opens the page as a first visit (the page keeps the last text and encoding in localStorage: cleared
// first, from a blank page of the same site) and waits for its first frame and first encoding.
async function openReady(driver, url) {
  await driver.open(`${url}engines-blank.html`);
  await driver.evaluate(() => localStorage.clear());
  await driver.open(url);
  await waitFor(driver, () => Boolean(window.bpeviz), null, 'window.bpeviz');
  const ready = await driver.evaluate(() => Promise.race([
    window.bpeviz.ready.then(() => 'ready', (e) => `not ready: ${e && e.message || e}`),
    new Promise((r) => setTimeout(() => r('not ready within 45 s'), 45000))]));
  assertEqual(ready, 'ready', 'bpeviz.ready');
  await waitFor(driver, () => window.bpeviz.state().encoding !== 'bytes' || window.bpeviz.state().requestedEncoding === '',
                null, 'the first encoding', 45000);
}

// A screenshot, kept for people to look at, and decoded for the checks.
async function screenshot(driver, ctx, name) {
  const png = await driver.screenshot();
  fs.writeFileSync(path.join(ctx.out, `${ctx.engine}-${name}.png`), png);
  return decodePng(png);
}

// Clicks the middle of a control's rectangle (CSS pixels, from state().layout) with the driver's pointer.
async function clickRect(driver, r, what) {
  assert(r && r.width > 0 && r.height > 0, `${what} is drawn: ${JSON.stringify(r)}`);
  await driver.click(r.x + r.width / 2, r.y + r.height / 2);
  await frames(driver, 2);
}

const assertNoErrors = async (driver) => assertEqual(await driver.errors(), [], 'console errors');

export const steps = [
  { name: 'the first frame', async run(driver, ctx) {
    await openReady(driver, ctx.url);
    const gl = await driver.evaluate(() => {
      const c = document.getElementById('canvas');
      const gl = c.getContext('webgl2');
      return gl && { version: gl.getParameter(gl.VERSION), renderer: gl.getParameter(gl.RENDERER), size: [c.width, c.height] };
    });
    assert(gl && /WebGL 2/.test(gl.version), `the canvas draws with WebGL2: ${JSON.stringify(gl)}`);
    console.log(`      ${gl.version}, ${gl.renderer}, canvas ${gl.size.join('×')}`);
    await frames(driver, 2);
    const s = await state(driver);
    assertEqual(s.encoding, 'o200k_base', 'the first encoding of a first visit');
    assertEqual(s.tokens.map((t) => t.id), tiktokenIds('o200k_base', s.text), 'o200k_base ids of the starting text');
    const image = await screenshot(driver, ctx, 'first-frame');
    const whole = regionStats(image), tokens = regionStats(image, s.layout.tokens);
    assert(whole.colours > 50, `the first frame is drawn: ${whole.colours} colours`);
    assert(tokens.drawn > 0.02 && tokens.colours > 20, `the token view is drawn: ${JSON.stringify(tokens)}`);
    await assertNoErrors(driver);
    // The driver does hear the console: a probe error is reported (and the next step's page starts clean).
    await driver.evaluate(() => console.error('engines: probe'));
    const deadline = Date.now() + 5000;
    while (!(await driver.errors()).some((e) => e.includes('engines: probe')) && Date.now() < deadline) await sleep(100);
    assertEqual(await driver.errors(), ['console: engines: probe'], 'the console as the driver hears it');
  } },

  { name: 'typing and a paste reach the text', async run(driver, ctx) {
    await openReady(driver, ctx.url);
    const s = await state(driver);
    await clickRect(driver, s.layout.editor, 'the text box');
    await driver.press('Control', 'a');
    await frames(driver, 2);
    await driver.type('hello wörld');
    await waitFor(driver, () => window.bpeviz.state().text === 'hello wörld', null, 'typed text');
    await driver.press('Backspace');
    await waitFor(driver, () => window.bpeviz.state().text === 'hello wörl', null, 'backspace');
    // A paste from the system's clipboard: another program holds the text, and Ctrl+V is a real key press.
    const pasted = ' + “pasted” naïve 👍🏽\nsecond line\t你好';
    await ctx.setClipboard(pasted);
    await driver.press('Control', 'v');
    const typed = 'hello wörl' + pasted;
    await waitFor(driver, (t) => window.bpeviz.state().text === t, typed, 'the pasted text');
    assertEqual((await state(driver)).tokens.map((t) => t.id), tiktokenIds('o200k_base', typed), 'o200k_base ids of the typed and pasted text');
    await screenshot(driver, ctx, 'typed');
    await assertNoErrors(driver);
  } },

  { name: 'switching encoding gives tiktoken ids', async run(driver, ctx) {
    await openReady(driver, ctx.url);
    await driver.evaluate((t) => window.bpeviz.setText(t), TEXT);
    for (const name of ['cl100k_base', 'gpt2']) {
      await driver.evaluate((n) => window.bpeviz.setEncoding(n), name);
      const s = await state(driver);
      assertEqual([s.encoding, s.text], [name, TEXT], `after switching to ${name}`);
      assertEqual(s.tokens.map((t) => t.id), tiktokenIds(name, TEXT), `${name} ids`);
    }
    // Once by the pointer: open the encoding picker and click r50k_base's row. ImGui lays a combo's
    // rows out from the picker's lower edge: the popup's padding (theme.cpp's WindowPadding.y, 12),
    // then a row a line high with ItemSpacing.y (8) between rows.
    const s = await state(driver);
    await clickRect(driver, s.layout.encoding, 'the encoding picker');
    await frames(driver, 2);
    await screenshot(driver, ctx, 'encoding-picker');
    const row = (await driver.evaluate(() => window.bpeviz.encodings())).indexOf('r50k_base');
    const line = s.fontSize;
    const e = s.layout.encoding;
    await driver.click(e.x + e.width / 2, e.y + e.height + 12 + row * (line + 8) + line / 2);
    await waitFor(driver, () => window.bpeviz.state().requestedEncoding === '' && window.bpeviz.state().encoding !== 'gpt2', null, 'a pick in the encoding picker');
    const picked = await state(driver);
    assertEqual(picked.encoding, 'r50k_base', 'the encoding picked by a click');
    assertEqual(picked.tokens.map((t) => t.id), tiktokenIds('r50k_base', TEXT), 'r50k_base ids');
    await frames(driver, 2);
    await screenshot(driver, ctx, 'r50k');
    await assertNoErrors(driver);
  } },

  { name: 'each tab opens and draws', async run(driver, ctx) {
    await openReady(driver, ctx.url);
    await driver.evaluate((t) => window.bpeviz.setText(t), TEXT);
    // Something to show in the tabs that start empty: ids to decode, and the text's longest token's tree.
    const { tokens } = await state(driver);
    const special = Buffer.from(TEXT).indexOf('<|endoftext|>');  // a special token has no merge tree
    const longest = tokens.filter((t) => t.begin !== special).reduce((a, t) => (t.end - t.begin > a.end - a.begin ? t : a));
    await driver.evaluate((ids) => window.bpeviz.setDecodeInput(ids), tokens.slice(0, 12).map((t) => t.id).join(' '));
    await driver.evaluate((id) => window.bpeviz.mergeTree(id), longest.id);
    const seen = [], hashes = new Set();
    for (const tab of TABS) {
      await driver.evaluate((t) => window.bpeviz.showPanel(t), tab);
      await frames(driver, 3);
      const s = await state(driver);
      assertEqual(s.panel, tab, 'the tab on show');
      const stats = regionStats(await screenshot(driver, ctx, `tab-${tab}`), s.layout.panel);
      seen.push(`${tab} ${stats.colours}/${stats.drawn.toFixed(3)}`);
      // Text and tiles are drawn anti-aliased: a tab with anything on it has many colours off its background.
      assert(stats.colours >= 100 && stats.drawn >= 0.01, `the ${tab} tab is drawn: ${stats.colours} colours, ${(stats.drawn * 100).toFixed(1)} % drawn`);
      assert(!hashes.has(stats.hash), `the ${tab} tab's picture differs from the other tabs'`);
      hashes.add(stats.hash);
    }
    console.log(`      tabs (colours/share drawn): ${seen.join(', ')}`);
    await assertNoErrors(driver);
  } },

  { name: 'offline: after a visit the page opens with its host gone, with the last text and the encodings it had',
    async run(driver, ctx) {
      // A host of its own: a first visit, whose service worker (web/service_worker.js) keeps the offline copy.
      const host = await ctx.startHost();
      try {
        await openReady(driver, host.base);
        await waitFor(driver, () => navigator.serviceWorker.controller !== null, null, 'the service worker to take the page', 30000);
        await driver.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
        await driver.evaluate((t) => window.bpeviz.setText(t), TEXT);
        await waitFor(driver, (t) => (localStorage.getItem('bpeviz.session') || '').includes(JSON.stringify(t).slice(1, 30)), TEXT,
                      'the session to be kept');
        const kept = await driver.evaluate(async () => {
          let files = 0;
          for (const name of await caches.keys()) files += (await (await caches.open(name)).keys()).length;
          return files;
        });
        console.log(`      offline copy after the visit: ${kept} files`);

        host.close();  // the network gone: no answer from the host at all
        await driver.open(host.base);
        await waitFor(driver, () => Boolean(window.bpeviz), null, 'window.bpeviz from the offline copy', 30000);
        const ready = await driver.evaluate(() => window.bpeviz.ready.then(() => 'ready', (e) => String(e)));
        assertEqual(ready, 'ready', 'the page opens from the offline copy');
        await waitFor(driver, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base from the offline copy', 30000);
        let s = await state(driver);
        assertEqual(s.text, TEXT, 'the last text');
        assertEqual(s.tokens.map((t) => t.id), tiktokenIds('cl100k_base', TEXT), 'cl100k_base ids offline');
        await frames(driver, 2);
        await screenshot(driver, ctx, 'offline-reload');
        // The first visit's encoding, downloaded before the service worker took the page, was kept too.
        await driver.evaluate(() => window.bpeviz.setEncoding('o200k_base'));
        assertEqual((await state(driver)).tokens.map((t) => t.id), tiktokenIds('o200k_base', TEXT), 'o200k_base ids offline');
        // One never downloaded fails with a message, and the page stays on the encoding it had.
        const error = await driver.evaluate(() => window.bpeviz.setEncoding('p50k_base').then(() => null, (e) => e.message));
        assert(/p50k_base/.test(error || ''), `picking an encoding never downloaded fails: ${error}`);
        s = await state(driver);
        assert(/^Could not load p50k_base: /.test(s.message), `its message: ${s.message}`);
        assertEqual(s.encoding, 'o200k_base', 'the encoding in use');
        await frames(driver, 2);
        await screenshot(driver, ctx, 'offline-missing-encoding');
        // Only the failed download itself may be logged.
        assertEqual((await driver.errors()).filter((e) => !/p50k_base|NetworkError|Load failed|Failed to fetch/.test(e)), [], 'console errors');
      } finally {
        host.close();
      }
    } },
];
