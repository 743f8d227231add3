// Fetches what wasm asks for beside the page: an encoding's data (encodings/<file>) when it is first
// picked, and a fallback font (fonts/<file>) the first time the text needs one.
import { Module, wake, withUtf8, nextTask } from './wasm.js';
import { siteFile } from './site_files.js';

// Every data file the page has asked for (URLs): the offline copy fetches again those asked before it took the
// page (web/page/offline.js), the first encoding among them, even while its first download is still under way.
export const requestedFiles = new Set();
const fetchSiteFile = (name) => {
  const url = siteFile(name);
  requestedFiles.add(url);
  return fetch(url);
};

// Encodings whose data is being fetched: name → {promise, resolve, reject}.
export const encodingLoads = new Map();
// Milliseconds spent turning each loaded encoding's downloaded data into a ready encoder.
export const loadTimes = {};

// The load of encoding `name`: the one under way, else a new one for fetchEncoding to start.
export function pendingLoad(name) {
  if (!encodingLoads.has(name)) {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    promise.catch(() => {});
    encodingLoads.set(name, { promise, resolve, reject });
  }
  return encodingLoads.get(name);
}

// Why a download failed, in words: a fetch that got no answer at all is a TypeError whose message differs
// per browser ("Failed to fetch", "NetworkError…", "Load failed") and means nothing to a student.
function failure(e) {
  if (!(e instanceof TypeError)) return e.message || String(e);
  return navigator.onLine ? 'the site did not answer; check the connection and pick it again'
                          : 'this device is offline, and it was not downloaded on an earlier visit';
}

// Called from wasm (web/browser.cpp) when an encoding is picked whose data is not loaded yet.
Module.fetchEncoding = async (name, file) => {
  const load = pendingLoad(name);
  if (load.started) return;
  load.started = true;
  try {
    const response = await fetchSiteFile(`encodings/${file}`);
    if (!response.ok) throw new Error(`encodings/${file}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const started = performance.now();
    Module.bpevizCore.load(name, bytes);
    loadTimes[name] = performance.now() - started;
    wake();
    withUtf8(name, (ptr) => Module._bpeviz_encoding_ready(ptr));
    encodingLoads.delete(name);
    load.resolve();
  } catch (e) {
    const why = failure(e);
    wake();
    withUtf8(name, (namePtr) => withUtf8(why, (whyPtr) => Module._bpeviz_encoding_failed(namePtr, whyPtr)));
    encodingLoads.delete(name);
    load.reject(new Error(`could not load ${name}: ${why}`));
  }
};

// Called from wasm (web/browser.cpp) the first time the page shows a character that only fallback
// font `index` (fonts/<file>: one script, or a piece of CJK) has; wasm copies the bytes.
Module.fetchFont = async (index, file) => {
  try {
    await nextTask();  // starting a fetch took 20-30 ms of the frame that asked for it
    const response = await fetchSiteFile(`fonts/${file}`);
    if (!response.ok) throw new Error(`fonts/${file}: HTTP ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const ptr = Module._malloc(bytes.length);
    if (!ptr) throw new Error('out of memory');
    Module.HEAPU8.set(bytes, ptr);
    wake();
    Module._bpeviz_font_ready(index, ptr, bytes.length);
    Module._free(ptr);
  } catch (e) {
    console.warn(`bpeviz: could not load font ${file}: ${e.message}`);  // its characters show as U+XXXX
    wake();
    Module._bpeviz_font_failed(index);
  }
};
