// The encoder benchmark: our wasm build against tiktoken (wasm), js-tiktoken, gpt-tokenizer and ai-tokenizer
// in Node, and our native build against tiktoken-rs (native addon), on the same corpora and encodings in one
// run. Prints a table of medians and ratios (bench/report.mjs) and writes the same data as JSON.
// Usage: node bench/run.mjs [--rounds 3] [--runs 2] [--load-runs 5] [--bytes 524288] [--out build/bench/results.json]
//                           [--encodings cl100k_base,o200k_base] [--corpora code,multilingual]
// --encodings and --corpora narrow a run while iterating (the full run measures all); --load-runs 0
// leaves out the load table.
// Every measurement runs in its own child process, one at a time: the machine has two cores. Speeds are
// medians of rounds × runs timings: each round starts a fresh process per library and encoding, and the
// rounds are interleaved, so that a slow spell of this shared, noisy machine cannot land on one library only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadCorpora } from '../tests/conformance/corpus.mjs';
import { describeMachine } from './machine.mjs';
import { LIBRARIES, packageVersion, root } from './libraries.mjs';
import { median } from './measure.mjs';
import { againstFastest, printReport } from './report.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => {
  if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1]]);
  return pairs;
}, []));
const rounds = Number(args.rounds || 3);
const runs = Number(args.runs || 2);
const loadRuns = Number(args['load-runs'] || 5);
const corpusBytes = Number(args.bytes || 1 << 19);
const outFile = path.resolve(args.out || path.join(root, 'build/bench/results.json'));
const ENCODINGS = args.encodings ? args.encodings.split(',') : ['r50k_base', 'cl100k_base', 'o200k_base'];
const CORPORA = args.corpora ? args.corpora.split(',') : ['prose', 'code', 'multilingual'];
const workDir = path.join(root, 'build/bench');
const corpusDir = path.join(workDir, 'corpora');
const nativeBench = path.join(root, 'build/native/bpeviz-bench');
const progress = (msg) => process.stderr.write(`bench: ${msg}\n`);

// Our native build is the one more "library": same interface to the report, run as bpeviz-bench.
const NATIVE = { label: 'ours (native)', kind: 'native', package: null, encodings: ENCODINGS, cache: LIBRARIES.ours.cache };
const ALL = { ...LIBRARIES, native: NATIVE };
const referenceOf = (lib) => (ALL[lib].kind === 'native' ? 'native' : 'ours');

function run(lib, command, encoding, extra = []) {
  const argv = lib === 'native'
    ? [nativeBench, [command, encoding, ...extra]]
    : [process.execPath, ['--expose-gc', '--no-experimental-fetch', path.join(root, 'bench/worker.mjs'), command, lib, encoding, ...extra]];
  const out = execFileSync(argv[0], argv[1], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out);
}

// 1. The corpora, written once so that every process reads the same bytes.
fs.rmSync(corpusDir, { recursive: true, force: true });
fs.mkdirSync(corpusDir, { recursive: true });
const texts = loadCorpora({ maxBytes: corpusBytes });
const corpora = {};
for (const name of CORPORA) {
  fs.writeFileSync(path.join(corpusDir, `${name}.txt`), texts[name]);
  corpora[name] = { bytes: Buffer.byteLength(texts[name]), lines: texts[name].split('\n').length };
}

const results = {
  machine: describeMachine(),
  method: {
    rounds, runs_per_round: runs, load_runs: loadRuns, corpus_max_bytes: corpusBytes,
    timing: `median of ${rounds * runs} runs: ${rounds} interleaved rounds, each a fresh process per library and encoding timing ${runs} run(s) after two untimed passes (JIT warm-up); gc() before every timed run`,
    cold: 'caches of seen words cleared before each run (libraries without such a cache: one measurement, both cold and warm)',
    warm: 'the same text encoded again on the same instance',
    load: 'fresh process per sample: init = import the library code (wasm: compile + instantiate), load = build the encoder from its data; memory = growth of RSS and of JS heap + external (native: malloc in-use) from before init to after load, after gc(). tiktoken and tiktoken-rs-node carry their ranks inside their binaries, so part of their data cost is in init: the load ratio compares load only, the memory ratio covers init and load',
    ratios: 'how many times better ours is (>1: ours better): throughput ours/base, load time base/ours, memory base/ours; tiktoken-rs is compared with our native build, the others with our wasm build',
    per_line: "text split on '\\n', each line encoded in its own call",
    native: 'ours (native) is a C++ program calling Encoding::encode_ordinary; tiktoken-rs-node is called from Node, so each call also converts the JS string to UTF-8 and the ids to a Uint32Array, which weighs most per line',
  },
  corpora,
  libraries: Object.fromEntries(Object.entries(ALL).map(([key, lib]) => [key, {
    label: lib.label, kind: lib.kind, package: lib.package, version: lib.package ? packageVersion(lib.package) : null,
    cache: lib.cache, reference: referenceOf(key),
  }])),
  not_measured: [],
  mismatches: [],
  load: {},
  encode: {},
};
for (const [key, lib] of Object.entries(ALL)) {
  for (const encoding of ENCODINGS.filter((e) => !lib.encodings.includes(e))) {
    results.not_measured.push({ library: key, encoding, reason: `${lib.package} ${packageVersion(lib.package)} ships no ${encoding} (it has p50k_base, cl100k_base, o200k_base); p50k_base's ranks differ from r50k_base's` });
  }
}
const measured = (encoding) => Object.keys(ALL).filter((key) => ALL[key].encodings.includes(encoding));

