// The Compare tab and the Export menu. Compare: each tokenizer's count and ids are what
// bpeviz.encode and npm tiktoken give, and the marked offsets are the boundaries computed here from
// tiktoken's token bytes, independently of the page; the marks are drawn in the mark colour in both
// themes; the pick travels in Copy link; a 1 MB text stays usable. Export: the CSV and JSON read back
// to tiktoken's tokens, the menu's buttons download the same files, and the PNG is a picture of the
// canvas at its size. Screenshots (compare-*.png) at 1280×720 and 1920×1080, light and dark.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCorpora } from '../conformance/corpus.mjs';
import { assert, assertEqual, frames, pixel, setText, waitFor, withReadyPage } from './harness.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const utf8 = new TextEncoder();

const TEXT = 'The tokenizer\'s job: 1234567 + 89 = 1234656.\n    def café(naïve):  return "你好, 世界" 👋🏽\n' +
             'Собака бежит; مرحبا بالعالم. GPT-4o vs GPT-4: who cuts "   spaces"?';

// Each token's byte span, from npm tiktoken's ids and the bytes of each id (not from the page).
function tiktokenTokens(name, text) {
  const enc = tiktoken.get_encoding(name);
  try {
    const tokens = [];
    let at = 0;
    for (const id of enc.encode(text)) {
      const bytes = enc.decode_single_token_bytes(id);
      tokens.push({ id, begin: at, end: at + bytes.length, bytes: [...bytes] });
      at += bytes.length;
    }
    assertEqual(at, utf8.encode(text).length, `${name}'s tokens cover the text`);
    return tokens;
  } finally {
    enc.free();
  }
}
const byteTokens = (text) => [...utf8.encode(text)].map((b, i) => ({ id: b, begin: i, end: i + 1, bytes: [b] }));

// Offsets that are a boundary under some tokenizations but not all.
function differingOffsets(tokenizations) {
  const sets = tokenizations.map((tokens) => new Set(tokens.flatMap((t) => [t.begin, t.end])));
  const all = [...new Set(sets.flatMap((s) => [...s]))].sort((a, b) => a - b);
  return all.filter((o) => !sets.every((s) => s.has(o)));
}

// Only the Compare tab's part of the state crosses to Node (a big text's whole state is large).
const compare = (page) => page.evaluate(() => {
  const s = window.bpeviz.state();
  return { compare: s.compare, panel: s.panel, theme: s.theme, frame: s.frame, text: s.text.length < 100000 ? s.text : null };
});

// A screenshot with the mouse off the controls (a hover leaves a tooltip).
async function shot(page, out, name) {
  await page.mouse.move(1, 1);
  await frames(page, 2);
  await page.screenshot({ path: path.join(out, `compare-${name}.png`) });
}

const MARK = { light: [196, 0, 150], dark: [255, 92, 226] };  // ui/theme.cpp's boundary_mark
const near = (a, b, tolerance) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

// The first mark of each column with marks is drawn in the mark colour.
async function checkMarksDrawn(page, theme) {
  const { compare: c } = await compare(page);
  let checked = 0;
  for (const col of c.columns) {
    if (!col.firstMarkRect) continue;
    const [x, y, w, h] = col.firstMarkRect;
    const rgb = await pixel(page, Math.floor(x + w / 2), Math.floor(y + h / 2));
    assert(near(rgb, MARK[theme], 40), `${col.encoding}'s first mark in the ${theme} theme is the mark colour: ${rgb}`);
    checked++;
  }
  assert(checked >= 2, `marks drawn in at least two columns (${checked})`);
}

