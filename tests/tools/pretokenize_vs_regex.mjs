// Differential test of core/text/pretokenize against a real regex engine (V8's, which backtracks with the same
// leftmost-first priorities as tiktoken's fancy-regex and Hugging Face's Oniguruma). Not part of the CMake build;
// run it by hand:
//   g++ -std=c++20 -O2 -I. -Ibuild/native tests/tools/pretokenize_dump.cpp core/text/pretokenize.cpp \
//       core/text/pretokenize_patterns.cpp core/text/unicode_data.cpp -lutf8proc -o /tmp/pretokenize_dump
//   node tests/tools/pretokenize_vs_regex.mjs [--dump /tmp/pretokenize_dump] [--count 100000] [--seed 1] [FILE...]
// It generates random byte strings (dense in the characters the patterns treat specially, with ill-formed
// UTF-8 mixed in), adds the lines and paragraphs of any FILEs given, and compares every piece boundary.
// The patterns are the scanners' own table (core/text/pretokenize_patterns.cpp, which the dump prints),
// rewritten for V8 (toV8 below); a scanner with several regexes applies each to the pieces of the one before.
// Ill-formed bytes are decoded here as utf8proc does (a well-formed sequence, else one byte) and become
// U+FFFD for the regex, whose category So is what pretokenize gives such a byte.
// Random code points whose category differs between the scanners' Unicode version (16.0, unicode_data.h)
// and V8's (Node 20 has 17.0) are not drawn: V8 is the stand-in here, not a reference, and such a code
// point would only add explained mismatches; the conformance suite holds them to tiktoken and tokenizers.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const dump = option('--dump', '/tmp/pretokenize_dump');
const count = Number(option('--count', '100000'));
let seed = Number(option('--seed', '1')) >>> 0;
const files = args;

// The table's regexes (Oniguruma's and Rust's syntax) in V8's:
// - JS's \s is not Unicode White_Space (it has U+FEFF, lacks U+0085), so \p{White_Space} is used instead;
// - JS has no scoped (?i:...), so each letter in one is spelled with its case variants: [sSſ] holds U+017F
//   and [kK\u212a] U+212A because Unicode's simple case folding, which Rust's regex crate uses for (?i),
//   folds them to 's' and 'k' (V8's /iu agrees).
function toV8(regex) {
  const folds = { s: '\u017f', k: '\u212a' };
  let out = '', inClass = false;
  const groups = [];  // for each open group, whether it is caseless
  for (let i = 0; i < regex.length; ++i) {
    const c = regex[i];
    if (c === '\\') {
      const next = regex[i + 1];
      if (next === 's') out += '\\p{White_Space}';
      else if (next === 'S') out += '\\P{White_Space}';
      else if (next === 'p' || next === 'P') {
        const end = regex.indexOf('}', i);
        out += regex.slice(i, end + 1);
        i = end - 1;
      } else out += c + next;
      ++i;
    } else if (inClass) {
      out += c;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      out += c;
      inClass = true;
      if (regex[i + 1] === '^') out += regex[++i];
    } else if (regex.startsWith('(?i:', i)) {
      out += '(?:';
      groups.push(true);
      i += 3;
    } else if (c === '(') {
      out += c;
      groups.push(false);
    } else if (c === ')') {
      out += c;
      groups.pop();
    } else if (groups.includes(true) && /[a-z]/i.test(c)) {
      out += `[${c.toLowerCase()}${c.toUpperCase()}${folds[c.toLowerCase()] ?? ''}]`;
    } else {
      out += c;
    }
  }
  return out;
}
const patterns = {};
for (const line of execFileSync(dump, ['--patterns']).toString().trim().split('\n')) {
  const { kind, regexes } = JSON.parse(line);
  patterns[kind] = regexes.map((r) => new RegExp(toV8(r), 'gu'));
}

// Which class a code point falls in for the patterns, by the scanners' category and by V8's.
const nativeClass = (category) =>
  ({ Lu: 'U', Lt: 'U', Ll: 'l', Lm: 'B', Lo: 'B', Mn: 'B!', Mc: 'B!', Me: 'B!', Nd: 'N', Nl: 'N', No: 'N' })[category] ??
  ({ P: 'P', S: 'S' })[category?.[0]] ?? '-';
