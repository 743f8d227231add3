// Makes the deployable site (build/web/dist, docs/deploy.md) from the site the build writes (build/web/site):
// - the code (bpeviz.js, .wasm, .data and page/) goes into a folder named by its content hash, BUILD/;
// - every vocabulary and font gets its content hash in its name (encodings/o200k_base.1a2b3c4d5e6f.bpevocab),
//   and BUILD/page/site_files.js maps the plain names to them;
// - index.html loads BUILD/page/, and sw.js (web/service_worker.js) keeps the build for offline use;
// - .gz and .br copies beside every large file (scripts/precompress.mjs).
// Only index.html and sw.js keep their names from build to build, so a host may cache everything else for a
// year, and a new build can never be mixed with an old one.
// Usage: node scripts/version_site.mjs build/web/site build/web/dist
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from './precompress.mjs';

const HASH_LENGTH = 12;
const CODE = ['bpeviz.js', 'bpeviz.wasm', 'bpeviz.data', 'page'];  // what the page loads at its start
const DATA = ['encodings', 'fonts'];                               // what it fetches when first needed
const NOT_FETCHED = /\.tiktoken$/;  // the ranks the vocabularies are made from, for the tests and the CLI
const WORKER_TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../web/service_worker.js');

const hashOf = (...parts) => {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, HASH_LENGTH);
};

// The files under `dir` (relative, '/'-separated), without precompressed copies, sorted.
function filesUnder(root, dir) {
  const start = path.join(root, dir);
  if (!fs.statSync(start).isDirectory()) return [dir];
  return fs.readdirSync(start, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/\.(gz|br)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
}

// encodings/o200k_base.bpevocab → encodings/o200k_base.<hash>.bpevocab
function versionedName(name, bytes) {
  const ext = path.posix.extname(name);
  return `${name.slice(0, name.length - ext.length)}.${hashOf(bytes)}${ext}`;
}

function replaceOnce(text, pattern, replacement, what) {
  if (!pattern.test(text)) throw new Error(`version_site: ${what} not found`);
  return text.replace(pattern, replacement);
}

// `earlier`: a deployable site whose .gz and .br copies may be reused (by default, the one being replaced);
// `compress: false` writes none (a test's throwaway site).
export function versionSite(site, dist, { earlier = dist, compress = true } = {}) {
  const staging = `${dist}.tmp`;
  fs.rmSync(staging, { recursive: true, force: true });
  const write = (name, bytes) => {
    fs.mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
    fs.writeFileSync(path.join(staging, name), bytes);
  };

  // Data files: their content hash in their names; site_files.js gives the page their places.
  const files = {}, dataFiles = [];
  for (const name of DATA.flatMap((dir) => filesUnder(site, dir)).filter((n) => !NOT_FETCHED.test(n))) {
    const bytes = fs.readFileSync(path.join(site, name));
    const versioned = versionedName(name, bytes);
    write(versioned, bytes);
    files[name] = `../../${versioned}`;  // from BUILD/page/
    dataFiles.push(versioned);
  }

  // Code: one folder named by the hash of all of it, of where the data is, and of the page and the service
  // worker (a change to either alone is a new build too, which the open page offers to reload).
  const codeFiles = CODE.flatMap((entry) => filesUnder(site, entry)).filter((name) => name !== 'page/site_files.js');
  const codeBytes = codeFiles.map((name) => fs.readFileSync(path.join(site, name)));
  const build = hashOf(JSON.stringify(files), fs.readFileSync(path.join(site, 'index.html')), fs.readFileSync(WORKER_TEMPLATE),
                       ...codeFiles.flatMap((name, i) => [name, codeBytes[i]]));
  codeFiles.forEach((name, i) => write(`${build}/${name}`, codeBytes[i]));
  files['sw.js'] = '../../sw.js';
  const siteFiles = fs.readFileSync(path.join(site, 'page/site_files.js'), 'utf8');
  let generated = replaceOnce(siteFiles, /^export const BUILD = '';$/m, `export const BUILD = '${build}';`, 'BUILD in site_files.js');
  generated = replaceOnce(generated, /^export const FILES = \{\};$/m, `export const FILES = ${JSON.stringify(files, null, 1)};`, 'FILES in site_files.js');
  write(`${build}/page/site_files.js`, generated);
  codeFiles.push('page/site_files.js');

  // The two files that keep their names: the page, which loads this build's folder, and the service worker.
  let html = fs.readFileSync(path.join(site, 'index.html'), 'utf8');
  html = replaceOnce(html, /href="page\/page\.css"/, `href="${build}/page/page.css"`, 'page.css in index.html');
  html = replaceOnce(html, /src="page\/main\.js"/, `src="${build}/page/main.js"`, 'main.js in index.html');
  write('index.html', html);
  let worker = fs.readFileSync(WORKER_TEMPLATE, 'utf8');
  worker = replaceOnce(worker, /^const BUILD = .*;$/m, `const BUILD = '${build}';`, 'BUILD in the service worker');
  worker = replaceOnce(worker, /^const CODE = .*;$/m, `const CODE = ${JSON.stringify(['./', ...codeFiles.map((n) => `${build}/${n}`)])};`, 'CODE in the service worker');
  worker = replaceOnce(worker, /^const DATA = .*;$/m, `const DATA = ${JSON.stringify(dataFiles)};`, 'DATA in the service worker');
  write('sw.js', worker);

  // Copies: a file whose name carries its hash was compressed by an earlier run if that run had it.
  const compressed = compress && precompress(staging, (name) => {
    const before = path.join(earlier, name);
    return name !== 'index.html' && name !== 'sw.js' && fs.existsSync(before) ? before : null;
  });
  fs.rmSync(dist, { recursive: true, force: true });
  fs.renameSync(staging, dist);
  return { build, compressed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [site, dist] = process.argv.slice(2);
  if (!site || !dist || !fs.existsSync(path.join(site, 'index.html'))) {
    console.error('usage: node scripts/version_site.mjs build/web/site build/web/dist');
    process.exit(2);
  }
  const { build, compressed } = versionSite(path.resolve(site), path.resolve(dist));
  console.log(`version_site: build ${build} in ${dist} (${compressed} file(s) compressed anew)`);
}
