// The visualizer's features, through the page's JavaScript API and synthetic mouse input: counts and
// provenance, the token view (colours, whitespace, tooltip, byte notation, pre-token lane), the model
// picker, the special-token policy, the ids panel and decode box, and text that survives a reload or
// travels in a link. Screenshots at 1280×720 (and the main view at 1920×1080, DPR 2) land in --out.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, frames, pixel, setText, waitFor, withReadyPage } from './harness.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const tiktokenModels = require('tiktoken/model_to_encoding.json');
const tiktokenIds = (name, text, special = 'all') => {
  const enc = tiktoken.get_encoding(name);
  try { return [...(special === 'text' ? enc.encode_ordinary(text) : enc.encode(text, 'all'))]; } finally { enc.free(); }
};

const tiktokenDecode = (name, ids) => {
  const enc = tiktoken.get_encoding(name);
  try { return new TextDecoder().decode(enc.decode(new Uint32Array(ids))); } finally { enc.free(); }
};

const state = (page) => page.evaluate(() => window.bpeviz.state());
const utf8 = (s) => new TextEncoder().encode(s);

// A fresh page on o200k_base (the page's default), with no console errors by the end.
const withPage = withReadyPage;

// A tile's fill colour: a pixel inside its padding, left of the label and above the id.
async function tileColour(page, tokenIndex) {
  const r = await page.evaluate((i) => window.bpeviz.tokenRect(i), tokenIndex);
  assert(r, `token ${tokenIndex} has a tile on screen`);
  return pixel(page, r.x + 2.5, r.y + r.height / 2);
}

async function hoverToken(page, tokenIndex) {
  const r = await page.evaluate((i) => window.bpeviz.tokenRect(i), tokenIndex);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await frames(page, 3);
  return (await state(page)).hover;
}

const LESSON = 'Hello, hello world! 123456789\n\tif (x) { return "naïve"; }  <|endoftext|> 你好 👋';

