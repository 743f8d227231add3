// Conformance of the open models: our WebAssembly encoder (bpeviz_core_node.js), loading each bundled
// model's compact file as the page does, against Hugging Face's tokenizers library (npm `tokenizers`,
// its native Rust core) loading the original tokenizer.json: real text from Debian packages whole and
// line by line, seeded random strings, with and without the post-processor's special tokens, and
// decode. Also a tokenizer.json loaded as a user's file gives the same ids as its compact form, and
// users' own files (the bundled ones changed: hf_variants.mjs) give Hugging Face's ids.
// Prints "conformance-hf: N passed, N failed". Usage: node tests/conformance/hf_run.mjs --build build/web [--random N]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCorpora } from './corpus.mjs';
import { createReport, same, show } from './report.mjs';
import { rng, randomText } from './random_text.mjs';
import { variants, withAddedTokens, withoutUnicodeAfter14 } from './hf_variants.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => {
  if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1]]);
  return pairs;
}, []));
const buildDir = path.resolve(args.build || 'build/web');
const randomCount = Number(args.random || 50000);
const only = args.only;

const { Tokenizer } = require('tokenizers');
const ours = (await require(path.join(buildDir, 'bpeviz_core_node.js'))()).bpevizCore;
const corpora = loadCorpora({ maxBytes: Number(args.bytes || 1 << 20) });
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

const { check: report, finish } = createReport();


// Compares our ids for `texts` under the encoding `name` (special tokens under `policy`) with what
// `reference` (a Hugging Face Tokenizer) gives, and reports one check.
async function compare(reference, name, label, texts, addSpecialTokens, policy = 'all') {
  const theirs = async (text) => [...(await reference.encode(text, null, { addSpecialTokens })).getIds()];
  let mismatches = 0, example = '';
  const expectedAll = texts.length > 1 ? await theirsAll(reference, texts, addSpecialTokens) : [await theirs(texts[0])];
  for (const [i, text] of texts.entries()) {
    const expected = expectedAll[i];
    let actual;
    try { actual = [...ours.encode(name, text, policy, addSpecialTokens)]; } catch (e) { actual = `error: ${e.message}`; }
    if (typeof actual === 'string' || !same(expected, actual)) {
      if (!mismatches++) {
        let at = 0;
        while (typeof actual !== 'string' && at < expected.length && expected[at] === actual[at]) at++;
        example = `${show(text)}: from token ${at}, HF ${JSON.stringify(expected.slice(at, at + 8))} vs ours ${JSON.stringify(typeof actual === 'string' ? actual : actual.slice(at, at + 8))}`;
      }
    }
  }
  report(`${name} ${label}${addSpecialTokens ? ', special tokens added' : ''}`, mismatches, texts.length, example);
}

// Many short texts go to Hugging Face in batches (one call per text costs more than the encoding).
async function theirsAll(reference, texts, addSpecialTokens) {
  const out = [];
  for (let i = 0; i < texts.length; i += 1000) {
    const batch = await reference.encodeBatch(texts.slice(i, i + 1000), { addSpecialTokens });
    for (const e of batch) out.push([...e.getIds()]);
  }
  return out;
}

// Texts of `n` lines each (their newlines kept), from the first 2000 lines of `text`.
const chunkLines = (text, n) => {
  const lines = text.split('\n').slice(0, 2000);
  return Array.from({ length: Math.ceil(lines.length / n) }, (_, i) => lines.slice(i * n, (i + 1) * n).join('\n') + '\n');
};

const tokenizerJson = (model) => path.join(root, 'node_modules', model.npmPackage, 'models/tokenizer.json');