const jsTests = [
  ['U', /^[\p{Lu}\p{Lt}]$/u], ['l', /^\p{Ll}$/u], ['B', /^[\p{Lm}\p{Lo}]$/u], ['B!', /^\p{M}$/u], ['N', /^\p{N}$/u],
  ['P', /^\p{P}$/u], ['S', /^\p{S}$/u],  // DeepSeek-V3's classes
];
const jsClass = (cp) => {
  const s = String.fromCodePoint(cp);
  for (const [name, re] of jsTests) if (re.test(s)) return name;
  return '-';
};
const categories = execFileSync(dump, ['--categories'], { maxBuffer: 1 << 26 }).toString().split('\n');
const disagree = new Set();
for (let cp = 0; cp <= 0x10ffff; ++cp) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  if (nativeClass(categories[cp]) !== jsClass(cp)) disagree.add(cp);
}
console.log(`code points whose class differs between the scanners' tables (${categories.length - 1} entries) and V8 ` +
            `(Unicode ${process.versions.unicode}): ${disagree.size}`);
// mulberry32: a small seeded generator, so a failure can be reproduced with --seed.
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const enc = new TextEncoder();
const pieces = [
  // ASCII letters, digits and the characters the patterns single out
  ...'aAbBzZsStTlLrReEvVmMdDxHW', ...'0123456789', "'", "'", ' ', ' ', ' ', '\t', '\r', '\n', '\v', '\f',
  ...'.,!?/-"#(){}_', '/', '/',
  // contractions and their look-alikes
  "'s", "'S", "'t", "'re", "'RE", "'rE", "'ve", "'m", "'M", "'ll", "'LL", "'lL", "'d", "'D", 'ſ', "'ſ", "'l", "'r",
  '\u2019', '\u2019s', 'K', // right single quote; Kelvin sign (folds to k, which no contraction has)
  // words
  'hello', 'Hello', 'HELLO', 'HelloWorld', 'HELLOWorld', "don't", "DON'T", '12345', '1234567', '  ', '\r\n',
  // white space beyond ASCII
  '\u00A0', '\u3000', '\u2009', '\u0085', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u200B', '\uFEFF',
  // marks: Mn, Mc, Me; letters of each case category; numbers of each kind
  '\u0301', '\u0308', '\u093F', '\u20DD', '\uFE0F', 'e\u0301', 'E\u0301',
  '\u01C5', '\u1F88', '\u02B0', '\u3005', '\u00AA', '中', '文', 'ひ', 'ア', '한',
  'Привет', 'мир', 'Ж', 'ж', 'مرحبا', 'नमस्ते', 'ελληνικά', 'Ω', 'ß', 'ẞ', 'ǅ', 'ﬁ',
  '\u0663', '\u0966', 'Ⅻ', 'ⅻ', '½', '²', '①',
  // symbols and emoji (So, Sm, Sc), a ZWJ sequence, a private-use character
  '👍', '🏳️\u200D🌈', '€', '+', '∑', '\uE000',
];
const invalid = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xfe]];

function randomCodePoint() {
  for (;;) {
    const cp = random() < 0.7 ? 0x80 + Math.floor(random() * 0x2ff80) : Math.floor(random() * 0x110000);
    // Code points the two Unicode versions classify differently would only add explained mismatches.
    if ((cp < 0xd800 || cp > 0xdfff) && !disagree.has(cp)) return cp;
  }
}

function randomBytes() {
  const n = Math.floor(random() * 24);
  const out = [];
  for (let i = 0; i < n; ++i) {
    const r = random();
    if (r < 0.05) out.push(...pick(invalid));
    else if (r < 0.10) out.push(...enc.encode(String.fromCodePoint(randomCodePoint())));
    else out.push(...enc.encode(pick(pieces)));
  }
  return Uint8Array.from(out);
}

