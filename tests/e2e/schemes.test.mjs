// The Schemes tab: on real multilingual text (Debian's message catalogs, read at test time) every row
// is checked against an independent count — code points, UTF-8 bytes, words split at Unicode
// White_Space, and npm tiktoken's token counts for the BPE row — which follows encoding changes.
// The tab survives an empty text and a 1 MB one. Screenshots at 1280×720 and 1920×1080 (DPR 2).
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCorpora } from '../conformance/corpus.mjs';
import { assert, assertEqual, frames, setText, withReadyPage } from './harness.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const utf8 = new TextEncoder();

// The same text as the page holds it: lone surrogates become U+FFFD (bpeviz.setText).
const wellFormed = (s) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

// Translated strings from many languages' catalogs: every 40th line, about 8 KB.
let sampleText;
function multilingual() {
  if (sampleText) return sampleText;
  const lines = loadCorpora({ maxBytes: 256 * 1024 }).multilingual.split('\n').filter((l) => l.trim());
  const picked = [];
  let bytes = 0;
  for (let i = 0; i < lines.length && bytes < 8000; i += 40) {
    picked.push(lines[i]);
    bytes += utf8.encode(lines[i]).length + 1;
  }
  sampleText = wellFormed(picked.join('\n'));
  return sampleText;
}

// What each row must say, computed here without the page: code points, bytes, words split at
// Unicode's White_Space (JavaScript's \s is another set: it has U+FEFF and lacks U+0085).
function expected(text) {
  const chars = [...text];
  const bytes = utf8.encode(text);
  const words = text.split(/\p{White_Space}+/u).filter((w) => w.length > 0);
  return {
    characters: { tokens: chars.length, distinct: new Set(chars).size },
    bytes: { tokens: bytes.length, distinct: new Set(bytes).size },
    words: { tokens: words.length, distinct: new Set(words).size, list: [...new Set(words)] },
  };
}

// tiktoken's count for the BPE row (special tokens as text), and the words its vocabulary lacks as
// one token, with or without a leading space.
function tiktokenFacts(name, text, words) {
  const enc = tiktoken.get_encoding(name);
  try {
    // Every ordinary token's bytes (encode_single_token would do, but a miss throws across the wasm
    // boundary and leaves the encoder unusable).
    const vocabulary = new Set(words.length ? enc.token_byte_values().map((b) => Buffer.from(b).toString('latin1')) : []);
    const isToken = (s) => vocabulary.has(Buffer.from(utf8.encode(s)).toString('latin1'));
    return { tokens: enc.encode_ordinary(text).length, unseen: words.filter((w) => !isToken(w) && !isToken(' ' + w)).length };
  } finally {
    enc.free();
  }
}

// Only these fields cross to Node: handing over the whole state of a 1 MB text (every token) takes minutes.
const schemes = (page) => page.evaluate(() => {
  const s = window.bpeviz.state();
  return { rows: s.schemes, error: s.schemesError, text: s.text, encoding: s.encoding, tokens: s.counts.tokens, frame: s.frame };
});
const row = (rows, prefix) => rows.find((r) => r.name.startsWith(prefix));

async function checkRows(page, text, encoding) {
  const s = await schemes(page);
  assertEqual(s.text, text, 'the page holds the text');
  assertEqual(s.encoding, encoding, 'the encoding');
  assert(Array.isArray(s.rows), `the tab compared the schemes (error: ${s.error})`);
  assertEqual(s.error, '', 'no error');
  const e = expected(text);
  const chars = row(s.rows, 'characters'), bytes = row(s.rows, 'bytes'), words = row(s.rows, 'words (whitespace)');
  assertEqual([chars.tokens, chars.distinct, chars.vocabulary], [e.characters.tokens, e.characters.distinct, 0x110000], 'characters row');
  assertEqual([bytes.tokens, bytes.distinct, bytes.vocabulary], [e.bytes.tokens, e.bytes.distinct, 256], 'bytes row');
  assertEqual([words.tokens, words.distinct, words.vocabulary], [e.words.tokens, e.words.distinct, e.words.distinct], 'whitespace words row');
  const facts = tiktokenFacts(encoding, text, e.words.list);
  assertEqual(words.unseen, facts.unseen, `whitespace words unseen in ${encoding}`);
  const bpe = row(s.rows, 'BPE');
  assertEqual(bpe.name, `BPE (${encoding})`, 'the BPE row names the shown encoding');
  assertEqual(bpe.tokens, facts.tokens, `BPE row = tiktoken's ${encoding} token count`);
  assert(Math.abs(bpe.bytesPerToken - e.bytes.tokens / facts.tokens) < 1e-9, `bytes per token: ${bpe.bytesPerToken}`);
  assert(bpe.tokens < chars.tokens && chars.tokens < bytes.tokens, 'BPE < characters < bytes on multilingual text');
  return s.rows;
}

