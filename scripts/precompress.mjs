// The .gz and .br copies written beside every large file of the deployable site (scripts/version_site.mjs),
// for hosts that serve precompressed files (nginx's gzip_static and brotli_static, web/hosting/htaccess) and
// do not compress on the fly. Node's own zlib does both, so nothing is installed for it.
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

// Writes the copies of every compressible file of `site`. `reusable(relativeName)` may name a folder's earlier
// copies of a file whose name says its content is the same (a content hash), so a rebuild does not compress
// it again: brotli's best quality takes seconds on the larger vocabularies. Returns how many were compressed.
export function precompress(site, reusable = () => null) {
  let written = 0;
  for (const file of compressibleFiles(site)) {
    const earlier = reusable(path.relative(site, file));
    if (earlier && fs.existsSync(`${earlier}.gz`) && fs.existsSync(`${earlier}.br`)) {
      fs.copyFileSync(`${earlier}.gz`, `${file}.gz`);
      fs.copyFileSync(`${earlier}.br`, `${file}.br`);
      continue;
    }
    const { gz, br } = compressedCopies(fs.readFileSync(file));
    fs.writeFileSync(`${file}.gz`, gz);
    fs.writeFileSync(`${file}.br`, br);
    written++;
  }
  return written;
}
