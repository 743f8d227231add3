// The site as a lecturer hosts it (docs/deploy.md): every large file has .gz and .br copies that decompress to
// it, and the page works from a sub-path on a host that answers with those copies.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serveStatic, openPage, waitReady, waitFor, setText, assert, assertEqual } from './harness.mjs';
import { compressibleFiles } from '../../scripts/precompress.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
// Real text nobody on the project wrote: the GPL's preamble.
const GPL = fs.readFileSync('/usr/share/common-licenses/GPL-3', 'utf8').slice(0, 4000);

export const tests = {
  async 'every large file of the site has .gz and .br copies that decompress to it'({ site }) {
    const files = compressibleFiles(site).filter((f) => !/\.(gz|br)$/.test(f));
    for (const name of ['bpeviz.wasm', 'bpeviz.js', 'bpeviz.data', 'encodings/o200k_base.bpevocab']) {
      assert(files.includes(path.join(site, name)), `${name} is among the precompressed files`);
    }
    let original = 0, brotli = 0;
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      const gz = fs.readFileSync(`${file}.gz`), br = fs.readFileSync(`${file}.br`);
      assert(zlib.gunzipSync(gz).equals(bytes), `${path.relative(site, file)}.gz decompresses to the original`);
      assert(zlib.brotliDecompressSync(br).equals(bytes), `${path.relative(site, file)}.br decompresses to the original`);
      original += bytes.length;
      brotli += br.length;
    }
    console.log(`      ${files.length} files, ${(original / 1e6).toFixed(1)} MB; as .br ${(brotli / 1e6).toFixed(1)} MB`);
  },

  async 'the page works from a sub-path on a host that serves the precompressed copies'({ browser, site }) {
    const served = [];
    const server = await serveStatic(site, { prefix: '/~lecturer/bpeviz/', precompressed: true, served });
    const base = `http://127.0.0.1:${server.address().port}/~lecturer/bpeviz/`;
    const session = await openPage(browser, base);
    try {
      await waitReady(session.page);
      await session.page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
      await waitFor(session.page, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base to load', 30000);
      await setText(session.page, GPL);
      const ids = await session.page.evaluate(() => window.bpeviz.state().tokens.map((t) => t.id));
      const enc = tiktoken.get_encoding('cl100k_base');
      try { assertEqual(ids, [...enc.encode(GPL)], 'cl100k_base ids of the GPL from the sub-path'); } finally { enc.free(); }
      const encodingOf = Object.fromEntries(served);
      for (const file of ['/bpeviz.wasm', '/bpeviz.js', '/bpeviz.data', '/encodings/cl100k_base.bpevocab']) {
        assertEqual(encodingOf[file], 'br', `${file} served as`);
      }
      assertEqual(session.errors, [], 'console errors');
    } finally {
      await session.context.close();
      server.close();
    }
  },
};
