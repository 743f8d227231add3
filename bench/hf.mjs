// Open-model benchmark: our encoder — wasm (the page's compact files) and native (bpeviz-bench) —
// against Hugging Face's tokenizers library (npm `tokenizers`, its native Rust core) on the Llama 3 and
// Qwen3 tokenizers, on the same corpora (English prose, C++ headers, multilingual text from Debian
// packages), in one run: the whole text as one call, and line by line (for Hugging Face one
// encodeBatch call, which is how its binding is fastest). Prints MB/s (median of --runs, cold for us:
// the piece cache emptied before each run) and the ratios; writes build/bench/hf.json.
// Usage: node --no-experimental-fetch bench/hf.mjs [--runs N] [--build build/web] [--native build/native]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCorpora } from '../tests/conformance/corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const args = Object.fromEntries(process.argv.slice(2).reduce((p, a, i, all) => (a.startsWith('--') && p.push([a.slice(2), all[i + 1]]), p), []));
const runs = Number(args.runs || 5);
const build = path.resolve(args.build || 'build/web');
const nativeBench = path.join(path.resolve(args.native || 'build/native'), 'bpeviz-bench');
const { Tokenizer } = require('tokenizers');
const ours = (await require(path.join(build, 'bpeviz_core_node.js'))()).bpevizCore;
const corpora = loadCorpora({ maxBytes: Number(args.bytes || 1 << 20) });
delete corpora.emoji;
const corpusDir = path.join(root, 'build/bench/hf-corpora');
fs.mkdirSync(corpusDir, { recursive: true });
for (const [name, text] of Object.entries(corpora)) fs.writeFileSync(path.join(corpusDir, `${name}.txt`), text);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
async function time(fn) {
  await fn();  // warm-up
  const ms = [];
  for (let i = 0; i < runs; i++) {
    ours.clearCache();  // cold for us: no remembered pieces
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(ms);
}
const rows = [];
for (const model of ours.openModels().filter((m) => m.name === 'llama3' || m.name === 'qwen3')) {
  const compact = path.join(build, 'site/encodings', model.file);
  ours.load(model.name, fs.readFileSync(compact));
  const hf = Tokenizer.fromFile(path.join(root, 'node_modules', model.npmPackage, 'models/tokenizer.json'));
  // The native encoder in its own process, on the same files (its JSON: cold_ms per run).
  const native = JSON.parse(execFileSync(nativeBench, ['encode', model.name, '--compact', compact, '--runs', String(runs),
    ...Object.keys(corpora).map((c) => `${c}=${path.join(corpusDir, `${c}.txt`)}`)], { encoding: 'utf8' }));
  for (const [corpus, text] of Object.entries(corpora)) {
    const mb = Buffer.byteLength(text) / 1e6;
    const lines = text.split('\n');
    for (const regime of ['whole', 'lines']) {
      const oursMs = regime === 'whole'
        ? await time(() => ours.encode(model.name, text, 'all'))
        : await time(() => { for (const line of lines) ours.encode(model.name, line, 'all'); });
      const hfMs = regime === 'whole'
        ? await time(() => hf.encode(text, null, { addSpecialTokens: false }))
        : await time(() => hf.encodeBatch(lines, { addSpecialTokens: false }));
      const nativeMs = median(native[corpus][regime].cold_ms);
      const rate = (ms) => +(mb / ms * 1e3).toFixed(1);
      rows.push({ model: model.name, corpus, regime, mb: +mb.toFixed(2), wasmMBs: rate(oursMs), nativeMBs: rate(nativeMs),
                  hfMBs: rate(hfMs), wasmRatio: +(hfMs / oursMs).toFixed(2), nativeRatio: +(hfMs / nativeMs).toFixed(2) });
    }
  }
}
console.log('| model | corpus | regime | MB | bpeviz wasm MB/s | bpeviz native MB/s | HF tokenizers (native) MB/s | wasm ÷ HF | native ÷ HF |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.model} | ${r.corpus} | ${r.regime} | ${r.mb} | ${r.wasmMBs} | ${r.nativeMBs} | ${r.hfMBs} | ${r.wasmRatio}× | ${r.nativeRatio}× |`);
}
fs.writeFileSync(path.join(root, 'build/bench/hf.json'), JSON.stringify({ runs, rows }, null, 2));
