// Open-model benchmark: our wasm encoder (the page's compact files) against Hugging Face's tokenizers
// library (npm `tokenizers`, its native Rust core) on the Llama 3 and Qwen3 tokenizers, the same corpora
// (English prose, C++ headers, multilingual text from Debian packages), whole text, one run. Prints MB/s
// (median of --runs) and the ratio; writes build/bench/hf.json. Usage: node --no-experimental-fetch bench/hf.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadCorpora } from '../tests/conformance/corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const args = Object.fromEntries(process.argv.slice(2).reduce((p, a, i, all) => (a.startsWith('--') && p.push([a.slice(2), all[i + 1]]), p), []));
const runs = Number(args.runs || 5);
const build = path.resolve(args.build || 'build/web');
const { Tokenizer } = require('tokenizers');
const ours = (await require(path.join(build, 'bpeviz_core_node.js'))()).bpevizCore;
const corpora = loadCorpora({ maxBytes: Number(args.bytes || 1 << 20) });
delete corpora.emoji;
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
  ours.load(model.name, fs.readFileSync(path.join(build, 'site/encodings', model.file)));
  const hf = Tokenizer.fromFile(path.join(root, 'node_modules', model.npmPackage, 'models/tokenizer.json'));
  for (const [corpus, text] of Object.entries(corpora)) {
    const mb = Buffer.byteLength(text) / 1e6;
    const oursMs = await time(() => ours.encode(model.name, text, 'all'));
    const hfMs = await time(() => hf.encode(text, null, { addSpecialTokens: false }));
    rows.push({ model: model.name, corpus, mb: +mb.toFixed(2), oursMBs: +(mb / oursMs * 1e3).toFixed(1), hfMBs: +(mb / hfMs * 1e3).toFixed(1), ratio: +(hfMs / oursMs).toFixed(2) });
  }
}
console.log('model     corpus         MB   bpeviz wasm MB/s   HF tokenizers (native) MB/s   ratio');
for (const r of rows) {
  console.log(`${r.model.padEnd(9)} ${r.corpus.padEnd(13)} ${String(r.mb).padStart(4)}   ${String(r.oursMBs).padStart(16)}   ${String(r.hfMBs).padStart(27)}   ${String(r.ratio).padStart(5)}×`);
}
fs.mkdirSync(path.join(root, 'build/bench'), { recursive: true });
fs.writeFileSync(path.join(root, 'build/bench/hf.json'), JSON.stringify({ runs, rows }, null, 2));