// RFC 4180, read as the RFC says (quoted fields hold anything; "" is a quote; records end at CRLF).
function parseCsv(s) {
  const records = [[]];
  let field = '', quoted = false, wasQuoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') {
      assert(field === '' && !wasQuoted, `a quote opens a field (at ${i})`);
      quoted = wasQuoted = true;
    } else if (c === ',') {
      records[records.length - 1].push(field); field = ''; wasQuoted = false;
    } else if (c === '\r' && s[i + 1] === '\n') {
      records[records.length - 1].push(field); field = ''; wasQuoted = false;
      records.push([]);
      i++;
    } else {
      assert(c !== '\n' && c !== '\r', `a bare line break outside quotes (at ${i})`);
      field += c;
    }
  }
  assert(!quoted && field === '' && records[records.length - 1].length === 0, 'the CSV ends with CRLF');
  records.pop();
  return records;
}

// The text a token's span holds, as a WHATWG decoder reads it (U+FFFD for a cut character).
const spanText = (text, t) => new TextDecoder().decode(utf8.encode(text).slice(t.begin, t.end));

// A PNG's width and height from its IHDR chunk, after checking the signature.
function pngSize(bytes) {
  const b = Buffer.from(bytes);
  assertEqual([...b.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'the PNG signature');
  assertEqual(b.subarray(12, 16).toString('latin1'), 'IHDR', 'the first chunk');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

// How much of the picture is not the window's background, and how many colours it has: decoded in
// the browser.
function pngContent(page, bytes) {
  return page.evaluate(async (b64) => {
    const blob = new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' });  // the page's CSP forbids fetch(data:)
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const bg = [data[0], data[1], data[2]];  // the top-left corner: window padding
    let other = 0;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) {  // every 7th pixel is plenty
      if (Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]) > 30) other++;
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return { width: bitmap.width, height: bitmap.height, nonBackground: other / (data.length / 4 / 7), colours: colours.size };
  }, Buffer.from(bytes).toString('base64'));
}

async function clickRect(page, r) {
  assert(r && r.width > 0, 'the control is drawn');
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await frames(page, 2);
}

// Opens the Export menu and clicks item i (0 JSON, 1 CSV, 2 PNG); resolves to the download.
async function exportByMenu(page, i) {
  await clickRect(page, (await page.evaluate(() => window.bpeviz.state().layout)).export);
  // The menu's items are placed once it has been drawn in sight (its first frame only measures it).
  await waitFor(page, (i) => window.bpeviz.state().layout.exportMenu[i].width > 0, i, 'the menu to be shown');
  const item = (await page.evaluate(() => window.bpeviz.state().layout)).exportMenu[i];
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), clickRect(page, item)]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bpeviz-export-')), download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

