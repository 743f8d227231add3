// The page's JavaScript: starts the wasm module, forwards the browser's paste events to it (SDL2
// cannot read the system clipboard), keeps the text across reloads (localStorage), makes and reads
// share links (#encoding=…&text=…), and offers window.bpeviz, the API for tests and for slides.
'use strict';
(() => {
  const canvas = document.getElementById('canvas');
  const textInput = document.getElementById('text-input');
  const loading = document.getElementById('loading');
  const message = document.getElementById('message');

  function showMessage(...paragraphs) {
    message.replaceChildren(...paragraphs.map((text) => {
      const p = document.createElement('p');
      p.textContent = text;
      return p;
    }));
    message.style.display = 'block';
    loading.style.display = 'none';
  }

  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {});  // a page without WebGL2 still works as a page; callers see the rejection
  let frameWaiters = [];
  let pngWaiters = [];  // bpeviz.exportPng calls waiting for the next frame's picture
  let frameTimes = [];  // [work, draw] ms of recent frames (bpeviz.frameTimes)
  // Encodings whose data is being fetched: name → {promise, resolve, reject}.
  const encodingLoads = new Map();
  const loadTimes = {};

  const Module = {
    canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onFrameDrawn(workMs, drawMs) {
      frameTimes.push([workMs, drawMs]);
      if (frameTimes.length > 1000) frameTimes.splice(0, 500);
      if (loading.style.display !== 'none') {
        loading.style.display = 'none';
        resolveReady();
      }
      if (pngWaiters.length) {
        const png = canvasPng();
        pngWaiters.forEach((resolve) => resolve(png));
        pngWaiters = [];
      }
      const waiters = frameWaiters;
      frameWaiters = [];
      waiters.forEach((resolve) => resolve());
    },
    onAbort(what) {
      // The change that stopped it is not saved (it could stop the next visit too); the text as
      // saved before it comes back on reload.
      clearTimeout(saveTimer);
      saveTimer = 0;
      if (Module.outOfMemory) {
        showMessage('bpeviz ran out of memory: the page may use at most ' +
                    `${Math.round(Module.maxMemoryBytes / 2 ** 20)} MB, and this last change needed more.`,
                    'Reload the page: your text as it was before that change comes back.');
      } else {
        showMessage('bpeviz stopped because of an internal error.', String(what),
                    'Reload the page: your text as it was before the error comes back.');
      }
      rejectReady(new Error(`bpeviz aborted: ${what}`));
    },
  };

  // The page draws only while something changes (ui/frame_pacing.h): SDL's events count as input, and
  // so does every call from here that changes what the page shows (the API's, pastes, downloads done).
  const wake = () => { if (Module.calledRun) Module._bpeviz_wake(); };

  // Passes a JS string to wasm as UTF-8, written straight into wasm memory (encodeInto took half the
  // time of encode() and its copy on a 10 MB text). Lone surrogates become U+FFFD, as tiktoken does.
  const encoder = new TextEncoder();
  function withUtf8(text, fn) {
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

  function allocate(bytes) {
    const ptr = Module._malloc(bytes);
    if (!ptr) {
      Module.outOfMemory = true;
      Module.onAbort('out of memory');  // the message; the page stops here
      throw new Error('bpeviz ran out of memory');
    }
    return ptr;
  }

  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  function pendingLoad(name) {
    if (!encodingLoads.has(name)) {
      let resolve, reject;
      const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
      promise.catch(() => {});
      encodingLoads.set(name, { promise, resolve, reject });
    }
    return encodingLoads.get(name);
  }

  // Called from wasm (web/browser.cpp) when an encoding is picked whose data is not loaded yet.
  Module.fetchEncoding = async (name, file) => {
    const load = pendingLoad(name);
    if (load.started) return;
    load.started = true;
    try {
      const response = await fetch(`encodings/${file}`);
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
      const why = e.message || String(e);
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
      const response = await fetch(`fonts/${file}`);
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

  // Gives the wasm side a text for the text box: one far beyond what the page holds (a 100 MB
  // paste) is refused before it is copied into wasm memory at all. Returns 0, or -1 if refused.
  function textToWasm(text, fn) {
    wake();
    const max = Module._bpeviz_max_text_bytes();
    // A UTF-16 string has at most as many code units as its UTF-8 form has bytes.
    if (text.length > max) return refuseText(text);
    const room = Math.min(3 * text.length, max + 4);  // past the limit by a character: refused in wasm
    const ptr = allocate(room + 1);
    try {
      const { read, written } = encoder.encodeInto(text, Module.HEAPU8.subarray(ptr, ptr + room));
      if (read < text.length) return refuseText(text);
      return fn(ptr, written);
    } finally {
      Module._free(ptr);
    }
  }

  function refuseText(text) {
    wake();
    Module._bpeviz_refuse_text(new Blob([text]).size);
    return -1;
  }

  // Text typed or pasted outside SDL2's events (pastes, IME) goes to wasm in the order it came. A paste
  // goes into wasm memory 256 K UTF-16 units a task: encoding 10 MB in the paste event held the page for
  // 200 ms, and a part of a million units, on a page just opened, up to 100 ms (wasm's first run of a
  // function is in V8's baseline code). Meanwhile wasm holds SDL2's events (bpeviz_hold_input), so
  // keys typed during the paste land after it, and text from an IME waits its turn here.
  let textQueue = Promise.resolve();
  let textQueued = 0;
  function queueText(fn) {
    textQueued++;
    textQueue = textQueue.then(fn).catch((e) => console.error(`bpeviz: ${e.message}`)).finally(() => textQueued--);
  }
  const enterText = (fn) => (textQueued === 0 ? fn() : queueText(fn));
  const PASTE_CHUNK = 1 << 18;
  function pasteText(text) {
    const max = Module._bpeviz_max_text_bytes();
    if (text.length > max) return void refuseText(text);
    queueText(async () => {
      // Each part is checked and made ready for the text box in wasm as it comes (bpeviz_paste_part).
      const room = 3 * Math.min(text.length, PASTE_CHUNK);
      const ptr = allocate(room + 1);
      Module._bpeviz_hold_input(1);
      try {
        for (let read = 0, bytes = 0; read < text.length;) {
          let end = Math.min(text.length, read + PASTE_CHUNK);
          if (end < text.length && (text.charCodeAt(end - 1) & 0xFC00) === 0xD800) end--;  // not between a surrogate pair
          // Memory may have grown since the last part: take HEAPU8 afresh.
          const { written } = encoder.encodeInto(text.slice(read, end), Module.HEAPU8.subarray(ptr, ptr + room));
          bytes += written;
          // The whole paste's size in UTF-8, guessed from its parts so far (wasm claims its memory once).
          Module._bpeviz_paste_part(ptr, written, Math.ceil((bytes / end) * text.length));
          read = end;
          if (read < text.length) await nextTask();
        }
        wake();
        Module._bpeviz_paste_end();
      } finally {
        Module._free(ptr);
        Module._bpeviz_hold_input(0);
        wake();
      }
    });
  }

  const decoder = new TextDecoder();
  // The canvas as a PNG file's bytes. Only right after drawing, within the same task: WebGL clears the
  // drawing buffer once the frame is on screen (no preserveDrawingBuffer, which would cost every frame).
  function canvasPng() {
    const url = canvas.toDataURL('image/png');
    const binary = atob(url.slice(url.indexOf(',') + 1));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  const fromWasm = (ptr) => Module.UTF8ToString(ptr);
  const currentText = () => decoder.decode(Module.HEAPU8.subarray(Module._bpeviz_text(), Module._bpeviz_text() + Module._bpeviz_text_size()));
  const currentEncoding = () => fromWasm(Module._bpeviz_encoding());
  const showNotice = (kind, text) => {
    wake();
    withUtf8(text, (ptr) => Module._bpeviz_show_message(kind, ptr));
  };
  const NEWS = 0, PROBLEM = 1;

  // --- Keeping the text for the next visit ------------------------------------------------------
  const STORAGE_KEY = 'bpeviz.session';
  const SAVE_DELAY_MS = 300;  // after the last change: saving a large text on every keystroke would stall typing
  let saveTimer = 0;
  let storageFailed = false;

  // Browsers keep about 5 MB for a site (Chromium: 10 MB of UTF-16). A longer text is not even tried:
  // reading 10 MB out of wasm only to be refused took 190 ms of one task, a stall after each pause in typing.
  const STORAGE_MAX_BYTES = 5e6;

  function saveSession() {
    saveTimer = 0;
    const bytes = Module._bpeviz_text_size();
    const encoding = currentEncoding();
    const chat = JSON.parse(fromWasm(Module._bpeviz_chat_session_json()));  // the Chat tab's messages
    try {
      if (bytes > STORAGE_MAX_BYTES) throw new Error('too long to keep');
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ text: currentText(), encoding, chat }));
      if (storageFailed) showNotice(PROBLEM, '');
      storageFailed = false;
    } catch (e) {
      // Storage full (QuotaExceededError) or turned off: keep the encoding at least, say so once.
      try { localStorage.setItem(STORAGE_KEY, JSON.stringify({ encoding, chat })); } catch (_) { /* nothing to keep */ }
      if (!storageFailed) {
        const size = bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} KB`;
        const why = bytes > STORAGE_MAX_BYTES ? `browsers keep about ${STORAGE_MAX_BYTES / 1e6} MB for a page`
                                              : `the browser's storage is full or turned off (${e.name || e.message})`;
        showNotice(PROBLEM, `This text (${size}) cannot be kept for your next visit: ${why}. It stays here until you close the page.`);
      }
      storageFailed = true;
    }
  }

  // Called from wasm after every change of the text, the encoding or the Chat conversation.
  Module.sessionChanged = () => {
    // A share link in the address bar no longer describes the text: a reload must not bring it back.
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveSession, SAVE_DELAY_MS);
  };
  window.addEventListener('pagehide', () => { if (saveTimer) { clearTimeout(saveTimer); saveSession(); } });

  // --- The theme -----------------------------------------------------------------------------
  // The one the user picked at an earlier visit, else the system's; kept apart from the session, as a
  // preference: a theme never picked keeps following the system.
  const THEME_KEY = 'bpeviz.theme';
  function startTheme() {
    try {
      const saved = localStorage.getItem(THEME_KEY);
      if (saved === 'light' || saved === 'dark') return saved;
    } catch (e) { /* storage turned off: the system's */ }
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  // The page around the canvas (loading and error messages) in the same theme.
  document.documentElement.dataset.theme = startTheme();
  Module.themeChanged = (theme) => {
    document.documentElement.dataset.theme = theme;
    try { localStorage.setItem(THEME_KEY, theme); } catch (e) { /* not kept: a preference, no message */ }
  };

  // --- Share links ---------------------------------------------------------------------------
  // A link carries the encoding and, when it fits, the text: #encoding=cl100k_base&text=hello%20world.
  // Past MAX_LINK_CHARS a link gets unwieldy in chats and mail, and some servers refuse it.
  const MAX_LINK_CHARS = 8000;
  const MAX_LINK_TEXT = 1 << 20;  // a longer text in a link is ignored, as are unknown encodings

  // Besides the text and encoding a link can say which tab to open and where (bpeviz_view_json):
  // the Merge steps tab at a step, the Merge tree at a token, the Train BPE tab with its options at
  // a step, so that a lecturer's slide opens exactly there.
  const VIEW_KEYS = ['panel', 'step', 'id', 'sample', 'merges', 'pretokenizer', 'tie', 'specials', 'compare'];
  const NUMBER_KEYS = ['step', 'id', 'merges'];

  // What a hash asks for: {text?, encoding?, view?} or {error}. Anything unexpected is an error, never a crash.
  function parseLink(hash) {
    const fields = {};
    const view = {};
    for (const part of hash.split('&')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      const key = part.slice(0, eq);
      if (key !== 'text' && key !== 'encoding' && !VIEW_KEYS.includes(key)) continue;
      let value;
      try {
        value = decodeURIComponent(part.slice(eq + 1));
      } catch (e) {
        return { error: `its ${key} is damaged (not valid percent-encoded UTF-8)` };
      }
      if (NUMBER_KEYS.includes(key) && !/^\d{1,9}$/.test(value)) return { error: `its ${key} is not a whole number` };
      if (VIEW_KEYS.includes(key)) view[key] = value.slice(0, 200);
      else fields[key] = value;
    }
    if (Object.keys(view).length) fields.view = view;
    if (fields.text === undefined && fields.encoding === undefined && !fields.view) {
      return { error: 'it names neither a text nor an encoding' };
    }
    if (fields.encoding !== undefined && !api.encodings().includes(fields.encoding)) {
      const shown = fields.encoding.length > 40 ? `${fields.encoding.slice(0, 40)}…` : fields.encoding;
      return { error: `it names an unknown encoding "${shown}"` };
    }
    if (fields.text !== undefined && fields.text.length > MAX_LINK_TEXT) return { error: 'its text is too long' };
    // Lone surrogates cannot cross as UTF-8: they become U+FFFD, as everywhere else on the page.
    if (fields.text !== undefined) fields.text = decoder.decode(encoder.encode(fields.text));
    return fields;
  }
  const ignoredLink = (error) => `Ignored the link in the address bar: ${error}.`;

  // Opens the tab a link names, once the page and its encoding are ready.
  async function applyView(view) {
    try {
      await ready;
      for (const load of [...encodingLoads.values()]) await load.promise.catch(() => {});  // the link's encoding
      await api.nextFrame();
      await api.nextFrame();
      if (!view.panel) return;
      if (view.panel === 'compare' && view.compare !== undefined) {
        await api.setCompare(view.compare.split(','));  // shows the tab, with the link's picks from the start
        return;
      }
      await api.showPanel(view.panel);
      const number = (key) => (view[key] === undefined ? undefined : Number(view[key]));
      if (view.panel === 'merges' && view.step !== undefined) await api.player('step', number('step'));
      if (view.panel === 'tree' && view.id !== undefined) await api.mergeTree(number('id'));
      if (view.panel === 'studio') {
        const options = { source: view.sample === undefined ? 'text' : view.sample, train: true };
        for (const key of ['merges', 'step']) if (view[key] !== undefined) options[key] = number(key);
        for (const key of ['pretokenizer', 'tie', 'specials']) if (view[key] !== undefined) options[key] = view[key];
        await api.studio(options);
      }
    } catch (e) {
      showNotice(PROBLEM, `Ignored part of the link in the address bar: ${e.message}.`);
    }
  }

  // Called from wasm once, before the first frame: the link's text and encoding, else the saved ones
  // (and the Chat tab's conversation).
  Module.savedSession = () => {
    const session = { theme: startTheme() };
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}');
      if (typeof saved.text === 'string') session.text = saved.text;
      if (typeof saved.encoding === 'string') session.encoding = saved.encoding;
      if (saved.chat && typeof saved.chat === 'object') session.chat = saved.chat;
    } catch (e) { /* unreadable or turned off: start fresh */ }
    if (location.hash.length > 1) {
      const link = parseLink(location.hash.slice(1));
      if (link.error) {
        session.message = ignoredLink(link.error);
      } else {
        if (link.text !== undefined) session.text = link.text;
        if (link.encoding !== undefined) session.encoding = link.encoding;
        if (link.view) applyView(link.view);
      }
    }
    return JSON.stringify(session);
  };

  // A link pasted into the address bar of an open page.
  window.addEventListener('hashchange', () => {
    if (location.hash.length <= 1) return;
    const link = parseLink(location.hash.slice(1));
    if (link.error) { showNotice(PROBLEM, ignoredLink(link.error)); return; }
    if (link.text !== undefined) api.setText(link.text);
    if (link.encoding !== undefined) api.setEncoding(link.encoding).catch((e) => showNotice(PROBLEM, e.message));
    if (link.view) applyView(link.view);
  });

  let linkWaiters = [];
  // Called from wasm when "Copy link" was pressed.
  Module.copyLink = async () => {
    const base = location.href.split('#')[0];
    const encoding = currentEncoding();
    const view = Object.entries(JSON.parse(fromWasm(Module._bpeviz_view_json())))
      .filter(([key, value]) => !(key === 'panel' && value === 'tokens'))
      .map(([key, value]) => `&${key}=${encodeURIComponent(value)}`).join('');
    const withText = `${base}#encoding=${encodeURIComponent(encoding)}&text=${encodeURIComponent(currentText())}${view}`;
    const fits = withText.length <= MAX_LINK_CHARS;
    const link = fits ? withText : `${base}#encoding=${encodeURIComponent(encoding)}${view}`;
    let copied = false;
    try {
      await navigator.clipboard.writeText(link);
      copied = true;
    } catch (e) {
      // No clipboard (permission refused, or not a secure page): the address bar shows the link instead.
      history.replaceState(null, '', link);
    }
    const where = copied ? 'Link copied' : 'The clipboard is not available: the link is in the address bar';
    showNotice(NEWS, fits ? `${where}: it opens this text with ${encoding}.`
      : `${where}, with ${encoding} only: the text is too long for a link (${withText.length} characters; at most ${MAX_LINK_CHARS}).`);
    const waiters = linkWaiters;
    linkWaiters = [];
    waiters.forEach((resolve) => resolve({ link, copied, withText: fits }));
  };

  // Loads encoding `name` for encode and trace without picking it (the page keeps its encoding).
  async function loadForApi(name) {
    if (!api.encodings().includes(name)) throw new Error(`unknown encoding "${name}"`);
    if (name in loadTimes) return;
    const file = Module.UTF8ToString(withUtf8(name, (ptr) => Module._bpeviz_encoding_file(ptr)));
    if (!file) return;  // a tokenizer the user brought: already loaded
    Module.fetchEncoding(name, file);
    await pendingLoad(name).promise;
  }

  const api = {
    ready,
    state() {
      const s = JSON.parse(Module.UTF8ToString(Module._bpeviz_state_json()));
      s.tokens = s.tokens.map(([id, begin, end]) => ({ id, begin, end }));
      return s;
    },
    // state().textBox and state().text alone: cheap with a large text, whose state() carries all its tokens.
    textBox() {
      return JSON.parse(Module.UTF8ToString(Module._bpeviz_text_box_json()));
    },
    text() {
      return currentText();
    },
    // Returns false when the text is too large for the page (state().message says so).
    setText(text) {
      return textToWasm(String(text), (ptr, len) => Module._bpeviz_set_text(ptr, len)) === 0;
    },
    encodings() {
      return JSON.parse(Module.UTF8ToString(Module._bpeviz_encoding_names_json()));
    },
    // Resolves once the encoding is active (after fetching its data the first time).
    async setEncoding(name) {
      const status = withUtf8(String(name), (ptr) => Module._bpeviz_set_encoding(ptr));
      if (status < 0) throw new Error(`unknown encoding "${name}"; known: ${api.encodings().join(', ')}`);
      if (status === 1) await pendingLoad(String(name)).promise;
      await api.nextFrame();
      await api.nextFrame();
    },
    // The ids of `text` under encoding `name`, loading it if needed. special: 'error' (tiktoken's
    // default: special-token text is an error), 'all' (allowed) or 'text' (encode_ordinary).
    async encode(text, name, special = 'error') {
      if (name === 'bytes') return [...encoder.encode(String(text))];
      await loadForApi(name);
      return [...Module.bpevizCore.encode(name, String(text), special)];
    },
    // The merge steps of encoding `text` under encoding `name` (default: the page's), loading it if
    // needed, in the order the Merge steps tab plays them: [{step, left, right, rank, id, count,
    // places}] with the merged tokens' bytes as arrays of numbers (web/encode_api.js). special as for encode.
    async trace(text, name = currentEncoding(), special = 'error') {
      if (name === 'bytes') return [];  // one token per byte: nothing is merged
      await loadForApi(name);
      return Module.bpevizCore.trace(name, String(text), special);
    },
    // Trains a BPE on `text` as the Train BPE tab does (without touching the tab); resolves to the
    // merges in order, each {left, right, id, count, replaced}: both parts' bytes as arrays of numbers,
    // the new token's id, the pair's count before the merge (overlaps counted) and the places replaced.
    async train(text, { numMerges = 50, pretokenizer = 'gpt2', tie = 'greater', specials = [] } = {}) {
      if (!Number.isInteger(numMerges) || numMerges < 0) throw new Error(`numMerges must be a whole number, not ${numMerges}`);
      if (!Array.isArray(specials)) throw new Error('specials must be an array of strings');
      return Module.bpevizCore.train(String(text), numMerges, String(pretokenizer), String(tie), specials.map(String)).steps;
    },
    // Picks a model by name (tiktoken's names); resolves once its encoding is active.
    async setModel(name) {
      const status = withUtf8(String(name), (ptr) => Module._bpeviz_set_model(ptr));
      if (status < 0) throw new Error(`unknown model "${name}"`);
      if (status === 1) await pendingLoad(currentEncoding()).promise;
      await api.nextFrame();
      await api.nextFrame();
    },
    // The model picker's entries: [[model, encoding], ...].
    models() {
      return JSON.parse(fromWasm(Module._bpeviz_models_json()));
    },
    // 'all' (special tokens allowed), 'text' (plain text) or 'error' (tiktoken's default: raise).
    async setSpecialPolicy(name) {
      if (withUtf8(String(name), (ptr) => Module._bpeviz_set_special_policy(ptr)) < 0) {
        throw new Error(`unknown special-token policy "${name}"; known: all, text, error`);
      }
      await api.nextFrame();
    },
    // The token view's switches: 'whitespace', 'byteNotation', 'pretokenLane', and 'addSpecialTokens'
    // (a tokenizer.json's BOS/EOS around the text).
    async setOption(name, on) {
      if (withUtf8(String(name), (ptr) => Module._bpeviz_set_option(ptr, on ? 1 : 0)) < 0) {
        throw new Error(`unknown option "${name}"; known: whitespace, byteNotation, pretokenLane`);
      }
      await api.nextFrame();
    },
    // The merge steps tab's player: 'step' (to step n), 'play', 'pause', 'speed' (steps a second),
    // 'part' (from byte n of a long text). Resolves after the next frame; state().player shows it.
    async player(action, value = 0) {
      if (withUtf8(String(action), (ptr) => Module._bpeviz_player(ptr, Number(value))) < 0) {
        throw new Error(`unknown player action "${action}"; known: step, play, pause, speed, part`);
      }
      await api.nextFrame();
    },
    // The Train BPE tab: sets any of {source ('text' or a sample's name), merges, pretokenizer,
    // tie ('greater' | 'first'), specials (comma-separated), step, play, train, use, export (a kind:
    // 'model', 'vocab', 'tiktoken', 'vocab.json', 'merges.txt'), predict (true: one step forward asks
    // which pair wins), guess (an index into state().studio.predict.candidates)} and resolves after
    // two frames; state().studio shows the result.
    async studio(options) {
      const status = withUtf8(JSON.stringify(options), (ptr) => Module._bpeviz_studio(ptr));
      if (status < 0) throw new Error(fromWasm(Module._bpeviz_last_error()));
      await api.nextFrame();
      await api.nextFrame();
    },
    // The Merge tree tab shows token `id` of the page's encoding (state().tree); resolves after the next frame.
    async mergeTree(id) {
      if (!Number.isInteger(id) || id < 0 || id > 0xFFFFFFFF) throw new Error(`a token id is a whole number from 0, not ${id}`);
      Module._bpeviz_merge_tree(id);
      await api.nextFrame();
    },
    // The frames drawn since the last call: [[work, draw], ...] in ms — the frame's own work (events,
    // views, ImGui's draw lists) and its WebGL drawing.
    frameTimes() {
      const times = frameTimes;
      frameTimes = [];
      return times;
    },
    // Whether a paste is still on its way into wasm memory (it goes a part per task).
    pasting() {
      return textQueued > 0;
    },
    // While a long text is tokenized a part per frame: the share done (0 to 1), else null. Cheap, and
    // it does not finish the work as state() does.
    tokenizing() {
      const done = Module._bpeviz_tokenizing();
      return done < 0 ? null : done;
    },
    // 'tokens', 'ids', 'decode', 'merges', 'tree', 'studio', 'schemes', 'compare' or 'chat'; resolves once the panel is drawn.
    async showPanel(name) {
      if (withUtf8(String(name), (ptr) => Module._bpeviz_show_panel(ptr)) < 0) throw new Error(`unknown panel "${name}"`);
      for (let i = 0; i < 10 && api.state().panel !== name; i++) await api.nextFrame();
      await api.nextFrame();
    },
    // The Compare tab with 2 to 4 encodings (names as encodings() lists them); resolves once each one's
    // data is here and drawn, rejects for a bad list or a failed download. state().compare shows it.
    async setCompare(names) {
      if (!Array.isArray(names)) throw new Error('setCompare takes an array of encoding names');
      const list = names.map(String);
      if (withUtf8(JSON.stringify(list), (ptr) => Module._bpeviz_set_compare(ptr)) < 0) throw new Error(fromWasm(Module._bpeviz_last_error()));
      await api.showPanel('compare');
      await api.nextFrame();  // the tab asks for what it lacks as it shows
      for (const name of list) if (encodingLoads.has(name)) await encodingLoads.get(name).promise;
      await api.nextFrame();
      await api.nextFrame();
    },
    // The Chat tab with these messages ({role, content}; a role other than system, user and assistant is
    // custom) in `format` (one of state().chat.formats; the tokenizer's usual one when left out).
    // Resolves once the tab is drawn; state().chat shows the conversation's tokens and counts.
    async setChat(messages, format) {
      const chat = format === undefined ? { messages } : { messages, format };
      if (withUtf8(JSON.stringify(chat), (ptr) => Module._bpeviz_set_chat(ptr)) < 0) throw new Error(fromWasm(Module._bpeviz_last_error()));
      await api.showPanel('chat');
    },
    // The shown tokens as the Export menu writes them: 'json' or 'csv' (a string; nothing downloaded).
    exportTokens(kind) {
      const size = withUtf8(String(kind), (ptr) => Module._bpeviz_export_tokens(ptr));
      if (size < 0) throw new Error(fromWasm(Module._bpeviz_last_error()));
      const at = Module._bpeviz_export_data();
      return decoder.decode(Module.HEAPU8.subarray(at, at + size));
    },
    // The canvas as the next frame draws it: a Promise of the PNG file's bytes (Uint8Array).
    exportPng() {
      return new Promise((resolve) => pngWaiters.push(resolve));
    },
    // The ids of the shown tokens, as the ids panel lists and copies them.
    ids() {
      return JSON.parse(fromWasm(Module._bpeviz_ids_json()));
    },
    setDecodeInput(text) {
      withUtf8(String(text), (ptr, len) => Module._bpeviz_set_decode_input(ptr, len));
    },
    // Where token `index`'s tile was drawn last frame, in CSS pixels, and its label as drawn (left to
    // right), or null.
    tokenRect(index) {
      const r = JSON.parse(fromWasm(Module._bpeviz_token_rect(index)));
      return r && { x: r[0], y: r[1], width: r[2], height: r[3], label: r[4] };
    },
    // Does what the "Copy link" button does; resolves to {link, copied, withText}.
    copyLink() {
      const done = new Promise((resolve) => linkWaiters.push(resolve));
      Module._bpeviz_request_copy_link();
      return done;
    },
    // Adds a tokenizer from files the user brings — [{name, bytes: Uint8Array}]: a bpeviz model file,
    // a Hugging Face tokenizer.json (or the compact form the build writes of the bundled ones), a
    // vocab.json with its merges.txt, or a .tiktoken file (these two with `pretokenizer`) — and
    // picks it. Resolves to the name it is listed under; rejects (and the page says why) when the
    // files are not a tokenizer. The files never leave the browser.
    async loadTokenizer(files, pretokenizer = 'gpt2') {
      let name;
      try {
        name = Module.bpevizCore.addUserTokenizer(files, pretokenizer);
      } catch (e) {
        showNotice(PROBLEM, `Could not load a tokenizer: ${e.message}`);  // core's message names the files
        throw e;
      }
      await api.setEncoding(name);
      return name;
    },
    // Milliseconds spent turning each loaded encoding's downloaded data into a ready encoder.
    loadTimes() {
      return { ...loadTimes };
    },
    // 'light' or 'dark' (remembered for the next visit); resolves once drawn in it.
    async setTheme(name) {
      if (withUtf8(String(name), (ptr) => Module._bpeviz_set_theme(ptr)) < 0) throw new Error(`unknown theme "${name}"; known: light, dark`);
      await api.nextFrame();
      await api.nextFrame();
    },
    // Presentation mode on or off; resolves once the fonts are at their new size.
    async present(on) {
      Module._bpeviz_present(on ? 1 : 0);
      for (let i = 0; i < 3; i++) await api.nextFrame();
    },
    // Opens or closes the keyboard shortcuts overlay (F1 or ? does too).
    async shortcutsHelp(open) {
      Module._bpeviz_shortcuts_help(open ? 1 : 0);
      await api.nextFrame();
      await api.nextFrame();
    },
    // The preset lessons: [{name, title, text, encoding, caption}].
    lessons() {
      return JSON.parse(fromWasm(Module._bpeviz_lessons_json()));
    },
    // Shows lesson `name` (its text under its encoding); resolves once its caption is on screen.
    async lesson(name) {
      const status = withUtf8(String(name), (ptr) => Module._bpeviz_lesson(ptr));
      if (status < 0) throw new Error(`unknown lesson "${name}"; known: ${api.lessons().map((l) => l.name).join(', ')}`);
      if (status === 1) await pendingLoad(currentEncoding()).promise;
      await api.nextFrame();
      await api.nextFrame();
    },
    // Resolves once the next frame has been drawn.
    nextFrame() {
      return new Promise((resolve) => frameWaiters.push(resolve));
    },
  };
  // Whatever the API is asked, the next frames show it; but two reads that change nothing, which a test
  // or a benchmark polls to watch the page, leave it as still as it was.
  const stillReads = new Set(['frameTimes', 'tokenizing']);
  for (const [name, method] of Object.entries(api)) {
    if (typeof method === 'function' && !stillReads.has(name)) api[name] = (...args) => { wake(); return method(...args); };
  }
  window.bpeviz = api;

  // Tokenizer files: the encoding picker's "Load tokenizer files…" opens a file picker, and files
  // dropped anywhere on the page are loaded the same way.
  const tokenizerInput = document.createElement('input');
  tokenizerInput.type = 'file';
  tokenizerInput.multiple = true;
  tokenizerInput.style.display = 'none';
  document.body.appendChild(tokenizerInput);
  const loadTokenizerFiles = async (fileList) => {
    const files = await Promise.all(fileList.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    await api.loadTokenizer(files).catch(() => {});  // the page shows the problem
  };
  tokenizerInput.addEventListener('change', () => {
    const files = [...tokenizerInput.files];
    tokenizerInput.value = '';
    if (files.length) loadTokenizerFiles(files);
  });
  Module.openTokenizerFiles = () => tokenizerInput.click();
  // Called from wasm right after a frame is drawn, while WebGL's drawing buffer still holds it.
  Module.capturePng = (filename) => Module.download(filename, canvasPng(), 'image/png');
  // The training studio's and the Export menu's files, as downloads.
  Module.download = (filename, bytes, type = 'application/octet-stream') => {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  };
  window.addEventListener('dragover', (event) => {
    if (event.dataTransfer && [...event.dataTransfer.types].includes('Files')) event.preventDefault();
  });
  window.addEventListener('drop', (event) => {
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    loadTokenizerFiles([...event.dataTransfer.files]);
  });

  // Text entry beyond what SDL2 sees. The invisible text area keeps the keyboard focus: SDL2 reads
  // keystrokes on the window and stops their default action, so ordinary typing never reaches the
  // text area; what does reach it is text that comes without keystrokes (IME and dead-key
  // composition, emoji pickers) and pastes. Both are forwarded to the wasm side.
  const focusTextInput = () => { if (document.activeElement !== textInput) textInput.focus({ preventScroll: true }); };
  // Where IME composition's window of candidates should open: the text area sits over the text box's
  // caret line (ImGui tells where: web/browser.cpp), else at the page's corner.
  let imeLeft = 0, imeTop = 0;
  const placeTextInput = () => {
    // Within the window: a composition shown at a caret near the right edge would be cut off.
    textInput.style.left = `${Math.max(0, Math.min(imeLeft, window.innerWidth - textInput.offsetWidth - 8))}px`;
    textInput.style.top = `${imeTop}px`;
  };
  Module.placeIme = (x, y, lineHeight) => {
    imeLeft = Math.max(0, x);
    imeTop = Math.max(0, y);
    textInput.style.height = `${Math.max(12, Math.round(lineHeight))}px`;
    textInput.style.fontSize = `${Math.max(12, Math.round(lineHeight * 0.8))}px`;
    if (textInput.style.pointerEvents !== 'auto') placeTextInput();  // not while its context menu is open
  };
  textInput.addEventListener('input', (event) => {
    if (!event.isComposing && event.data && (event.inputType === 'insertText' || event.inputType === 'insertReplacementText')) {
      const text = event.data;
      enterText(() => {
        wake();
        withUtf8(text, (ptr, len) => Module._bpeviz_insert_text(ptr, len));
      });
    }
    if (!event.isComposing) textInput.value = '';
  });
  textInput.addEventListener('compositionstart', () => {
    textInput.classList.add('composing');
    placeTextInput();
  });
  textInput.addEventListener('compositionend', (event) => {
    textInput.classList.remove('composing');
    placeTextInput();
    if (event.data) {
      const text = event.data;
      enterText(() => {
        wake();
        withUtf8(text, (ptr, len) => Module._bpeviz_insert_text(ptr, len));
      });
    }
    textInput.value = '';
  });
  // Paste: Ctrl/Cmd+V and the context menu's Paste both end in a paste event.
  document.addEventListener('paste', (event) => {
    event.preventDefault();
    const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
    textInput.value = '';
    if (text && Module.calledRun) pasteText(text);
  });
  // SDL2 cancels the default action of every Ctrl+key, which would cancel the browser's paste: hide
  // Ctrl/Cmd+V from it (this listener runs first, in the capture phase) and let the paste event do it.
  window.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'v') {
      focusTextInput();
      event.stopImmediatePropagation();
    }
  }, true);
  // A canvas has no "Paste" in its context menu: on a right click, put the text area under the
  // pointer so the menu offers Paste for it, then move it away again (it keeps the focus).
  canvas.addEventListener('mousedown', (event) => {
    if (event.button === 2) {
      textInput.style.left = `${event.clientX - 6}px`;
      textInput.style.top = `${event.clientY - 6}px`;
      textInput.style.pointerEvents = 'auto';
    }
    setTimeout(focusTextInput, 0);
  });
  textInput.addEventListener('contextmenu', () => setTimeout(() => {
    placeTextInput();
    textInput.style.pointerEvents = 'none';
  }, 0));
  canvas.addEventListener('contextmenu', (event) => event.preventDefault());
  window.addEventListener('focus', focusTextInput);
  focusTextInput();

  if (!document.createElement('canvas').getContext('webgl2')) {
    showMessage('bpeviz draws with WebGL2, and this browser has it turned off or does not support it.',
                'Recent Chrome, Edge, Firefox and Safari all support it: check that hardware acceleration ' +
                'is enabled in the browser settings, or try another browser.');
    rejectReady(new Error('WebGL2 is not available'));
    return;
  }
  window.Module = Module;
  const script = document.createElement('script');
  script.src = 'bpeviz.js';
  script.onerror = () => {
    showMessage('bpeviz could not load its program file (bpeviz.js).', 'Check the connection and reload the page.');
    rejectReady(new Error('bpeviz.js failed to load'));
  };
  document.body.appendChild(script);
})();
