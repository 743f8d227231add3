// One library and one encoding in a fresh Node process, so that no other library's heap, JIT state or
// caches are in the way; bench/run.mjs starts it and reads the one JSON object it prints.
//   node --expose-gc --no-experimental-fetch bench/worker.mjs load LIB ENCODING
//   node --expose-gc --no-experimental-fetch bench/worker.mjs encode LIB ENCODING --corpora DIR --runs N [--expect FILE]
// load: time to import the library (init) and to build the encoder from its data (load), and the growth
// of RSS and of the JS heap (+ external memory, where wasm memories live) from before init to after load.
// encode: whole-text and per-line (split on '\n') encoding of each corpus file; the first pass's ids are
// checked against --expect and a corpus whose ids differ is not timed.
import fs from 'node:fs';
import path from 'node:path';
import { LIBRARIES } from './libraries.mjs';
import { digestAdd, digestInit } from './measure.mjs';

const [command, libName, encoding, ...rest] = process.argv.slice(2);
const option = (name, fallback) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : fallback;
};
const lib = LIBRARIES[libName];
if (!lib || !lib.encodings.includes(encoding) || !globalThis.gc) {
  console.error('usage: node --expose-gc --no-experimental-fetch bench/worker.mjs load|encode LIB ENCODING ...');
  process.exit(2);
}
const now = () => performance.now();
const memory = () => {
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed + m.external };
};

async function measureLoad() {
  gc();
  const before = memory();
  const t0 = now();
  const module = await lib.init();
  const t1 = now();
  const encoder = await lib.load(module, encoding);
  const t2 = now();
  gc();
  const after = memory();
  if (!encoder.encode) throw new Error('no encoder');  // keeps the encoder alive until after measuring
  return { init_ms: t1 - t0, load_ms: t2 - t1, rss_bytes: after.rss - before.rss, heap_bytes: after.heap - before.heap };
}

async function measureEncode() {
  const dir = option('corpora');
  const runs = Number(option('runs', 7));
  const expected = option('expect') ? JSON.parse(fs.readFileSync(option('expect'), 'utf8')) : null;
  const encoder = await lib.load(await lib.init(), encoding);
  const encodeAll = (pieces) => {
    let tokens = 0;
    for (const piece of pieces) tokens += encoder.encode(piece).length;
    return tokens;
  };
  const time = (pieces) => {
    gc();  // garbage of the previous run is collected now, not inside the next timing
    const t = now();
    encodeAll(pieces);
    return now() - t;
  };
  const out = {};
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const corpus = file.replace(/\.txt$/, '');
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    out[corpus] = {};
    for (const [mode, pieces] of [['whole', [text]], ['lines', text.split('\n')]]) {
      let tokens = 0, digest = digestInit();
      for (const piece of pieces) {
        const ids = encoder.encode(piece);
        tokens += ids.length;
        digest = digestAdd(digest, ids);
      }
      const bytes = pieces.reduce((n, p) => n + Buffer.byteLength(p), 0);
      const result = { bytes, tokens, digest };
      out[corpus][mode] = result;
      const want = expected?.[corpus]?.[mode];
      if (want && (want.tokens !== tokens || want.digest !== digest)) {
        result.mismatch = `ids differ from ours: ${tokens} tokens (digest ${digest}) vs ours ${want.tokens} (digest ${want.digest})`;
        continue;
      }
      encodeAll(pieces);  // a second untimed pass: the hot functions are optimized before timing
      // cold: no word seen before (caches cleared); warm: the same text again on the same instance.
      result.cold_ms = [];
      for (let r = 0; r < runs; r++) {
        encoder.clearCache();
        result.cold_ms.push(time(pieces));
      }
      if (lib.cache) {
        result.warm_ms = [];
        for (let r = 0; r < runs; r++) result.warm_ms.push(time(pieces));
      }
    }
  }
  return out;
}

const result = command === 'load' ? await measureLoad() : await measureEncode();
process.stdout.write(JSON.stringify(result) + '\n');