export const tests = {
  async 'each tokenizer\'s count and ids match, and the marks are the boundaries computed from tiktoken\'s tokens'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, TEXT);
      const names = ['cl100k_base', 'o200k_base', 'r50k_base', 'bytes'];
      await page.evaluate((n) => window.bpeviz.setCompare(n), names);
      const { compare: c, panel } = await compare(page);
      assertEqual(panel, 'compare', 'the Compare tab shows');
      assertEqual(c.encodings, names, 'the picks');
      const expected = names.map((n) => (n === 'bytes' ? byteTokens(TEXT) : tiktokenTokens(n, TEXT)));
      for (let i = 0; i < names.length; i++) {
        const col = c.columns[i];
        assert(col.ready && col.error === '', `${names[i]} has tokens (${col.error})`);
        const viaApi = await page.evaluate(([t, n]) => window.bpeviz.encode(t, n), [TEXT, names[i]]);
        assertEqual(col.tokens, viaApi.length, `${names[i]}'s count = bpeviz.encode's`);
        assertEqual(col.ids, viaApi, `${names[i]}'s ids = bpeviz.encode's`);
        assertEqual(col.ids, expected[i].map((t) => t.id), `${names[i]}'s ids = npm tiktoken's`);
        assert(Math.abs(col.bytesPerToken - utf8.encode(TEXT).length / viaApi.length) < 1e-9, `${names[i]} bytes/token`);
      }
      const differing = differingOffsets(expected);
      assertEqual(c.differing, differing, 'the differing offsets');
      assertEqual(c.boundaries, utf8.encode(TEXT).length + 1, 'with the bytes every offset is some boundary');
      for (let i = 0; i < names.length; i++) {
        const own = new Set(expected[i].flatMap((t) => [t.begin, t.end]));
        assertEqual(c.columns[i].marks, differing.filter((o) => own.has(o)), `${names[i]}'s marks are its cuts the others lack`);
        const split = expected[i].filter((t) => differing.some((o) => o > t.begin && o < t.end)).map((t) => [t.begin, t.end]);
        assertEqual(c.columns[i].splitElsewhere, split, `${names[i]}'s tokens that others cut`);
      }
      await checkMarksDrawn(page, 'light');
      await shot(page, out, '4-light-1280x720');
      await page.evaluate(() => window.bpeviz.setTheme('dark'));
      await checkMarksDrawn(page, 'dark');
      await shot(page, out, '4-dark-1280x720');

      // Two: the marks follow the picks (cl100k against o200k alone).
      await page.evaluate(() => window.bpeviz.setCompare(['cl100k_base', 'o200k_base']));
      const two = (await compare(page)).compare;
      assertEqual(two.differing, differingOffsets(expected.slice(0, 2)), 'cl100k against o200k');
      await shot(page, out, '2-dark-1280x720');
      // A list the tab cannot take is refused with a reason, and the picks stay.
      for (const bad of [['cl100k_base'], ['cl100k_base', 'nonesuch'], ['gpt2', 'gpt2'], ['a', 'b', 'c', 'd', 'e']]) {
        const error = await page.evaluate((n) => window.bpeviz.setCompare(n).then(() => null, (e) => e.message), bad);
        assert(error, `refused: ${JSON.stringify(bad)}`);
      }
      assertEqual((await compare(page)).compare.encodings, ['cl100k_base', 'o200k_base'], 'the picks after refusals');
    });
  },

  async 'open models and the page\'s encoding by default; the picks travel in Copy link; 1920×1080'({ browser, baseUrl, out }) {
    let hash;
    await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 } }, async (page) => {
      await setText(page, TEXT);
      await page.evaluate(() => window.bpeviz.showPanel('compare'));
      await waitFor(page, () => window.bpeviz.state().compare?.columns.every((c) => c.ready), null, 'the default picks to load', 30000);
      assertEqual((await compare(page)).compare.encodings, ['o200k_base', 'cl100k_base'], 'the page\'s encoding and one more');

      // Byte-level models: each id's decoded bytes are the text's bytes it covers.
      const names = ['llama3', 'qwen3', 'deepseek-v3'];
      await page.evaluate((n) => window.bpeviz.setCompare(n), names);
      const { compare: c } = await compare(page);
      // Spans from each id's bytes as the page's decoder gives them.
      const expected = [];
      for (let i = 0; i < names.length; i++) {
        const viaApi = await page.evaluate(([t, n]) => window.bpeviz.encode(t, n), [TEXT, names[i]]);
        assertEqual(c.columns[i].ids, viaApi, `${names[i]}'s ids = bpeviz.encode's`);
        const lengths = await page.evaluate(([n, ids]) => ids.map((id) => window.Module.bpevizCore.decode(n, [id]).length), [names[i], viaApi]);
        let at = 0;
        expected.push(viaApi.map((id, k) => ({ id, begin: at, end: (at += lengths[k]) })));
      }
      for (let i = 0; i < names.length; i++) assertEqual(expected[i].at(-1).end, utf8.encode(TEXT).length, `${names[i]} covers the text`);
      assertEqual(c.differing, differingOffsets(expected), 'the open models\' differing offsets');
      assert(c.differing.length > 0, 'three models cut this text differently');
      await shot(page, out, 'models-light-1920x1080');
      await page.evaluate(() => window.bpeviz.setTheme('dark'));
      await shot(page, out, 'models-dark-1920x1080');
      // Presenting (type at 2×): the bands keep their names, counts and a row of tiles on a projector.
      await page.evaluate(() => window.bpeviz.present(true));
      await checkMarksDrawn(page, 'dark');
      await shot(page, out, 'models-dark-presenting-1920x1080');
      await page.evaluate(() => window.bpeviz.present(false));

      const { link } = await page.evaluate(() => window.bpeviz.copyLink());
      assert(link.includes('panel=compare') && link.includes(`compare=${encodeURIComponent(names.join(','))}`), `the link: ${link}`);
      hash = link.slice(link.indexOf('#'));
    });
    await withReadyPage(browser, baseUrl, { path: hash }, async (page) => {
      await waitFor(page, (n) => JSON.stringify(window.bpeviz.state().compare?.encodings) === n, JSON.stringify(['llama3', 'qwen3', 'deepseek-v3']),
                    'the link\'s picks', 30000);
      assertEqual((await compare(page)).text, TEXT, 'the link\'s text');
    });
  },

  // Every frame with 1 MB in the text box is slow (the editor), so this one keeps to few calls.
  async 'a 1 MB text is compared and the page keeps drawing'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      let big = '';
      const source = loadCorpora({ maxBytes: 256 * 1024 }).multilingual;
      while (big.length < (1 << 20)) big += source;
      big = big.slice(0, 1 << 20).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
      await setText(page, big);
      const started = Date.now();
      await page.evaluate(() => window.bpeviz.setCompare(['o200k_base', 'cl100k_base']));
      const seconds = (Date.now() - started) / 1000;
      const counts = await page.evaluate(async (text) => {
        const c = window.bpeviz.state().compare;
        const api = await Promise.all(['o200k_base', 'cl100k_base'].map((n) => window.bpeviz.encode(text, n)));
        return { page: c.columns.map((col) => col.tokens), api: api.map((ids) => ids.length), frame: window.bpeviz.state().frame };
      }, big);
      assertEqual(counts.page, counts.api, 'the counts of 1 MB');
      await frames(page, 2);
      assert((await page.evaluate(() => window.bpeviz.state().frame)) >= counts.frame + 2, 'the page still draws frames');
      // The mouse wheel over one band scrolls the other to the same place in the text.
      const [first] = await page.evaluate(() => window.bpeviz.state().compare.columns.map((c) => c.rect));
      await page.mouse.move(first[0] + first[2] / 2, first[1] + first[3] / 2);
      // Wheel steps until the band is past its first kilobyte (about a dozen; a loaded machine lays the 1 MB's
      // tiles out over more frames, and the wheel cannot scroll past what is laid out yet).
      const topRows = () => page.evaluate(() => window.bpeviz.state().compare.columns.map((c) => c.topRow));  // not the ids
      // (state() carries every band's ids: it is read after each six steps, not after each.)
      for (let i = 0; i < 48 && (i % 6 !== 0 || (await topRows())[0][0] <= 1000); i++) {
        await page.mouse.wheel(0, 200);
        await frames(page, 1);
      }
      await frames(page, 3);
      const [a, b] = await topRows();
      assert(a[0] > 1000, `the first band scrolled into the text: its top row ${a}`);
      assert(b[0] <= a[0] && a[0] < b[1], `the second band's top row ${b} holds the first's start ${a[0]}`);
      await shot(page, out, '1mb-1280x720');
      console.log(`      1 MB: compared and drawn in ${seconds.toFixed(1)} s`);
    });
  },

  async 'Export: CSV and JSON read back to tiktoken\'s tokens, the menu downloads them, and the PNG is the canvas'({ browser, baseUrl, out }) {
    const text = 'id,"quoted", then\r\na newline\nand a tab\t; 👋 é 你好 — "commas, everywhere"';
    await withReadyPage(browser, baseUrl, { acceptDownloads: true }, async (page) => {
      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await setText(page, text);
      const expected = tiktokenTokens('cl100k_base', text);
      assert(expected.some((t) => spanText(text, t).includes('\uFFFD')), 'cl100k cuts a character here (👋)');

      const csv = await page.evaluate(() => window.bpeviz.exportTokens('csv'));
      const records = parseCsv(csv);
      assertEqual(records[0], ['id', 'bytes', 'text', 'begin', 'end'], 'the CSV header');
      assertEqual(records.slice(1).map((r) => ({ id: Number(r[0]), begin: Number(r[3]), end: Number(r[4]) })),
                  expected.map(({ id, begin, end }) => ({ id, begin, end })), 'the CSV\'s ids and spans');
      assertEqual(records.slice(1).map((r) => r[1]), expected.map((t) => t.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')),
                  'the CSV\'s bytes');
      assertEqual(records.slice(1).map((r) => r[2]), expected.map((t) => spanText(text, t)), 'the CSV\'s text');

      const json = JSON.parse(await page.evaluate(() => window.bpeviz.exportTokens('json')));
      assertEqual(json, expected.map((t) => ({ id: t.id, bytes: t.bytes, text: spanText(text, t), begin: t.begin, end: t.end })), 'the JSON');
      const refused = await page.evaluate(() => { try { window.bpeviz.exportTokens('xml'); return null; } catch (e) { return e.message; } });
      assert(/unknown export/.test(refused || ''), `an unknown kind is refused: ${refused}`);

      // The menu's items download the same files.
      const csvFile = await exportByMenu(page, 1);
      assertEqual(csvFile.name, 'tokens-cl100k_base.csv', 'the CSV file name');
      assertEqual(csvFile.bytes.toString('utf8'), csv, 'the downloaded CSV');
      const jsonFile = await exportByMenu(page, 0);
      assertEqual(jsonFile.name, 'tokens-cl100k_base.json', 'the JSON file name');
      assertEqual(JSON.parse(jsonFile.bytes.toString('utf8')), json, 'the downloaded JSON');

      // The picture: the canvas at its backing store's size, with the tiles on it, without the menu.
      await page.evaluate(() => window.bpeviz.showPanel('tokens'));
      const pngFile = await exportByMenu(page, 2);
      assertEqual(pngFile.name, 'bpeviz-cl100k_base.png', 'the PNG file name');
      assertEqual(pngSize(pngFile.bytes), [1280, 720], 'the PNG is the canvas\'s size');
      const content = await pngContent(page, pngFile.bytes);
      assert(content.nonBackground > 0.05 && content.colours > 50, `the PNG shows the page: ${JSON.stringify(content)}`);
      assertEqual(await page.evaluate(() => window.bpeviz.state().message), '', 'no problem reported');
      fs.writeFileSync(path.join(out, 'compare-export-1280x720.png'), pngFile.bytes);
    });

    // The API's picture, at 1920×1080 and twice the pixels (a projector's HiDPI laptop), dark.
    await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 }, async (page) => {
      await page.evaluate(() => window.bpeviz.setTheme('dark'));
      await page.evaluate(() => window.bpeviz.setCompare(['o200k_base', 'cl100k_base']));
      const bytes = Buffer.from(await page.evaluate(async () => {
        const png = await window.bpeviz.exportPng();
        let binary = '';
        for (let i = 0; i < png.length; i += 8192) binary += String.fromCharCode(...png.subarray(i, i + 8192));
        return btoa(binary);
      }), 'base64');
      assertEqual(pngSize(bytes), [3840, 2160], 'the PNG at DPR 2');
      const content = await pngContent(page, bytes);
      assert(content.nonBackground > 0.03 && content.colours > 50, `the dark PNG shows the page: ${JSON.stringify(content)}`);
      fs.writeFileSync(path.join(out, 'compare-export-dark-3840x2160.png'), bytes);
    });
  },
};
