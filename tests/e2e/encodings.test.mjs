// The OpenAI encodings in the page: fetched only when picked, ids identical to npm tiktoken's,
// the text kept when switching, and a failed download reported without losing the current one.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { openPage, waitReady, waitFor, assert, assertEqual, unversioned } from './harness.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const expectedIds = (name, text) => {
  const enc = tiktoken.get_encoding(name);
  try { return [...enc.encode(text, 'all')]; } finally { enc.free(); }
};
const state = (page) => page.evaluate(() => window.bpeviz.state());

async function withPage(browser, baseUrl, options, fn) {
  const session = await openPage(browser, baseUrl, options);
  const fetched = [];
  session.page.on('request', (r) => { if (r.url().includes('/encodings/')) fetched.push(unversioned(r.url().split('/encodings/')[1])); });
  try {
    await waitReady(session.page);
    await fn(session.page, { ...session, fetched });
    assertEqual(session.errors.filter((e) => !options.allowErrors || !options.allowErrors.test(e)), [], 'console errors');
  } finally {
    await session.context.close();
  }
}

const TEXT = 'Tokenizers split “naïve” text: 12345 apples, 👍🏽 and 你好! <|endoftext|>\n\tdone';

export const tests = {
  async 'the page starts on o200k_base, fetching only its data, with tiktoken ids'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page, { fetched }) => {
      await waitFor(page, () => window.bpeviz.state().encoding === 'o200k_base', null, 'o200k_base to load');
      assertEqual(fetched, ['o200k_base.bpevocab'], 'data files fetched');
      await page.evaluate((t) => window.bpeviz.setText(t), TEXT);
      const s = await state(page);
      assertEqual(s.tokens.map((t) => t.id), expectedIds('o200k_base', TEXT), 'o200k_base ids');
      const loadMs = (await page.evaluate(() => window.bpeviz.loadTimes())).o200k_base;
      console.log(`      o200k_base: data turned into an encoder in ${loadMs.toFixed(1)} ms`);
      await page.evaluate(() => window.bpeviz.nextFrame());
      await page.screenshot({ path: path.join(out, 'o200k.png') });
    });
  },

  async 'switching encodings keeps the text and changes the ids'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page, { fetched }) => {
      await page.evaluate((t) => window.bpeviz.setText(t), TEXT);
      for (const name of ['cl100k_base', 'gpt2', 'p50k_edit', 'o200k_harmony']) {
        await page.evaluate((n) => window.bpeviz.setEncoding(n), name);
        const s = await state(page);
        assertEqual(s.encoding, name, 'active encoding');
        assertEqual(s.text, TEXT, `text after switching to ${name}`);
        if (name !== 'o200k_harmony') assertEqual(s.tokens.map((t) => t.id), expectedIds(name, TEXT), `${name} ids`);
        // Spans cover the text in order; tokens that split a character are still drawable.
        let at = 0;
        for (const t of s.tokens) { assertEqual(t.begin, at, 'token spans are contiguous'); at = t.end; }
        assertEqual(at, new TextEncoder().encode(TEXT).length, 'spans cover the text');
      }
      assert(fetched.includes('cl100k_base.bpevocab') && fetched.includes('p50k_base.bpevocab'), `fetched ${fetched}`);
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await page.evaluate(() => window.bpeviz.nextFrame());
      await page.screenshot({ path: path.join(out, 'cl100k.png') });
    });
  },

  async 'bpeviz.encode gives tiktoken ids and raises on disallowed specials'({ browser, baseUrl }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      const result = await page.evaluate(async (t) => {
        const ids = await window.bpeviz.encode(t, 'cl100k_base', 'all');
        let error = null;
        try { await window.bpeviz.encode('<|endoftext|>', 'cl100k_base'); } catch (e) { error = e.message; }
        const bom = await window.bpeviz.encode('\ufeffhi\ud800', 'cl100k_base');
        return { ids, error, bom, active: window.bpeviz.state().encoding };
      }, TEXT);
      assertEqual(result.ids, expectedIds('cl100k_base', TEXT), 'encode ids');
      assert(/<\|endoftext\|>/.test(result.error || ''), `error names the special token: ${result.error}`);
      assertEqual(result.bom, expectedIds('cl100k_base', '\ufeffhi\ud800'), 'BOM and lone surrogate');
      assert(result.active !== 'cl100k_base' || true, 'encode does not need to switch the view');
    });
  },

  async 'a failed download is reported and the current encoding stays usable'({ browser, baseUrl }) {
    await withPage(browser, baseUrl, { allowErrors: /Failed to load resource/ }, async (page) => {
      await waitFor(page, () => window.bpeviz.state().encoding === 'o200k_base', null, 'o200k_base to load');
      await page.route('**/encodings/cl100k_base*.bpevocab', (route) => route.fulfill({ status: 404, body: 'gone' }));
      const error = await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base').then(() => null, (e) => e.message));
      assert(/cl100k_base/.test(error || '') && /404/.test(error), `rejection names the file and status: ${error}`);
      const s = await state(page);
      assertEqual(s.encoding, 'o200k_base', 'still on the previous encoding');
      assert(/Could not load cl100k_base/.test(s.message), `message shown: ${s.message}`);
      await page.evaluate(() => window.bpeviz.setText('still works'));
      assertEqual((await state(page)).tokens.map((t) => t.id), expectedIds('o200k_base', 'still works'), 'ids');
    });
  },
};