export const tests = {
  async 'counts bar and provenance line update live'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      await setText(page, LESSON);
      let s = await state(page);
      const ids = tiktokenIds('o200k_base', LESSON);
      assertEqual(s.tokens.map((t) => t.id), ids, 'o200k_base ids');
      assertEqual(s.counts.tokens, ids.length, 'token count');
      assertEqual(s.counts.characters, [...LESSON].length, 'characters are code points');
      assertEqual(s.counts.bytes, utf8(LESSON).length, 'bytes');
      assert(Math.abs(s.counts.bytesPerToken - utf8(LESSON).length / ids.length) < 1e-9, 'bytes per token');
      assertEqual(s.counts.pretokens, s.pieces.length, 'pre-token count');
      assert(s.pieces.length > 10 && s.pieces.length <= ids.length, `pre-tokens: ${s.pieces.length}`);
      assertEqual([s.encoding, s.pretokenizer, s.specialPolicy], ['o200k_base', 'o200k', 'all'], 'provenance');
      await page.screenshot({ path: path.join(out, 'visualizer-main-1280x720.png') });

      // Typing updates the counts in the same frame as the tokens.
      const { layout } = s;
      await page.mouse.click(layout.editor.x + layout.editor.width - 20, layout.editor.y + layout.editor.height - 20);
      await frames(page, 2);
      await page.keyboard.press('Control+End');
      await frames(page, 2);
      await page.keyboard.type(' more');
      await waitFor(page, (t) => window.bpeviz.state().text === t, LESSON + ' more', 'typed text');
      s = await state(page);
      assertEqual(s.counts.tokens, tiktokenIds('o200k_base', LESSON + ' more').length, 'token count after typing');
      assertEqual(s.counts.bytes, utf8(LESSON).length + 5, 'bytes after typing');

      await page.evaluate(() => window.bpeviz.setEncoding('bytes'));
      s = await state(page);
      assertEqual([s.encoding, s.pretokenizer, s.counts.pretokens, s.counts.bytesPerToken], ['bytes', 'none', 1, 1], 'byte-level provenance');
    });
  },

  async 'main view at 1920×1080, devicePixelRatio 2'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 }, async (page) => {
      await setText(page, LESSON);
      await page.evaluate(() => window.bpeviz.setOption('pretokenLane', true));
      await frames(page, 2);
      const s = await state(page);
      assert(s.layout.tokens.width > 1800, `token view fills the width: ${s.layout.tokens.width}`);
      await page.screenshot({ path: path.join(out, 'visualizer-main-1920x1080@2x.png') });
    });
  },

  async 'token colours are stable per id, and the tooltip tells id, bytes, text and pre-token'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      // " hello" twice: same id, same colour; "hello" at the start is another id and colour.
      await setText(page, 'hello hello hello world');
      const s = await state(page);
      const [a, b, c, d] = s.tokens.map((t) => t.id);
      assert(b === c && a !== b && d !== b, `ids ${[a, b, c, d]}`);
      const colours = [];
      for (let i = 0; i < 4; i++) colours.push(await tileColour(page, i));
      assertEqual(colours[1], colours[2], 'same id, same colour');
      assert(JSON.stringify(colours[0]) !== JSON.stringify(colours[1]), `different ids, different colours: ${JSON.stringify(colours)}`);
      // Boundaries: the gap between two tiles is not tile colour.
      const r0 = await page.evaluate(() => window.bpeviz.tokenRect(0));
      const gap = await pixel(page, r0.x + r0.width + 1, r0.y + r0.height / 2);
      assert(JSON.stringify(gap) !== JSON.stringify(colours[0]), 'a visible gap between tiles');

      const hover = await hoverToken(page, 1);
      assertEqual(hover.ids, String(b), 'tooltip id');
      assertEqual(hover.hex, '20 68 65 6C 6C 6F', 'tooltip bytes in hex');
      assertEqual(hover.text, '·hello', 'tooltip text, the space made visible');
      assertEqual(hover.bytes, 6, 'tooltip byte length');
      assertEqual(hover.pretoken, [5, 11], 'tooltip pre-token span');
      assertEqual(hover.pretokenText, '·hello', 'tooltip pre-token text');
      await page.screenshot({ path: path.join(out, 'visualizer-tooltip.png') });

      // An emoji split into byte tokens by gpt2 is one tile with all its ids.
      await page.evaluate(() => window.bpeviz.setEncoding('gpt2'));
      await setText(page, 'hi 👋');
      await waitFor(page, () => window.bpeviz.state().fonts.loaded.includes('emoji-1F400.ttf') && !window.bpeviz.state().fonts.outdated,
                    null, 'the emoji font');
      await frames(page, 2);
      const wave = await hoverToken(page, (await state(page)).tokens.length - 1);
      assert(wave.ids.split(' ').length > 1, `the emoji's tile lists every id: ${wave.ids}`);
      // Drawn once, as a glyph of the emoji font the page fetched for it (by name, U+1F44B, before it arrives).
      assertEqual(wave.text, '·👋', 'the emoji is drawn once');
    });
  },

  async 'whitespace is visible by default and can be turned off; GPT-2 byte notation'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'a b\tc\nd');
      let s = await state(page);
      assertEqual([s.options.whitespace, s.options.byteNotation, s.options.pretokenLane], [true, false, false], 'default switches');
      // The newline keeps its line break: the token after it starts a new row.
      const last = s.tokens.length - 1;
      const [before, after] = await page.evaluate((i) => [window.bpeviz.tokenRect(i - 1), window.bpeviz.tokenRect(i)], last);
      assert(after.y > before.y, 'a newline starts a new row of tiles');
      await page.screenshot({ path: path.join(out, 'visualizer-whitespace-on.png') });
      await page.evaluate(() => window.bpeviz.setOption('whitespace', false));
      await frames(page, 2);
      s = await state(page);
      assertEqual(s.options.whitespace, false, 'whitespace off');
      await page.screenshot({ path: path.join(out, 'visualizer-whitespace-off.png') });

      await page.evaluate(() => window.bpeviz.setOption('byteNotation', true));
      await setText(page, 'say hello\n');
      s = await state(page);
      assertEqual(s.options.byteNotation, true, 'byte notation on');
      await page.screenshot({ path: path.join(out, 'visualizer-byte-notation.png') });
      let error = null;
      try { await page.evaluate(() => window.bpeviz.setOption('nope', true)); } catch (e) { error = e.message; }
      assert(/unknown option "nope"/.test(error || ''), `unknown option is refused: ${error}`);
    });
  },

  async 'the model picker maps models to encodings as tiktoken does, keeping the text'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      await setText(page, LESSON);
      const models = await page.evaluate(() => window.bpeviz.models());
      for (const name of ['gpt-5', 'gpt-4.1', 'gpt-4o', 'o1', 'o3', 'o4-mini', 'gpt-4', 'gpt-3.5-turbo',
        'text-embedding-3-small', 'text-embedding-ada-002', 'gpt-oss-120b', 'text-davinci-003', 'text-davinci-002',
        'code-davinci-edit-001', 'text-davinci-edit-001', 'davinci', 'curie', 'babbage', 'ada', 'gpt2']) {
        assert(models.some(([m]) => m === name), `the picker lists ${name}`);
      }
      const openModels = ['llama3', 'llama3.1', 'qwen3', 'deepseek-v3', 'gemma3', 'gpt-oss', 'mistral-7b'];
      const encodings = await page.evaluate(() => window.bpeviz.encodings());
      for (const [model, encoding] of models) {
        // npm tiktoken's own table (it predates gpt-oss, which model.py maps to o200k_harmony); open
        // models' names (not tiktoken's) map to their bundled tokenizer.json (open_models.test.mjs).
        if (model in tiktokenModels) assertEqual(encoding, tiktokenModels[model], `${model}'s encoding`);
        else if (openModels.includes(encoding)) assert(encodings.includes(encoding), `${model} → ${encoding}, which the page offers`);
        else assert(model.startsWith('gpt-oss-') && encoding === 'o200k_harmony', `${model} → ${encoding}`);
      }
      for (const [model, encoding] of [['gpt-4', 'cl100k_base'], ['gpt-oss-20b', 'o200k_harmony'], ['davinci', 'r50k_base'],
        ['gpt-4o-2024-08-06', 'o200k_base']]) {
        await page.evaluate((m) => window.bpeviz.setModel(m), model);
        const s = await state(page);
        assertEqual([s.model, s.encoding, s.text], [model, encoding, LESSON], `after picking ${model}`);
      }
      const error = await page.evaluate(() => window.bpeviz.setModel('llama-3').then(() => null, (e) => e.message));
      assert(/unknown model/.test(error || ''), `unknown model refused: ${error}`);
      await page.evaluate(() => window.bpeviz.setModel('gpt-4'));
      // The picker opened by a click, for people to look at.
      const { layout } = await state(page);
      await page.mouse.click(layout.model.x + layout.model.width / 2, layout.model.y + layout.model.height / 2);
      await frames(page, 3);
      await page.screenshot({ path: path.join(out, 'visualizer-model-picker.png') });
      await page.keyboard.press('Escape');
      await frames(page, 2);
    });
  },

  async 'special-token policy: as special tokens, as plain text, or an error that keeps the text'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      const text = 'Hi<|endoftext|> there <|fim_prefix|>';
      await setText(page, text);
      let s = await state(page);
      assertEqual(s.specialPolicy, 'all', 'default policy');
      assertEqual(s.tokens.map((t) => t.id), tiktokenIds('cl100k_base', text, 'all'), 'specials allowed');

      await page.evaluate(() => window.bpeviz.setSpecialPolicy('text'));
      s = await state(page);
      assertEqual(s.tokens.map((t) => t.id), tiktokenIds('cl100k_base', text, 'text'), 'specials as plain text');

      await page.evaluate(() => window.bpeviz.setSpecialPolicy('error'));
      await frames(page, 2);
      s = await state(page);
      assertEqual(s.tokens, [], 'no tokens when tiktoken would raise');
      assert(/<\|endoftext\|>/.test(s.error) && /byte 2/.test(s.error), `the error names the token and place: ${s.error}`);
      assertEqual(s.text, text, 'the text box keeps every character');
      assertEqual(s.counts.tokens, null, 'no token count');
      await page.screenshot({ path: path.join(out, 'visualizer-special-error.png') });

      // Without special-token text, the error policy is just tiktoken's default encode.
      await setText(page, 'plain');
      s = await state(page);
      assertEqual([s.error, s.tokens.map((t) => t.id)], ['', tiktokenIds('cl100k_base', 'plain')], 'no error without specials');
    });
  },

  async 'ids panel lists the ids as JSON; the decode box turns ids into text'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, { permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await setText(page, 'hello world');
      await page.evaluate(() => window.bpeviz.showPanel('ids'));
      assertEqual((await state(page)).panel, 'ids', 'ids panel shown');
      assertEqual(await page.evaluate(() => window.bpeviz.ids()), [15339, 1917], 'ids');
      // The copy button puts the JSON array on the clipboard.
      const { layout } = await state(page);
      await page.mouse.click(layout.panel.x + 30, layout.panel.y + 14);
      await frames(page, 3);
      assertEqual(await page.evaluate(() => navigator.clipboard.readText()), '[15339,1917]', 'copied ids');
      await page.screenshot({ path: path.join(out, 'visualizer-ids.png') });

      await page.evaluate(() => window.bpeviz.showPanel('decode'));
      await page.evaluate(() => window.bpeviz.setDecodeInput('[15339, 1917, 220, 19000]'));
      await frames(page, 2);
      let d = (await state(page)).decode;
      assertEqual([d.text, d.error, d.badBytes], [tiktokenDecode('cl100k_base', [15339, 1917, 220, 19000]), '', []], 'decoded text');
      const enc = tiktoken.get_encoding('cl100k_base');
      const byteId = (b) => enc.encode_single_token(new Uint8Array([b]));
      const broken = `15339 ${byteId(0xE4)} ${byteId(0xBD)}`;
      enc.free();
      await page.evaluate((t) => window.bpeviz.setDecodeInput(t), broken);
      await frames(page, 2);
      d = (await state(page)).decode;
      assertEqual([d.text, d.badBytes], ['hello\uFFFD', [{ hex: 'E4 BD', offset: 5 }]], 'broken UTF-8');
      await page.screenshot({ path: path.join(out, 'visualizer-decode.png') });
      await page.evaluate(() => window.bpeviz.setDecodeInput('[1, two]'));
      d = (await state(page)).decode;
      assert(/"t" at character 5/.test(d.error), `a bad list is explained: ${d.error}`);
    });
  },

  async 'the pre-tokenization lane shows why 123456789 splits in threes'({ browser, baseUrl, out }) {
    await withPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await setText(page, 'hello hello 123456789');
      const rowWithout = (await state(page)).layout.rowHeight;
      await page.evaluate(() => window.bpeviz.setOption('pretokenLane', true));
      await frames(page, 2);
      const s = await state(page);
      assertEqual(s.pieces, [[0, 5], [5, 11], [11, 12], [12, 15], [15, 18], [18, 21]], 'cl100k pre-tokens');
      assert(s.layout.rowHeight > rowWithout, 'rows grow to hold the lane');
      // The lane under the tiles: a bar of colour below the first tile.
      const r = await page.evaluate(() => window.bpeviz.tokenRect(0));
      const bar = await pixel(page, r.x + r.width / 2, r.y + r.height + 5);
      const background = await pixel(page, r.x + r.width / 2, r.y + r.height + 20 + s.layout.rowHeight);
      assert(JSON.stringify(bar) !== JSON.stringify(background), `a lane is drawn: ${bar} vs ${background}`);
      await page.screenshot({ path: path.join(out, 'visualizer-pretoken-lane.png') });
    });
  },
};
