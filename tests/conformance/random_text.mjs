// Seeded random strings built to stress pre-tokenizers: every Unicode plane, combining marks, every
// whitespace kind, digits of several scripts, apostrophes and contractions, \r\n mixes, special-token
// look-alikes, the byte-order mark, and lone UTF-16 surrogates (which tiktoken sees as U+FFFD).

import fs from 'node:fs';

// Our pre-tokenizers classify characters with utf8proc's Unicode 15.0 tables; tiktoken's Rust regex
// uses Unicode 16. Characters first assigned after 15.0 (Egyptian Hieroglyphs Extended-A, Garay,
// Todhri, ...) are letters to tiktoken and unassigned to us, so random text keeps to code points
// whose category both agree on: assigned in 15.0 (Debian's UnicodeData.txt), or still unassigned
// in Node's newer Unicode.
const assigned15 = (() => {
  const ranges = [];
  let first = -1;
  for (const line of fs.readFileSync('/usr/share/unicode/UnicodeData.txt', 'utf8').split('\n')) {
    if (!line) continue;
    const [hex, name] = line.split(';');
    const cp = parseInt(hex, 16);
    if (name.endsWith(', First>')) first = cp;
    else if (name.endsWith(', Last>')) { ranges.push([first, cp]); first = -1; }
    else ranges.push([cp, cp]);
  }
  return ranges;
})();
function isAssigned15(cp) {
  let lo = 0, hi = assigned15.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < assigned15[mid][0]) hi = mid - 1;
    else if (cp > assigned15[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}
export function sameInBothUnicodeVersions(cp) {
  return isAssigned15(cp) || /\p{Cn}/u.test(String.fromCodePoint(cp));
}

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
    else if (k < 0.85) {
      const cp = randomCodePoint(r);
      if (sameInBothUnicodeVersions(cp)) s += String.fromCodePoint(cp);
    }
    else s += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'[Math.floor(r() * 52)].repeat(1 + Math.floor(r() * 8));
  }
  return s;
}