for (const model of ours.openModels()) {
  if (only && model.name !== only) continue;
  const reference = Tokenizer.fromFile(tokenizerJson(model));
  const started = Date.now();
  ours.load(model.name, fs.readFileSync(path.join(buildDir, 'site/encodings', model.file)));
  console.log(`#     ${model.name}: compact file loaded in ${Date.now() - started} ms`);
  for (const [corpus, text] of Object.entries(corpora)) {
    await compare(reference, model.name, `${corpus} (whole text, ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB)`, [text], false);
    await compare(reference, model.name, `${corpus} (line by line)`, text.split('\n').slice(0, 2000), corpus === 'prose');
  }
  // Added tokens that are not special (Gemma 3's "\n", "\n\n", "\t") match whatever the policy, as in
  // Hugging Face: real text with its newlines and tabs gives the same ids under 'text' and 'error'.
  for (const policy of ['text', 'error']) {
    await compare(reference, model.name, `prose and code, 200 lines at a time, special tokens '${policy}'`,
                  ['prose', 'code'].flatMap((c) => chunkLines(corpora[c], 200)), false, policy);
  }
  const r = rng(0x4F + model.name.length);
  const randoms = Array.from({ length: randomCount }, () => randomText(r));
  await compare(reference, model.name, 'random strings', randoms, false);
  await compare(reference, model.name, 'random strings', randoms.slice(0, randomCount / 5), true);

  // Decode: the ids of real and random text decode as Hugging Face decodes them.
  let decodeMismatches = 0, decodeExample = '';
  const decodeInputs = [...randoms.slice(0, 5000), ...Object.values(corpora).map((t) => t.slice(0, 200000))];
  const decodeIds = await theirsAll(reference, decodeInputs, true);
  const decodedAll = [];
  for (let i = 0; i < decodeIds.length; i += 1000) decodedAll.push(...await reference.decodeBatch(decodeIds.slice(i, i + 1000), false));
  for (const [i, text] of decodeInputs.entries()) {
    const ids = decodeIds[i];
    const expected = decodedAll[i];
    const actual = decoder.decode(ours.decode(model.name, Uint32Array.from(ids)));
    if (expected !== actual && !decodeMismatches++) decodeExample = `${show(text)}: HF ${show(expected)} vs ours ${show(actual)}`;
  }
  report(`${model.name} decode`, decodeMismatches, decodeInputs.length, decodeExample);
}

// The same file brought by a user (the page's file picker, bpeviz-cli --tokenizer): the JSON loader.
if (!only || only === 'mistral-7b') {
  const model = ours.openModels().find((m) => m.name === 'mistral-7b');
  const bytes = fs.readFileSync(path.join(root, 'node_modules', model.npmPackage, 'models/tokenizer.json'));
  const name = ours.addUserTokenizer([{ name: 'tokenizer.json', bytes }]);
  let mismatches = 0, example = '';
  const texts = [...Object.values(corpora), ...Array.from({ length: 2000 }, ((r) => () => randomText(r))(rng(7)))];
  for (const text of texts) {
    const a = ours.encode(name, text, 'all', true), b = ours.encode('mistral-7b', text, 'all', true);
    if (!same([...a], [...b]) && !mismatches++) example = show(text);
  }
  report('tokenizer.json loaded as a user file = its compact form', mismatches, texts.length, example);
}
// Users' own files: the bundled ones changed where the bundled models never go (hf_variants.mjs),
// loaded by our JSON loader and by Hugging Face from the same bytes.
for (const variant of variants) {
  if (only && !variant.name.startsWith(only)) continue;
  const json = JSON.parse(fs.readFileSync(tokenizerJson(ours.openModels().find((m) => m.name === variant.base)), 'utf8'));
  variant.change(json);
  const text = JSON.stringify(json);
  const reference = Tokenizer.fromString(text);
  const name = ours.addUserTokenizer([{ name: 'tokenizer.json', bytes: Buffer.from(text) }]);
  const r = rng(0x5eed + variant.name.length);
  const lines = Object.values(corpora).flatMap((t) => t.split('\n').slice(0, 500));
  await compare(reference, name, `(${variant.name}): multilingual (whole text)`, [corpora.multilingual], false);
  await compare(reference, name, `(${variant.name}): real lines`, lines, false);
  await compare(reference, name, `(${variant.name}): random strings`, Array.from({ length: 5000 }, () => withoutUnicodeAfter14(randomText(r))), false);
  if (variant.addedTokens) {
    await compare(reference, name, `(${variant.name}): real lines with added tokens`, withAddedTokens(lines, variant.addedTokens, r, 5000), false);
  }
}
finish('conformance-hf');
