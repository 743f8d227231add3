// The offline copy of bpeviz (the deployable site's sw.js, written by scripts/version_site.mjs): after one visit
// the page opens with no network. It keeps this build's page and code, and every vocabulary and font the
// page has downloaded. A new build is a new sw.js (its BUILD differs): it replaces the old one, and
// the open page offers a reload. Code files live in a folder named by the build's hash and data files carry their
// own hash, so a cached file never changes under its URL and two builds never mix.

// Filled in by scripts/version_site.mjs: the build's hash, its page and code files, and its data files (the
// vocabularies and fonts it may ask for), relative to this worker.
const BUILD = 'unversioned';
const CODE = ['./'];
const DATA = [];

const CODE_CACHE = `bpeviz-code-${BUILD}`;
const DATA_CACHE = 'bpeviz-data';  // shared by builds: a data file's name changes with its content
const PAGE = new URL('./', self.location).href;
const CODE_URLS = new Set(CODE.map((file) => new URL(file, PAGE).href));
const DATA_PATH = /^(encodings|fonts)\//;

self.addEventListener('install', (event) => {
  // 'reload': straight from the server, not from the browser's HTTP cache, which may still hold an old index.html.
  // A new build takes over as soon as it is kept: the open page runs on from memory (it loaded all its code at
  // the start) and offers a reload (web/page/offline.js).
  event.waitUntil(caches.open(CODE_CACHE)
    .then((cache) => cache.addAll(CODE.map((file) => new Request(file, { cache: 'reload' }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('bpeviz-code-') && name !== CODE_CACHE) await caches.delete(name);
    }
    // Data files this build no longer has (a vocabulary rebuilt with new content has a new name).
    const wanted = new Set(DATA.map((file) => new URL(file, PAGE).href));
    const data = await caches.open(DATA_CACHE);
    for (const request of await data.keys()) {
      if (!wanted.has(request.url)) await data.delete(request);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(PAGE)) return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    // Only the page itself: another page beside it on the host is the host's, not this one.
    if (url.origin + url.pathname !== PAGE && url.origin + url.pathname !== `${PAGE}index.html`) return;
    // The page, whatever its query (a shared link's text): this build's, at once, even offline.
    event.respondWith(caches.open(CODE_CACHE).then((cache) => cache.match(PAGE)).then((page) => page || fetch(request)));
    return;
  }
  // This build's code: from the copy, else (a copy lost to the browser's storage pressure) from the host.
  if (CODE_URLS.has(request.url)) {
    event.respondWith(caches.open(CODE_CACHE).then((cache) => cache.match(request)).then((code) => code || fetch(request)));
    return;
  }
  // Anything else but a vocabulary or a font (a favicon, say) is the browser's and the host's to answer.
  if (!DATA_PATH.test(request.url.slice(PAGE.length))) return;
  event.respondWith((async () => {
    const data = await caches.open(DATA_CACHE);
    const kept = await data.match(request);
    if (kept) return kept;
    // A vocabulary or font the page has not had before: from the network, kept for the next time. Offline,
    // the fetch fails and the page says so (web/page/fetching.js).
    const response = await fetch(request);
    if (response.ok) await data.put(request, response.clone());
    return response;
  })());
});