// Decodes like utf8proc_iterate: a well-formed sequence, or one ill-formed byte (as U+FFFD).
// Returns the string and, for each UTF-16 index, its byte offset.
function decode(bytes) {
  let str = '';
  const offsets = [];
  const cont = (i, lo = 0x80, hi = 0xbf) => i < bytes.length && bytes[i] >= lo && bytes[i] <= hi;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    let cp = 0xfffd, n = 1;
    if (b < 0x80) { cp = b; n = 1; }
    else if (b >= 0xc2 && b <= 0xdf && cont(i + 1)) { cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f); n = 2; }
    else if (b >= 0xe0 && b <= 0xef && cont(i + 1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) && cont(i + 2)) {
      cp = ((b & 0xf) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f); n = 3;
    } else if (b >= 0xf0 && b <= 0xf4 && cont(i + 1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) &&
               cont(i + 2) && cont(i + 3)) {
      cp = ((b & 7) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f); n = 4;
    }
    const s = String.fromCodePoint(cp);
    for (let k = 0; k < s.length; ++k) offsets.push(i);
    str += s;
    i += n;
  }
  offsets.push(bytes.length);
  return { str, offsets };
}

// The pieces each regex cuts the pieces of the one before into (Hugging Face's Split, Isolated): the matches
// and the text between them. One regex that matches everywhere (tiktoken's patterns) leaves no text between.
function regexSpans(kind, bytes) {
  const { str, offsets } = decode(bytes);
  let pieces = str.length ? [[0, str.length]] : [];
  for (const regex of patterns[kind]) {
    const next = [];
    for (const [begin, end] of pieces) {
      let at = begin;
      for (const m of str.slice(begin, end).matchAll(regex)) {
        if (m[0].length === 0) continue;
        if (begin + m.index > at) next.push([at, begin + m.index]);
        next.push([begin + m.index, begin + m.index + m[0].length]);
        at = begin + m.index + m[0].length;
      }
      if (end > at) next.push([at, end]);
    }
    pieces = next;
  }
  return pieces.flatMap(([begin, end]) => [offsets[begin], offsets[end]]);
}

const explained = (bytes) => [...decode(bytes).str].some((ch) => disagree.has(ch.codePointAt(0)));

// Inputs: random strings, then each file whole, by paragraph and by line.
const inputs = [];
for (let i = 0; i < count; ++i) inputs.push(randomBytes());
for (const file of files) {
  const data = readFileSync(file);
  inputs.push(Uint8Array.from(data));
  const text = data.toString('latin1');  // split on ASCII only, keeping the bytes as they are
  for (const part of [...text.split('\n\n'), ...text.split('\n')]) inputs.push(Uint8Array.from(Buffer.from(part, 'latin1')));
}
const dir = mkdtempSync(join(tmpdir(), 'pretokenize-'));
const inputFile = join(dir, 'inputs.bin');
const chunks = [];
for (const bytes of inputs) {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(bytes.length);
  chunks.push(header, Buffer.from(bytes));
}
writeFileSync(inputFile, Buffer.concat(chunks));

let failures = 0;
for (const kind of Object.keys(patterns)) {
  const lines = execFileSync(dump, [kind, inputFile], { maxBuffer: 1 << 30 }).toString().trimEnd().split('\n');
  let mismatches = 0, unicodeVersion = 0;
  for (let i = 0; i < inputs.length; ++i) {
    const want = JSON.stringify(regexSpans(kind, inputs[i]));
    if (lines[i] === want) continue;
    if (explained(inputs[i])) { ++unicodeVersion; continue; }
    if (++mismatches <= 5) {
      console.log(`${kind} mismatch on ${JSON.stringify(decode(inputs[i]).str)} (bytes ${Buffer.from(inputs[i]).toString('hex')})`);
      console.log(`  regex:       ${want}\n  pretokenize: ${lines[i]}`);
    }
  }
  failures += mismatches;
  console.log(`${kind}: ${inputs.length} strings, ${mismatches} mismatches, ` +
              `${unicodeVersion} more explained by differing Unicode versions`);
}
process.exit(failures ? 1 : 0);
