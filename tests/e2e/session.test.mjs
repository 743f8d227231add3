// The text outlives the page: it is saved as it changes and comes back on reload, a full storage
// is reported without losing anything on screen, and "Copy link" makes a link that opens the same
// text and encoding. A damaged or hostile link is ignored with a message.
import path from 'node:path';
import { openPage, waitReady, waitFor, assert, assertEqual, frames } from './harness.mjs';

const LAPTOP = { width: 1280, height: 720 };
const state = (page) => page.evaluate(() => window.bpeviz.state());
const STORAGE_KEY = 'bpeviz.session';

async function ready(page) {
  await waitReady(page);
  await waitFor(page, () => window.bpeviz.state().requestedEncoding === '', null, 'the first encoding to load');
}

async function withContext(browser, options, fn) {
  const context = await browser.newContext({ viewport: LAPTOP, ...options });
  const errors = [];
  const newPage = async (url) => {
    const page = await context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    await page.goto(url);
    await ready(page);
    return page;
  };
  try {
    await fn(newPage, context);
    assertEqual(errors, [], 'console errors');
  } finally {
    await context.close();
  }
}

const savedText = (page) => page.evaluate((key) => {
  try { return JSON.parse(localStorage.getItem(key)).text; } catch (e) { return undefined; }
}, STORAGE_KEY);

