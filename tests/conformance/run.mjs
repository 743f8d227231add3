// Conformance: our WebAssembly encoder (bpeviz_core_node.js) against npm tiktoken (OpenAI's Rust
// core compiled to wasm) on the same inputs, for every encoding: real text from Debian packages,
// seeded random strings, special-token handling, and decode(encode(x)) == x.
// Prints "conformance: N passed, N failed" (a check passes when it has zero mismatches).
// Usage: node tests/conformance/run.mjs --build build/web [--random N] [--bytes N]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCorpora } from './corpus.mjs';
import { harmonyEncoding } from './harmony.mjs';
import { createReport, same, show } from './report.mjs';
import { rng, randomText } from './random_text.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => {
  if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1]]);
  return pairs;
}, []));
const buildDir = path.resolve(args.build || 'build/web');
const randomCount = Number(args.random || 100000);  // per encoding, as the core issue asks of the full run
const corpusBytes = Number(args.bytes || 1 << 20);

const tiktoken = require('tiktoken');
const createBpevizCore = require(path.join(buildDir, 'bpeviz_core_node.js'));
const ours = (await createBpevizCore()).bpevizCore;

const ENCODINGS = { gpt2: 'r50k_base', r50k_base: 'r50k_base', p50k_base: 'p50k_base', p50k_edit: 'p50k_base',
  cl100k_base: 'cl100k_base', o200k_base: 'o200k_base', o200k_harmony: 'o200k_base' };
const encodingsDir = path.join(buildDir, 'site/encodings');
const corpora = loadCorpora({ maxBytes: corpusBytes });
// ignoreBOM: a default TextDecoder silently drops a leading U+FEFF, which would lose text.
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

const { check: report, finish } = createReport();

for (const [name, file] of Object.entries(ENCODINGS)) {
  ours.load(name, fs.readFileSync(path.join(encodingsDir, `${file}.tiktoken`)));
  const reference = name === 'o200k_harmony' ? harmonyEncoding() : tiktoken.get_encoding(name);
  const compare = (label, texts, special) => {
    let mismatches = 0, example = '';
    for (const text of texts) {
      let expected, actual;
      try { expected = special === 'all' ? [...reference.encode(text, 'all')] : [...reference.encode_ordinary(text)]; }
      catch (e) { expected = `error: ${e.message}`; }
      try { actual = [...ours.encode(name, text, special === 'all' ? 'all' : 'text')]; }
      catch (e) { actual = `error: ${e.message}`; }
      if (typeof expected === 'string' || typeof actual === 'string' ? expected !== actual : !same(expected, actual)) {
        if (!mismatches++) example = `${show(text)}: tiktoken ${JSON.stringify(expected).slice(0, 120)} vs ours ${JSON.stringify(actual).slice(0, 120)}`;
      }
    }
    report(`${name} ${label}`, mismatches, texts.length, example);
  };
  for (const [corpus, text] of Object.entries(corpora)) {
    compare(`${corpus} (whole text, ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB)`, [text], 'text');
    compare(`${corpus} (line by line)`, text.split('\n').slice(0, 4000), 'text');
  }
  const r = rng(0xB9E + name.length);
  const randoms = Array.from({ length: randomCount }, () => randomText(r));
  compare('random strings, specials as text', randoms, 'text');
  compare('random strings, specials allowed', randoms.slice(0, randomCount / 4), 'all');
  compare('byte-order marks and lone surrogates', ['\ufeffhello', 'a\ufeff\ufeffb', '\ufeff', 'x\ud800y', '\udc00', '\ud83d', 'end\ud83d'], 'text');

  // Disallowed specials are an error in both, and never silently text.
  let specialMismatch = 0;
  for (const text of ['hi <|endoftext|>', '<|endoftext|>']) {
    let theirs = false, mine = false;
    try { reference.encode(text); } catch { theirs = true; }
    try { ours.encode(name, text, 'error'); } catch { mine = true; }
    if (!theirs || !mine) specialMismatch++;
  }
  report(`${name} disallowed special raises`, specialMismatch, 2, 'one side did not raise');

  // Round trip on valid UTF-8: decode(encode(x)) == x.
  let roundTrip = 0, rtExample = '';
  for (const text of [...randoms.slice(0, 5000), ...Object.values(corpora)]) {
    const valid = text.toWellFormed ? text.toWellFormed() : decoder.decode(new TextEncoder().encode(text));
    const back = decoder.decode(ours.decode(name, ours.encode(name, valid, 'text')));
    if (back !== valid && !roundTrip++) rtExample = show(valid);
  }
  report(`${name} round trip`, roundTrip, 5000 + Object.keys(corpora).length, rtExample);
  reference.free();
}
finish('conformance');
