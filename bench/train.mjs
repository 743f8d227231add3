// The trainer benchmark. Native: bpeviz-cli trains a 10,000-token vocabulary on 100 MB of English
// (scripts/english_corpus.sh) — wall time and peak memory (GNU time). Browser: our wasm build makes
// 2,000 merges on 1 MB of the same text, in headless Chromium and in Node. Targets from issue 4:
// under 60 s and 2 GB natively, under 1 s in the browser. Medians of --runs timings; the wasm model
// must equal the native one on the same input (checked, not timed).
// Usage: node bench/train.mjs --corpus FILE [--runs 5] [--build build/web] [--out build/bench/train.json]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchBrowser, serveStatic } from '../tests/e2e/harness.mjs';
import { describeMachine } from './machine.mjs';
import { median } from './measure.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => {
  if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1]]);
  return pairs;
}, []));
const runs = Number(args.runs || 5);
const corpus = path.resolve(args.corpus);
const outFile = path.resolve(args.out || path.join(root, 'build/bench/train.json'));
const cli = path.join(root, 'build/native/bpeviz-cli');
const webBuild = path.resolve(args.build || path.join(root, 'build/web'));
const progress = (msg) => process.stderr.write(`bench-train: ${msg}\n`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bpeviz-train-'));

// 1 MB of the corpus, cut before a line start so no character is split.
const whole = fs.readFileSync(corpus);
const oneMb = whole.subarray(0, whole.lastIndexOf(0x0a, 1 << 20) + 1);
const oneMbFile = path.join(work, 'one-mb.txt');
fs.writeFileSync(oneMbFile, oneMb);
const oneMbText = oneMb.toString('utf8');

// Native: wall time and peak resident memory from GNU time.
function trainNative(file, sizeArgs, pretokenizer, threads) {
  const out = path.join(work, `native-${pretokenizer}`);
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', cli, 'train', ...sizeArgs, '--pretokenizer', pretokenizer,
    '--threads', String(threads), file, '-o', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`bpeviz-cli train failed: ${r.stderr}`);
  const report = r.stderr.toString();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakKb = Number(report.trim().split('\n').pop());
  return { seconds, peakMb: peakKb / 1024, model: fs.readFileSync(path.join(out, 'bpeviz.model'), 'utf8') };
}

const results = { machine: describeMachine(), corpus: { file: corpus, bytes: whole.length, oneMbBytes: oneMb.length }, rows: [] };
const row = (what, values, unit, target) => {
  const m = median(values);
  results.rows.push({ what, median: m, runs: values, unit, target, met: target === undefined ? null : m < target });
};

progress(`native: 10,000-token vocabulary on ${(whole.length / 1e6).toFixed(0)} MB, ${runs} runs`);
const big = [];
for (let i = 0; i < runs; ++i) big.push(trainNative(corpus, ['--vocab-size', '10000'], 'gpt2', 2));
row('native: 100 MB → 10,000 tokens (gpt2, 2 threads), time', big.map((r) => r.seconds), 's', 60);
row('native: 100 MB → 10,000 tokens, peak memory', big.map((r) => r.peakMb), 'MB', 2048);

const PRETOKENIZERS = ['gpt2', 'o200k', 'whitespace', 'none'];
const nativeModels = {};
for (const p of PRETOKENIZERS) {
  progress(`native: 2,000 merges on 1 MB (${p})`);
  const r = [];
  for (let i = 0; i < runs; ++i) r.push(trainNative(oneMbFile, ['--merges', '2000'], p, 1));
  nativeModels[p] = r[0].model;
  row(`native: 1 MB → 2,000 merges (${p})`, r.map((x) => x.seconds), 's');
}

// Node: the same wasm module the conformance tests use.
const require = createRequire(import.meta.url);
// The wasm bytes are handed over: Emscripten 3.1.6 would fetch() a file path when Node has fetch,
// and playwright-core needs Node's fetch globals.
const core = (await require(path.join(webBuild, 'bpeviz_core_node.js'))({
  wasmBinary: fs.readFileSync(path.join(webBuild, 'bpeviz_core_node.wasm')),
})).bpevizCore;
for (const p of PRETOKENIZERS) {
  progress(`node wasm: 2,000 merges on 1 MB (${p})`);
  const times = [];
  for (let i = 0; i < runs; ++i) {
    const t0 = performance.now();
    const { model } = core.train(oneMbText, 2000, p);
    times.push((performance.now() - t0) / 1000);
    if (model !== nativeModels[p]) throw new Error(`wasm and native models differ (${p})`);
  }
  row(`node wasm: 1 MB → 2,000 merges (${p})`, times, 's', 1);
}

// Chromium: the module in a bare page served from the build directory.
const server = await serveStatic(webBuild);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/no-such-page`);
  await page.addScriptTag({ url: '/bpeviz_core_node.js' });
  await page.evaluate(async () => { window.core = (await window.createBpevizCore()).bpevizCore; });
  for (const p of PRETOKENIZERS) {
    progress(`chromium wasm: 2,000 merges on 1 MB (${p})`);
    const times = [];
    for (let i = 0; i < runs; ++i) {
      const { seconds, model } = await page.evaluate(([text, pre]) => {
        const t0 = performance.now();
        const r = window.core.train(text, 2000, pre);
        return { seconds: (performance.now() - t0) / 1000, model: r.model };
      }, [oneMbText, p]);
      if (model !== nativeModels[p]) throw new Error(`Chromium wasm and native models differ (${p})`);
      times.push(seconds);
    }
    row(`chromium wasm: 1 MB → 2,000 merges (${p})`, times, 's', 1);
  }
  results.chromium = browser.version();
} finally {
  await browser.close();
  server.close();
  fs.rmSync(work, { recursive: true, force: true });
}

fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(results, null, 2));
console.log(`Trainer benchmark — ${results.machine.cpu || ''}; Chromium ${results.chromium}; Node ${process.version}`);
console.log(`corpus: ${corpus} (${whole.length} bytes; 1 MB slice: ${oneMb.length} bytes); medians of ${runs} runs`);
console.log('');
const width = Math.max(...results.rows.map((r) => r.what.length));
console.log(`${'measurement'.padEnd(width)}  ${'median'.padStart(10)}  ${'target'.padStart(9)}  ratio to target`);
for (const r of results.rows) {
  const value = `${r.median.toFixed(r.unit === 'MB' ? 0 : 3)} ${r.unit}`;
  const target = r.target === undefined ? '' : `< ${r.target} ${r.unit}`;
  const ratio = r.target === undefined ? '' : `${(r.median / r.target).toFixed(3)} (${r.met ? 'met' : 'MISSED'})`;
  console.log(`${r.what.padEnd(width)}  ${value.padStart(10)}  ${target.padStart(9)}  ${ratio}`);
}
console.log(`\nwritten: ${path.relative(root, outFile)}`);
