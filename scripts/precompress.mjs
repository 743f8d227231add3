// Writes NAME.gz and NAME.br beside every large file of the built site, for hosts that serve precompressed
// files (nginx's gzip_static and brotli_static, Apache's mod_rewrite recipe in docs/deploy.md) and do not
// compress on the fly. Node's own zlib does both, so nothing is installed for it.
// Usage: node scripts/precompress.mjs SITE_DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// Below this a compressed copy saves too little to be worth a second request path.
export const SMALLEST = 1024;
// What the page fetches; the .gz and .br copies themselves are never compressed again.
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.wasm', '.data', '.bpevocab', '.tiktoken', '.bpevizhf', '.ttf', '.otf']);

export function compressedCopies(bytes) {
  return {
    gz: zlib.gzipSync(bytes, { level: 9 }),
    br: zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  };
}

// Every file of the site that gets .gz and .br copies.
export function compressibleFiles(site) {
  const found = [];
  for (const entry of fs.readdirSync(site, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (COMPRESSIBLE.has(path.extname(file)) && fs.statSync(file).size >= SMALLEST) found.push(file);
  }
  return found.sort();
}

function upToDate(copy, original) {
  return fs.existsSync(copy) && fs.statSync(copy).mtimeMs >= fs.statSync(original).mtimeMs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const site = process.argv[2];
  if (!site || !fs.existsSync(site)) {
    console.error('usage: node scripts/precompress.mjs SITE_DIR');
    process.exit(2);
  }
  let written = 0;
  for (const file of compressibleFiles(site)) {
    // A rebuild rewrites only what changed: brotli's best quality takes seconds on the larger vocabularies.
    if (upToDate(`${file}.gz`, file) && upToDate(`${file}.br`, file)) continue;
    const { gz, br } = compressedCopies(fs.readFileSync(file));
    fs.writeFileSync(`${file}.gz`, gz);
    fs.writeFileSync(`${file}.br`, br);
    written++;
  }
  console.log(`precompress: ${written} file(s) written as .gz and .br in ${site}`);
}
