// The page's start (index.html loads this module): sets up every part of the page, then loads the
// wasm module's script bpeviz.js, or says why the page cannot run.
import './webgl_state.js';  // before bpeviz.js makes its WebGL context
import { Module } from './wasm.js';
import { failReady } from './frames.js';
import { cancelSave } from './session.js';
import { siteFile } from './site_files.js';
// These set up their part of the page when imported: the callbacks wasm makes into JavaScript
// (web/browser.cpp) and the browser's events. api.js makes window.bpeviz.
import './fetching.js';
import './theme.js';
import './share_links.js';
import './api.js';
import './user_files.js';
import './input/text_input.js';
import './offline.js';
import './input/touch.js';
import './access/keys.js';  // the semantic copy of the canvas, and the keyboard in it

const loading = document.getElementById('loading');
const message = document.getElementById('message');

// A page-wide message in place of the canvas: the page cannot run, or it stopped.
function showMessage(...paragraphs) {
  message.replaceChildren(...paragraphs.map((text) => {
    const p = document.createElement('p');
    p.textContent = text;
    return p;
  }));
  message.style.display = 'block';
  loading.style.display = 'none';
}

Module.onAbort = (what) => {
  // The change that stopped it is not saved (it could stop the next visit too); the text as
  // saved before it comes back on reload.
  cancelSave();
  if (Module.outOfMemory) {
    showMessage('bpeviz ran out of memory: the page may use at most ' +
                `${Math.round(Module.maxMemoryBytes / 2 ** 20)} MB, and this last change needed more.`,
                'Reload the page: your text as it was before that change comes back.');
  } else {
    showMessage('bpeviz stopped because of an internal error.', String(what),
                'Reload the page: your text as it was before the error comes back.');
  }
  failReady(new Error(`bpeviz aborted: ${what}`));
};

function start() {
  if (!document.createElement('canvas').getContext('webgl2')) {
    showMessage('bpeviz draws with WebGL2, and this browser has it turned off or does not support it.',
                'Recent Chrome, Edge, Firefox and Safari all support it: check that hardware acceleration ' +
                'is enabled in the browser settings, or try another browser.');
    failReady(new Error('WebGL2 is not available'));
    return;
  }
  // bpeviz.js is Emscripten's classic script: it finds its configuration in the global Module.
  window.Module = Module;
  const script = document.createElement('script');
  script.src = siteFile('bpeviz.js');
  script.onerror = () => {
    showMessage('bpeviz could not load its program file (bpeviz.js).', 'Check the connection and reload the page.');
    failReady(new Error('bpeviz.js failed to load'));
  };
  document.body.appendChild(script);
}
start();