export const tests = {
  async 'the text and encoding survive a reload'({ browser, baseUrl }) {
    await withContext(browser, {}, async (newPage) => {
      const page = await newPage(baseUrl);
      const text = 'kept across reloads: naïve 👋\n\tsecond line';
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await page.evaluate((t) => window.bpeviz.setText(t), text);
      await waitFor(page, (t) => JSON.parse(localStorage.getItem('bpeviz.session') || '{}').text === t, text, 'the text to be saved');
      await page.reload();
      await ready(page);
      const s = await state(page);
      assertEqual([s.text, s.encoding], [text, 'cl100k_base'], 'text and encoding after reload');
    });
  },

  async 'a full storage is reported and the text stays on screen'({ browser, baseUrl, out }) {
    await withContext(browser, {}, async (newPage, context) => {
      await context.addInitScript(() => {
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
          if (String(value).length > 200) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return setItem.call(this, key, value);
        };
      });
      const page = await newPage(baseUrl);
      const big = 'a long text that does not fit. '.repeat(20);
      await page.evaluate((t) => window.bpeviz.setText(t), big);
      await frames(page, 2);
      const before = (await state(page)).layout;
      assertEqual(before.status.height, 0, 'no band before the message');
      await waitFor(page, () => /cannot be kept/.test(window.bpeviz.state().message), null, 'the storage message');
      // The band fits its lines in the frame after it appears, and the views below the text box make room
      // for it in the frame after that.
      await waitFor(page, () => {
        const { status, tokens } = window.bpeviz.state().layout;
        return status.height > 0 && tokens.y + tokens.height <= status.y;
      }, null, 'the tokens to end above the band');
      await frames(page, 2);
      const s = await state(page);
      assert(/QuotaExceededError/.test(s.message), `the message names the cause: ${s.message}`);
      assertEqual(s.text, big, 'the text is still there');
      // The message appears on its own, a moment after the edit: it lies over the foot of the page and
      // moves nothing (in the page's flow it pushed the text box down under a click aimed at it).
      assertEqual([s.layout.editor, s.layout.tokens.y], [before.editor, before.tokens.y], 'the text box and tokens stay put');
      const band = s.layout.status;
      const viewport = page.viewportSize();
      assert(band.height > 0 && band.y + band.height <= viewport.height && band.y > s.layout.editor.y + s.layout.editor.height,
             `the band lies over the foot of the window: ${JSON.stringify(band)}`);
      // The views below the text box end above it (their height is all that changed), and get the room back
      // once it is dismissed.
      const tokens = s.layout.tokens;
      assert(tokens.y + tokens.height <= band.y, `the tokens end above the band: ${JSON.stringify([tokens, band])}`);
      assert(tokens.y + tokens.height > band.y - 30, `and just above it: ${JSON.stringify([tokens, band])}`);
      await page.screenshot({ path: path.join(out, 'session-storage-full.png') });
      // Dismiss takes it away. A text that fits again is saved; one that does not is reported again, and
      // that message goes away by itself when a text fits.
      const dismiss = s.layout.statusDismiss;
      await page.mouse.click(dismiss.x + dismiss.width / 2, dismiss.y + dismiss.height / 2);
      await waitFor(page, () => window.bpeviz.state().message === '' && window.bpeviz.state().layout.status.height === 0,
                    null, 'the band to be dismissed');
      await frames(page, 2);
      const after = (await state(page)).layout.tokens;
      assertEqual([after.y, after.height], [tokens.y, before.tokens.height], 'the tokens take the foot of the window again');
      await page.evaluate(() => window.bpeviz.setText('short'));
      await waitFor(page, () => JSON.parse(localStorage.getItem('bpeviz.session') || '{}').text === 'short', null, 'the short text to be saved');
      await page.evaluate((t) => window.bpeviz.setText(t), big);
      await waitFor(page, () => /cannot be kept/.test(window.bpeviz.state().message), null, 'the storage message again');
      await page.evaluate(() => window.bpeviz.setText('short'));
      await waitFor(page, () => window.bpeviz.state().message === '', null, 'the message to clear');
    });
  },

  async 'copy link: the button copies a link that opens the same text and encoding'({ browser, baseUrl, out }) {
    await withContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] }, async (newPage) => {
      const page = await newPage(baseUrl);
      const text = 'Share me: 1 + 1 = 2 & 50% #tag ?q=1 👋 你好\nline two';
      await page.evaluate(() => window.bpeviz.setEncoding('p50k_base'));
      await page.evaluate((t) => window.bpeviz.setText(t), text);
      await frames(page, 2);
      const { layout } = await state(page);
      await page.mouse.click(layout.copyLink.x + layout.copyLink.width / 2, layout.copyLink.y + layout.copyLink.height / 2);
      await waitFor(page, () => /Link copied/.test(window.bpeviz.state().notice), null, 'the link to be copied');
      const link = await page.evaluate(() => navigator.clipboard.readText());
      assert(link.startsWith(baseUrl) && link.includes('#encoding=p50k_base&text='), `link: ${link}`);
      await frames(page, 2);
      await page.screenshot({ path: path.join(out, 'session-link-copied.png') });

      const opened = await newPage(link);
      const s = await state(opened);
      assertEqual([s.text, s.encoding, s.message], [text, 'p50k_base', ''], 'the link opens the text and encoding');
      // Editing drops the link from the address bar, so a reload shows the edited text, not the link's.
      await opened.evaluate(() => window.bpeviz.setText('edited'));
      await waitFor(opened, () => location.hash === '', null, 'the hash to go');
    });
  },

  async 'copy link: a text too long for a link gives a link with the encoding only'({ browser, baseUrl }) {
    await withContext(browser, { permissions: ['clipboard-read', 'clipboard-write'] }, async (newPage) => {
      const page = await newPage(baseUrl);
      await page.evaluate(() => window.bpeviz.setText('x'.repeat(20000)));
      const result = await page.evaluate(() => window.bpeviz.copyLink());
      assertEqual([result.copied, result.withText], [true, false], 'copied without the text');
      assert(/#encoding=o200k_base$/.test(result.link), `link: ${result.link}`);
      assert(/too long for a link/.test((await state(page)).notice), 'the notice says why');
    });
  },

  async 'a damaged or hostile link is ignored with a message'({ browser, baseUrl, out }) {
    await withContext(browser, {}, async (newPage) => {
      const cases = [
        ['#encoding=o200k_base&text=%E0%A4%A', /text is damaged/],
        ['#encoding=%3Cscript%3Ealert(1)%3C%2Fscript%3E&text=hi', /unknown encoding "<script>alert\(1\)<\/script>"/],
        ['#garbage', /neither a text nor an encoding/],
        ['#encoding=__proto__', /unknown encoding "__proto__"/],
      ];
      for (const [hash, expected] of cases) {
        const page = await newPage(baseUrl + hash);
        const s = await state(page);
        assert(expected.test(s.message), `${hash}: message ${JSON.stringify(s.message)}`);
        assert(s.text.length > 0 && s.text !== 'hi', `${hash}: the page keeps its own text`);
        assertEqual(s.encoding, 'o200k_base', `${hash}: the default encoding`);
        if (hash === cases[0][0]) {
          await frames(page, 2);
          await page.screenshot({ path: path.join(out, 'session-bad-link.png') });
        }
        await page.close();
      }
      // Unknown fields are ignored; a link may name only an encoding, or only a text.
      let page = await newPage(`${baseUrl}#encoding=gpt2&x=1`);
      let s = await state(page);
      assertEqual([s.encoding, s.message], ['gpt2', ''], 'a link with an encoding only');
      page = await newPage(`${baseUrl}#text=a%20b`);
      s = await state(page);
      assertEqual([s.text, s.message], ['a b', ''], 'a link with a text only');
    });
  },

  async 'a link opens the tab it was copied from: merge steps at a step, a merge tree, a training at a step'({ browser, baseUrl, out }) {
    await withContext(browser, {}, async (newPage) => {
      const page = await newPage(baseUrl);
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await page.evaluate(() => window.bpeviz.setText('hello hello 123456789 tokenization'));
      const copy = async () => (await page.evaluate(() => window.bpeviz.copyLink())).link;
      // Waits for the opened page to reach the view (it opens the tab once its encoding is loaded).
      const open = async (link, ready) => {
        const opened = await newPage(link);
        await waitFor(opened, ready, null, `the view of ${link}`, 30000);
        return opened;
      };

      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      await page.evaluate(() => window.bpeviz.player('step', 7));
      const merges = (await state(page)).player;
      let link = await copy();
      assert(/&panel=merges&step=7$/.test(link), `merge steps link: ${link}`);
      let opened = await open(link, () => window.bpeviz.state().player.step === 7);
      let s = await state(opened);
      assertEqual([s.panel, s.encoding, s.player.description, s.message], ['merges', 'cl100k_base', merges.description, ''],
                  'the Merge steps tab at step 7');
      await opened.screenshot({ path: path.join(out, 'session-link-merges.png') });
      await opened.close();

      await page.evaluate(() => window.bpeviz.showPanel('tree'));
      await page.evaluate(() => window.bpeviz.mergeTree(30001));
      link = await copy();
      assert(/&panel=tree&id=30001$/.test(link), `merge tree link: ${link}`);
      opened = await open(link, () => window.bpeviz.state().tree.id === 30001);
      s = await state(opened);
      assertEqual([s.panel, s.tree.caption, s.message], ['tree', (await state(page)).tree.caption, ''], 'the Merge tree of token 30001');
      await opened.close();

      await page.evaluate(() => window.bpeviz.showPanel('studio'));
      await page.evaluate(() => window.bpeviz.studio({ source: 'aaabdaaabac (Wikipedia)', step: 2 }));
      const studio = (await state(page)).studio;
      link = await copy();
      assert(/&panel=studio&sample=aaabdaaabac%20\(Wikipedia\)&merges=\d+&pretokenizer=\w+&tie=\w+&specials=[^&]*&step=2$/.test(link), `studio link: ${link}`);
      opened = await open(link, () => window.bpeviz.state().studio.step === 2);
      s = await state(opened);
      assertEqual([s.panel, s.studio.merges, s.studio.tokens, s.message], ['studio', studio.merges, studio.tokens, ''],
                  'the training at step 2');
      await opened.screenshot({ path: path.join(out, 'session-link-studio.png') });
      await opened.close();

      // A damaged view is ignored with a message; the text and encoding still open.
      opened = await newPage(`${baseUrl}#encoding=gpt2&text=hi&panel=merges&step=x`);
      s = await state(opened);
      assert(/its step is not a whole number/.test(s.message), `message: ${s.message}`);
      opened = await newPage(`${baseUrl}#encoding=gpt2&text=hi&panel=nowhere`);
      await waitFor(opened, () => /unknown panel "nowhere"/.test(window.bpeviz.state().message), null, 'the message', 30000);
      s = await state(opened);
      assertEqual([s.text, s.encoding, s.panel], ['hi', 'gpt2', 'tokens'], 'the link\'s text and encoding, the default tab');
    });
  },
};
