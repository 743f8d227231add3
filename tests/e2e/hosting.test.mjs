// The site as a lecturer hosts it (docs/deploy.md): every large file has .gz and .br copies that decompress to
// it, and the page works from a sub-path on a host that answers with those copies.
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serveStatic, openPage, waitReady, waitFor, setText, unversioned, assert, assertEqual } from './harness.mjs';
import { compressibleFiles } from '../../scripts/precompress.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
// Real text nobody on the project wrote: the GPL's preamble.
const GPL = fs.readFileSync('/usr/share/common-licenses/GPL-3', 'utf8').slice(0, 4000);

export const tests = {
  async 'every large file of the site has .gz and .br copies that decompress to it'({ site }) {
    const files = compressibleFiles(site).filter((f) => !/\.(gz|br)$/.test(f));
    for (const name of bigFiles(site)) {
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
    try {
      await checkPage(browser, `http://127.0.0.1:${server.address().port}/~lecturer/bpeviz/`);
      const encodingOf = Object.fromEntries(served);
      for (const file of bigFiles(site, 'cl100k_base')) assertEqual(encodingOf[`/${file}`], 'br', `${file} served as`);
    } finally {
      server.close();
    }
  },

  async 'nginx with web/hosting/nginx.conf serves the page from a sub-path, brotli-compressed'({ browser, site }) {
    await withHost(site, 'nginx', async (base) => {
      await checkHeaders(base, site);
      await checkPage(browser, base);
    });
  },

  async 'Apache with web/hosting/htaccess serves the page from a sub-path, brotli-compressed'({ browser, site }) {
    await withHost(site, 'apache', async (base) => {
      await checkHeaders(base, site);
      await checkPage(browser, base);
    });
  },
};

// The deployable site's names (scripts/version_site.mjs) of bpeviz.js, .wasm, .data and a vocabulary.
function bigFiles(site, encoding = 'o200k_base') {
  const build = fs.readdirSync(site).find((name) => /^[0-9a-f]{12}$/.test(name));
  const vocabulary = fs.readdirSync(path.join(site, 'encodings')).find((name) => unversioned(name) === `${encoding}.bpevocab`);
  assert(build && vocabulary, `${site} is a deployable site (build/web/dist)`);
  return [`${build}/bpeviz.js`, `${build}/bpeviz.wasm`, `${build}/bpeviz.data`, `encodings/${vocabulary}`];
}

// Opens `base`, switches to cl100k_base and checks the GPL's ids against tiktoken's, with no console error.
async function checkPage(browser, base) {
  const session = await openPage(browser, base);
  try {
    await waitReady(session.page);
    await session.page.evaluate(() => window.bpeviz.setEncoding('cl100k_base'));
    await waitFor(session.page, () => window.bpeviz.state().encoding === 'cl100k_base', null, 'cl100k_base to load', 30000);
    await setText(session.page, GPL);
    const ids = await session.page.evaluate(() => window.bpeviz.state().tokens.map((t) => t.id));
    const enc = tiktoken.get_encoding('cl100k_base');
    try { assertEqual(ids, [...enc.encode(GPL)], `cl100k_base ids of the GPL from ${base}`); } finally { enc.free(); }
    assertEqual(session.errors, [], 'console errors');
  } finally {
    await session.context.close();
  }
}

// What a browser that accepts brotli gets: the .br copy with the original's type, kept a year for a file whose
// path carries its hash, asked again each visit for the page and the service worker.
async function checkHeaders(base, site) {
  const [js, wasm, data, vocabulary] = bigFiles(site);
  const YEAR = 'public, max-age=31536000, immutable', AGAIN = 'no-cache';
  const expected = [[wasm, 'application/wasm', YEAR], [js, 'text/javascript', YEAR], [data, 'application/octet-stream', YEAR],
                    [vocabulary, 'application/octet-stream', YEAR], ['', 'text/html', AGAIN], ['index.html', 'text/html', AGAIN],
                    ['sw.js', 'text/javascript', AGAIN]];
  for (const [file, type, caching] of expected) {
    const response = await fetch(base + file, { headers: { 'Accept-Encoding': 'br' } });
    assertEqual([response.status, response.headers.get('content-type').replace('; charset=utf-8', ''),
                 response.headers.get('content-encoding'), response.headers.get('cache-control')],
                [200, type, 'br', caching], `${file || 'the folder'}: status, type, encoding, caching`);
    await response.arrayBuffer();  // Node's fetch decodes brotli: a broken copy fails here
  }
}

// Runs Debian's nginx or Apache (apache2-bin) on a free loopback port with the repository's configuration, serving a copy
// of the site under /course/bpeviz/ (a copy in the temporary folder, which the servers' user can read).
async function withHost(site, kind, fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bpeviz-${kind}-`));
  fs.chmodSync(dir, 0o755);
  const root = path.join(dir, 'site');
  fs.cpSync(site, root, { recursive: true });
  const port = await freePort();
  const hosting = path.join(REPO, 'web/hosting');
  let stop;
  if (kind === 'nginx') {
    const block = fs.readFileSync(path.join(hosting, 'nginx.conf'), 'utf8')
      .replace('location /bpeviz/', 'location /course/bpeviz/').replace('alias /srv/www/bpeviz/', `alias ${root}/`);
    fs.writeFileSync(path.join(dir, 'nginx.conf'), `load_module ${NGINX_BROTLI};
pid ${dir}/nginx.pid; error_log ${dir}/error.log; worker_processes 1; events {}
http { access_log off; client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir};
       uwsgi_temp_path ${dir}; scgi_temp_path ${dir}; server { listen 127.0.0.1:${port}; ${block} } }
`);
    const args = ['-p', dir, '-e', path.join(dir, 'error.log'), '-c', path.join(dir, 'nginx.conf')];
    run(NGINX, args);
    stop = () => run(NGINX, [...args, '-s', 'stop']);
  } else {
    fs.copyFileSync(path.join(hosting, 'htaccess'), path.join(root, '.htaccess'));
    const modules = ['mpm_event', 'authz_core', 'mime', 'alias', 'rewrite', 'headers', 'dir', 'setenvif', 'deflate', 'filter'];
    fs.writeFileSync(path.join(dir, 'apache.conf'), `ServerRoot ${dir}
ServerName localhost
Listen 127.0.0.1:${port}
PidFile ${dir}/apache.pid
ErrorLog ${dir}/error.log
${modules.map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n')}
TypesConfig /etc/mime.types
DirectoryIndex index.html
User www-data
Group www-data
DocumentRoot ${dir}
Alias /course/bpeviz ${root}
<Directory ${root}>
  AllowOverride FileInfo
  Require all granted
</Directory>
`);
    run('/usr/sbin/apache2', ['-f', path.join(dir, 'apache.conf'), '-k', 'start']);
    stop = () => run('/usr/sbin/apache2', ['-f', path.join(dir, 'apache.conf'), '-k', 'stop']);
  }
  fs.chmodSync(root, 0o755);
  try {
    await waitForPort(port, kind, dir);
    await fn(`http://127.0.0.1:${port}/course/bpeviz/`);
  } finally {
    stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Debian's nginx, unpacked by scripts/setup.sh (installing it would start a server on port 80).
const NGINX = path.join(REPO, '.deps/nginx/usr/sbin/nginx');
const NGINX_BROTLI = path.join(REPO, '.deps/nginx/usr/lib/nginx/modules/ngx_http_brotli_static_module.so');

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command}: ${result.error.message} (scripts/setup.sh installs it)`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr.trim()}`);
}

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
}

async function waitForPort(port, kind, dir) {
  for (let i = 0; i < 100; i++) {
    try { await fetch(`http://127.0.0.1:${port}/`); return; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  const log = path.join(dir, 'error.log');
  throw new Error(`${kind} did not answer on port ${port}: ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : 'no log'}`);
}
