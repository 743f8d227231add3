// The offline copy: registers the deployable site's service worker (web/service_worker.js, served as sw.js),
// and when a new build has replaced the one this page runs, offers a reload.
import { BUILD, siteFile } from './site_files.js';
import { showNotice, NEWS } from './wasm.js';
import { requestedFiles } from './fetching.js';

// On the first visit the page asks for its first encoding and fonts before the worker takes it: asked again
// through the worker (from the browser's HTTP cache, or the network if the first download is still under way),
// they are kept offline too.
function keepEarlierDownloads() {
  for (const url of requestedFiles) fetch(url).catch(() => {});
}

// build/web/site, as the build writes it, has no service worker: only the deployable site (BUILD set) does.
if (BUILD && 'serviceWorker' in navigator) {
  // A page that was already kept offline: a new worker taking over means a new build (the first visit's
  // worker takes over too, but that page is already the build it keeps).
  const updating = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!updating) {
      keepEarlierDownloads();
      return;
    }
    window.bpeviz.ready.then(() => showNotice(NEWS, 'A new version of bpeviz has arrived: reload the page to use it. Your text is kept.'));
  });
  navigator.serviceWorker.register(siteFile('sw.js')).catch((e) => {
    // Service workers need https (or localhost); over plain http the page works, only not offline.
    console.warn(`bpeviz: no offline copy (${e.message})`);
  });
}
