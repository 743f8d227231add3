// npm tiktoken (OpenAI's Rust core as wasm) encoding a file with a ranks file bpeviz-cli train wrote:
// the CLI test compares its ids with ours, so a trained model is checked against the reference
// library, not only against our own loaders.
// Usage: node tests/cli/tiktoken_encode.mjs RANKS.tiktoken gpt2|cl100k|o200k TEXT_FILE [SPECIAL=ID ...]
//        node tests/cli/tiktoken_encode.mjs --encoding NAME TEXT_FILE   (tiktoken's own, e.g. gpt2)
// Prints the ids as one JSON array (special tokens allowed), like bpeviz-cli encode --allow-special all.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(root, 'package.json'));
const tiktoken = require('tiktoken');

const [ranksFile, pretokenizer, textFile, ...specialArgs] = process.argv.slice(2);
// --encoding NAME: pretokenizer holds the name, as tiktoken.get_encoding takes it. (No process.exit:
// it would cut the output written to a pipe.)
const ownEncoding = ranksFile === '--encoding';
// Our pre-tokenizers implement these encodings' patterns (core/text/pretokenize.h).
const patternOf = { gpt2: 'r50k_base', cl100k: 'cl100k_base', o200k: 'o200k_base' };
function fromRanksFile() {
  const { pat_str } = require(`tiktoken/encoders/${patternOf[pretokenizer]}.json`);
  // npm tiktoken takes ranks as "! <first rank> <base64> <base64> ..." (consecutive ranks); ours are dense from 0.
  const tokens = fs.readFileSync(ranksFile, 'utf8').split('\n').filter(Boolean).map((line, i) => {
    const [b64, rank] = line.split(' ');
    if (Number(rank) !== i) throw new Error(`${ranksFile}: rank ${rank} on line ${i + 1}`);
    return b64;
  });
  const specials = Object.fromEntries(specialArgs.map((a) => {
    const at = a.lastIndexOf('=');
    return [a.slice(0, at), Number(a.slice(at + 1))];
  }));
  return new tiktoken.Tiktoken(`! 0 ${tokens.join(' ')}\n`, specials, pat_str);
}
const enc = ownEncoding ? tiktoken.get_encoding(pretokenizer) : fromRanksFile();
console.log(JSON.stringify(Array.from(enc.encode(fs.readFileSync(textFile, 'utf8'), 'all'))));
enc.free();
