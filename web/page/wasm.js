// The Emscripten module object bpeviz.js reads (main.js makes it window.Module), and the calls into
// wasm that the other modules share: strings in and out of wasm memory, waking the frame loop, notices.

import { siteFile } from './site_files.js';

// Each module adds the callbacks wasm makes into JavaScript (web/browser.cpp) to this object.
export const Module = {
  canvas: document.getElementById('canvas'),
  // bpeviz.wasm and bpeviz.data beside bpeviz.js, wherever the site keeps it (the file packager would ask
  // the page's folder for bpeviz.data).
  locateFile: (file) => siteFile(file),
  print: (text) => console.log(text),
  printErr: (text) => console.warn(text),
};

// The page draws only while something changes (ui/frame_pacing.h): SDL's events count as input, and
// so does every call from here that changes what the page shows (the API's, pastes, downloads done).
export const wake = () => { if (Module.calledRun) Module._bpeviz_wake(); };

// Passes a JS string to wasm as UTF-8, written straight into wasm memory (encodeInto took half the
// time of encode() and its copy on a 10 MB text). Lone surrogates become U+FFFD, as tiktoken does.
export const encoder = new TextEncoder();
export function withUtf8(text, fn) {
  const room = 3 * text.length;  // UTF-8 takes at most three bytes for each UTF-16 code unit
  const ptr = allocate(room + 1);
  try {
    const { written } = encoder.encodeInto(text, Module.HEAPU8.subarray(ptr, ptr + room));
    Module.HEAPU8[ptr + written] = 0;
    return fn(ptr, written);
  } finally {
    Module._free(ptr);
  }
}

export function allocate(bytes) {
  const ptr = Module._malloc(bytes);
  if (!ptr) {
    Module.outOfMemory = true;
    Module.onAbort('out of memory');  // the message; the page stops here
    throw new Error('bpeviz ran out of memory');
  }
  return ptr;
}

export const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export const decoder = new TextDecoder();
export const fromWasm = (ptr) => Module.UTF8ToString(ptr);
export const currentText = () => decoder.decode(Module.HEAPU8.subarray(Module._bpeviz_text(), Module._bpeviz_text() + Module._bpeviz_text_size()));
export const currentEncoding = () => fromWasm(Module._bpeviz_encoding());

// A line the page shows (wasm draws it): NEWS, or a PROBLEM, which '' takes away again.
export const NEWS = 0, PROBLEM = 1;
export const showNotice = (kind, text) => {
  wake();
  withUtf8(text, (ptr) => Module._bpeviz_show_message(kind, ptr));
};
