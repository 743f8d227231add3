// Writes the OpenAI vocabularies as .tiktoken files ("<base64 token> <rank>" per line) from the npm
// package `tiktoken` (pinned by package-lock.json), and checks each against assets/encodings/manifest.json.
// Beside each it writes the binary form the page downloads (.bpevocab, core/formats/vocab_binary.h), made
// from the checked .tiktoken text.
// Usage: node scripts/make_encodings.mjs OUT_DIR [--write-manifest]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.join(root, 'assets/encodings/manifest.json');
const [outDir, flag] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node scripts/make_encodings.mjs OUT_DIR [--write-manifest]');
  process.exit(2);
}
const packageDir = path.join(root, 'node_modules', 'tiktoken');
const packageVersion = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;

// The npm package stores ranks as lines of "! <first rank> <base64> <base64> ...", consecutive ranks.
function toTiktoken(bpeRanks) {
  const lines = [];
  for (const line of bpeRanks.split('\n')) {
    if (!line) continue;
    const [, offset, ...tokens] = line.split(' ');
    tokens.forEach((token, i) => lines.push(`${token} ${Number(offset) + i}`));
  }
  return { text: lines.join('\n') + '\n', count: lines.length };
}

// core/formats/vocab_binary.h: header line, u32 id_end, u32 blob size, u16 length per id, the tokens' bytes.
function toBinary(tiktokenText) {
  const tokens = [];
  for (const line of tiktokenText.split('\n')) {
    if (!line) continue;
    const [b64, rank] = line.split(' ');
    tokens[Number(rank)] = Buffer.from(b64, 'base64');
  }
  const header = Buffer.from('bpeviz-vocab 1\n');
  const sizes = Buffer.alloc(8 + 2 * tokens.length);
  let blobSize = 0;
  for (let id = 0; id < tokens.length; ++id) {
    const length = tokens[id] ? tokens[id].length : 0xffff;
    sizes.writeUInt16LE(length, 8 + 2 * id);
    if (tokens[id]) blobSize += length;
  }
  sizes.writeUInt32LE(tokens.length, 0);
  sizes.writeUInt32LE(blobSize, 4);
  return Buffer.concat([header, sizes, ...tokens.filter(Boolean)]);
}

const files = ['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base'];
const manifest = fs.existsSync(manifestPath) ? JSON.parse(fs.readFileSync(manifestPath, 'utf8')) : { files: {} };
fs.mkdirSync(outDir, { recursive: true });
let failures = 0;
for (const name of files) {
  const source = JSON.parse(fs.readFileSync(path.join(packageDir, 'encoders', `${name}.json`), 'utf8'));
  const { text, count } = toTiktoken(source.bpe_ranks);
  const sha256 = crypto.createHash('sha256').update(text).digest('hex');
  const file = `${name}.tiktoken`;
  if (flag === '--write-manifest') {
    manifest.files[file] = { sha256, tokens: count, source: `npm tiktoken@${packageVersion} encoders/${name}.json` };
  } else {
    const expected = manifest.files[file];
    if (!expected || expected.sha256 !== sha256 || expected.tokens !== count) {
      console.error(`make_encodings: ${file} from npm tiktoken@${packageVersion} does not match the manifest ` +
                    `(sha256 ${sha256}, ${count} tokens; expected ${expected ? `${expected.sha256}, ${expected.tokens}` : 'an entry'})`);
      failures++;
      continue;
    }
  }
  fs.writeFileSync(path.join(outDir, file), text);
  fs.writeFileSync(path.join(outDir, `${name}.bpevocab`), toBinary(text));
}
if (flag === '--write-manifest') {
  manifest.note = 'OpenAI BPE ranks converted to .tiktoken files by scripts/make_encodings.mjs; the build checks these hashes.';
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}
process.exit(failures ? 1 : 0);