// 2. Load time and memory: one fresh process per sample, the samples of all libraries interleaved so
// that a slow spell of the machine spreads over every library instead of hitting one.
const samples = {};
for (let r = 0; r < loadRuns; r++) {
  progress(`load, round ${r + 1} of ${loadRuns}`);
  for (const encoding of ENCODINGS) {
    for (const lib of measured(encoding)) ((samples[encoding] ??= {})[lib] ??= []).push(run(lib, 'load', encoding));
  }
}
for (const encoding of ENCODINGS) {
  results.load[encoding] = {};
  for (const [lib, list] of Object.entries(samples[encoding] ?? {})) {
    const m = (key) => median(list.map((s) => s[key]));
    results.load[encoding][lib] = { init_ms: m('init_ms'), load_ms: m('load_ms'), rss_bytes: m('rss_bytes'), heap_bytes: m('heap_bytes'), samples: list };
  }
  for (const [lib, entry] of Object.entries(results.load[encoding])) {
    const ours = results.load[encoding][referenceOf(lib)];
    if (lib === referenceOf(lib)) continue;
    entry.ratio_load = entry.load_ms / ours.load_ms;
    entry.ratio_rss = entry.rss_bytes / ours.rss_bytes;
  }
}

// 3. Encoding speed. Ours (wasm) goes first: its ids are what every other library must reproduce.
const corpusArgs = CORPORA.map((c) => `${c}=${path.join(corpusDir, `${c}.txt`)}`);
const expectFile = (encoding) => path.join(workDir, `expected_${encoding}.json`);
const raw = {};  // encoding → library → the output of each round
for (let r = 0; r < rounds; r++) {
  for (const encoding of ENCODINGS) {
    for (const lib of ['ours', ...measured(encoding).filter((l) => l !== 'ours')]) {
      progress(`encode, round ${r + 1} of ${rounds}, ${encoding}: ${ALL[lib].label}`);
      const out = lib === 'native'
        ? run(lib, 'encode', encoding, ['--runs', String(runs), ...corpusArgs])
        : run(lib, 'encode', encoding, ['--corpora', corpusDir, '--runs', String(runs), ...(lib === 'ours' ? [] : ['--expect', expectFile(encoding)])]);
      if (lib === 'ours' && r === 0) fs.writeFileSync(expectFile(encoding), JSON.stringify(out));
      ((raw[encoding] ??= {})[lib] ??= []).push(out);
    }
  }
}
// One result per library, corpus and mode: the timings of all rounds together.
function merged(outs, corpus, mode) {
  const all = outs.map((out) => out[corpus][mode]);
  const m = { ...all[0] };
  m.mismatch = all.find((x) => x.mismatch)?.mismatch
    ?? (all.some((x) => x.tokens !== m.tokens || x.digest !== m.digest) ? 'ids differ between rounds' : undefined);
  if (!m.mismatch) {
    m.cold_ms = all.flatMap((x) => x.cold_ms);
    if (m.warm_ms) m.warm_ms = all.flatMap((x) => x.warm_ms);
  }
  return m;
}
for (const encoding of ENCODINGS) {
  results.encode[encoding] = {};
  for (const corpus of CORPORA) {
    for (const mode of ['whole', 'lines']) {
      const row = ((results.encode[encoding][corpus] ??= {})[mode] = {});
      const want = merged(raw[encoding].ours, corpus, mode);
      for (const [lib, outs] of Object.entries(raw[encoding])) {
        const m = merged(outs, corpus, mode);
        // The native program cannot see ours' ids, so its digest is checked here.
        if (!m.mismatch && (m.tokens !== want.tokens || m.digest !== want.digest)) {
          m.mismatch = `ids differ from ours (wasm): ${m.tokens} tokens (digest ${m.digest}) vs ${want.tokens} (digest ${want.digest})`;
        }
        if (m.mismatch) {
          results.mismatches.push({ library: lib, encoding, corpus, mode, message: m.mismatch });
          row[lib] = { ...m, cold_ms: undefined };
          continue;
        }
        const cold = median(m.cold_ms), warm = m.warm_ms ? median(m.warm_ms) : cold;
        row[lib] = {
          bytes: m.bytes, tokens: m.tokens, cold_ms: m.cold_ms, warm_ms: m.warm_ms ?? null,
          cold_mb_s: m.bytes / 1e3 / cold, warm_mb_s: m.bytes / 1e3 / warm,
          cold_tokens_s: m.tokens * 1e3 / cold, warm_tokens_s: m.tokens * 1e3 / warm,
        };
      }
      for (const [lib, entry] of Object.entries(row)) {
        const ours = row[referenceOf(lib)];
        if (lib === referenceOf(lib) || entry.mismatch || !ours || ours.mismatch) continue;
        entry.ratio_cold = ours.cold_mb_s / entry.cold_mb_s;
        entry.ratio_warm = ours.warm_mb_s / entry.warm_mb_s;
      }
    }
  }
}

results.targets = printReport(results);
results.against_fastest = againstFastest(results);
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, JSON.stringify(results, null, 1) + '\n');
console.log(`\nJSON: ${path.relative(process.cwd(), outFile)}`);
if (results.mismatches.length) {
  console.log(`\n!!! ${results.mismatches.length} MISMATCHES: those rows were not timed (see above) !!!`);
  process.exit(1);
}