export const tests = {
  async 'every row matches an independent count on multilingual text, and the BPE row follows the encoding'({ browser, baseUrl, out }) {
    const text = multilingual();
    assert(/[\u0400-\u04FF]/.test(text) && /[\u3040-\u30FF\u4E00-\u9FFF]/.test(text) && /[\u0600-\u06FF]/.test(text),
           'the sample holds Cyrillic, CJK and Arabic text');
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, text);
      await page.evaluate(() => window.bpeviz.showPanel('schemes'));
      assertEqual(await page.evaluate(() => window.bpeviz.state().panel), 'schemes', 'the Schemes tab is shown');
      const rows = await checkRows(page, text, 'o200k_base');
      assertEqual(rows.map((r) => r.name), ['characters', 'bytes', 'words (whitespace)', 'words (o200k)', 'BPE (o200k_base)'], 'rows');
      await page.screenshot({ path: path.join(out, 'schemes-720p.png') });

      await page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      const cl = await checkRows(page, text, 'cl100k_base');
      assertEqual(cl[3].name, 'words (cl100k)', 'the regex words follow the encoding');
      assert(cl[4].tokens > rows[4].tokens, `cl100k needs more tokens than o200k here (${cl[4].tokens} vs ${rows[4].tokens})`);

      // The byte-level baseline: the BPE row is BPE without merges, and it is said so.
      await page.evaluate(() => window.bpeviz.setEncoding('bytes'));
      const b = (await schemes(page)).rows;
      assertEqual(b.map((r) => r.name), ['characters', 'bytes', 'words (whitespace)', 'BPE (bytes)'], 'rows under the baseline');
      assertEqual(b[3].tokens, b[1].tokens, 'BPE without merges is the bytes');
    });
  },

  async 'a word beside ten thousand characters still has its bar, at 1920×1080 DPR 2'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2 }, async (page) => {
      await page.evaluate(() => window.bpeviz.showPanel('schemes'));
      await setText(page, multilingual().slice(0, 1500));
      await page.screenshot({ path: path.join(out, 'schemes-1080p-dpr2.png') });

      // One whitespace word of 10,000 characters: its bar must still be drawn beside the others.
      await setText(page, 'a'.repeat(10000));
      const s = await schemes(page);
      assertEqual(row(s.rows, 'words (whitespace)').tokens, 1, 'one word');
      assertEqual(row(s.rows, 'characters').tokens, 10000, '10,000 characters');
      await page.screenshot({ path: path.join(out, 'schemes-1-vs-10k-1080p-dpr2.png') });
    });
  },

  // Every frame with 1 MB in the text box is slow (the editor), so this one keeps to few calls.
  async 'an empty text and a 1 MB text'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.showPanel('schemes'));
      await setText(page, '');
      let s = await schemes(page);
      assert(Array.isArray(s.rows) && s.rows.length === 5, `rows for the empty text: ${JSON.stringify(s.rows)}`);
      for (const r of s.rows) assertEqual([r.tokens, r.bytesPerToken], [0, 0], `${r.name} on the empty text`);
      await page.screenshot({ path: path.join(out, 'schemes-empty-720p.png') });

      // 1 MB of real text: counted whole, drawn in part, and the page keeps drawing frames.
      const source = loadCorpora({ maxBytes: 256 * 1024 }).multilingual;
      let big = '';
      while (big.length < (1 << 20)) big += source;
      big = wellFormed(big.slice(0, 1 << 20));  // 2^20 UTF-16 units: well over 1 MB of UTF-8
      const e = expected(big);
      const started = Date.now();
      await setText(page, big);
      s = await schemes(page);
      const seconds = (Date.now() - started) / 1000;
      assert(Array.isArray(s.rows), `the schemes of 1 MB (error: ${s.error})`);
      assertEqual(row(s.rows, 'bytes').tokens, e.bytes.tokens, 'bytes of the 1 MB text');
      assertEqual(row(s.rows, 'characters').tokens, e.characters.tokens, 'characters of the 1 MB text');
      assertEqual(row(s.rows, 'words (whitespace)').tokens, e.words.tokens, 'words of the 1 MB text');
      assertEqual(row(s.rows, 'BPE').tokens, s.tokens, 'the BPE row is the Tokens tab\'s count');
      await frames(page, 2);
      assert((await page.evaluate(() => window.bpeviz.state().frame)) >= s.frame + 2, 'the page still draws frames');
      await page.screenshot({ path: path.join(out, 'schemes-1mb-720p.png') });
      console.log(`      1 MB (${e.bytes.tokens} bytes): compared and drawn in ${seconds.toFixed(1)} s`);
    });
  },
};
