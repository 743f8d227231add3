// The encoders bench/worker.mjs times, behind one interface, each used the way its documentation shows:
//   init()         imports the library's code (for wasm: compiles and instantiates the module);
//   load(name)     builds an encoder from the encoding's data → { encode(text) → ids, clearCache() };
// encode is each library's encode_ordinary (special-token text is ordinary text, nothing is checked).
// `cache` says how the library remembers words it has seen, which decides what "cold" means for it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const NO_CACHE = null;

export const LIBRARIES = {
  ours: {
    label: 'ours (wasm)',
    kind: 'wasm',
    package: null,
    encodings: ['r50k_base', 'cl100k_base', 'o200k_base'],
    cache: 'per thread and encoding, up to 32,768 merged pieces of up to 255 bytes → ids, and 16,384 short pieces (up to 16 bytes, tokens or up to 3 merged) with their bytes inline (core/piece_cache.h); cold = clearCache()',
    async init() {
      const create = require(path.join(root, 'build/web/bpeviz_core_node.js'));
      return (await create()).bpevizCore;
    },
    load(core, name) {
      // The binary form, as the page downloads it (core/formats/vocab_binary.h).
      core.load(name, fs.readFileSync(path.join(root, `build/web/site/encodings/${name}.bpevocab`)));
      return { encode: (text) => core.encode(name, text, 'text'), clearCache: () => core.clearCache() };
    },
  },
  tiktoken: {
    label: 'tiktoken (wasm)',
    kind: 'wasm',
    package: 'tiktoken',
    encodings: ['r50k_base', 'cl100k_base', 'o200k_base'],
    cache: NO_CACHE,
    // The ranks of every encoding are inside tiktoken_bg.wasm, so init() holds the data too.
    async init() { return require('tiktoken'); },
    load(tiktoken, name) {
      const enc = tiktoken.get_encoding(name);
      return { encode: (text) => enc.encode_ordinary(text), clearCache() {} };
    },
  },
  'js-tiktoken': {
    label: 'js-tiktoken',
    kind: 'js',
    package: 'js-tiktoken',
    encodings: ['r50k_base', 'cl100k_base', 'o200k_base'],
    cache: NO_CACHE,
    async init() { return import('js-tiktoken/lite'); },
    async load({ Tiktoken }, name) {
      const enc = new Tiktoken((await import(`js-tiktoken/ranks/${name}`)).default);
      // disallowedSpecial = [] is its encode_ordinary: no scan for special-token text.
      return { encode: (text) => enc.encode(text, [], []), clearCache() {} };
    },
  },
  'gpt-tokenizer': {
    label: 'gpt-tokenizer',
    kind: 'js',
    package: 'gpt-tokenizer',
    encodings: ['r50k_base', 'cl100k_base', 'o200k_base'],
    cache: 'LRU Map of up to 100,000 pieces → ids per instance; cold = clearMergeCache()',
    async init() { return import('gpt-tokenizer/GptEncoding'); },
    async load({ GptEncoding }, name) {
      const ranks = (await import(`gpt-tokenizer/bpeRanks/${name}`)).default;
      const enc = GptEncoding.getEncodingApi(name, () => ranks);
      const ordinary = { disallowedSpecial: new Set() };
      return { encode: (text) => enc.encode(text, ordinary), clearCache: () => enc.clearMergeCache() };
    },
  },
  'ai-tokenizer': {
    label: 'ai-tokenizer',
    kind: 'js',
    package: 'ai-tokenizer',
    // It ships p50k_base, cl100k_base, o200k_base and claude; p50k_base's ranks differ from r50k_base's.
    encodings: ['cl100k_base', 'o200k_base'],
    cache: 'Map of up to 100,000 pieces → ids per instance (mergeCache); cold = mergeCache.clear()',
    async init() { return import('ai-tokenizer'); },
    async load({ Tokenizer }, name) {
      const enc = new Tokenizer(await import(`ai-tokenizer/encoding/${name}`));
      return { encode: (text) => enc.encodeOrdinary(text), clearCache: () => enc.mergeCache.clear() };
    },
  },
  'tiktoken-rs': {
    label: 'tiktoken-rs-node (native addon)',
    kind: 'native',
    package: 'tiktoken-rs-node-linux-x64-gnu',
    encodings: ['r50k_base', 'cl100k_base', 'o200k_base'],
    cache: NO_CACHE,
    // tiktoken-rs 0.6.0 inside; its ranks are compiled into the .node file, so init() holds the data.
    async init() { return require('tiktoken-rs-node-linux-x64-gnu'); },
    load(addon, name) {
      const enc = addon.getEncoding(name);
      // Its only encode is encode_with_special_tokens; the id check catches any special-token text.
      return { encode: (text) => enc.encode(text), clearCache() {} };
    },
  },
};

export function packageVersion(pkg) {
  return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}
