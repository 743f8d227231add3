// window.bpeviz, the page's JavaScript API for tests and for slides: reads of what the page shows, and
// commands that resolve once their result is drawn.
import { Module, wake, encoder, decoder, withUtf8, fromWasm, currentText, currentEncoding, showNotice, PROBLEM } from './wasm.js';
import { ready, waitForFrame, waitForFramePng, takeFrameTimes } from './frames.js';
import { encodingLoads, loadTimes, pendingLoad } from './fetching.js';
import { textToWasm, pasteUnderWay } from './text_to_wasm.js';

// bpeviz.copyLink calls waiting for the link the "Copy link" button makes (share_links.js).
let linkWaiters = [];
export function linkCopied(result) {
  const waiters = linkWaiters;
  linkWaiters = [];
  waiters.forEach((resolve) => resolve(result));
}

// Loads encoding `name` for encode and trace without picking it (the page keeps its encoding).
async function loadForApi(name) {
  if (!api.encodings().includes(name)) throw new Error(`unknown encoding "${name}"`);
  if (name in loadTimes) return;
  const file = Module.UTF8ToString(withUtf8(name, (ptr) => Module._bpeviz_encoding_file(ptr)));
  if (!file) return;  // a tokenizer the user brought: already loaded
  Module.fetchEncoding(name, file);
  await pendingLoad(name).promise;
}

export const api = {
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
    return takeFrameTimes();
  },
  // Whether a paste is still on its way into wasm memory (it goes a part per task).
  pasting() {
    return pasteUnderWay();
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
    return waitForFramePng();
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
  // Opens (true) or closes (false) Share, the page's link as a QR code; resolves with state().share once the
  // code is drawn (or closed).
  async share(on = true) {
    Module._bpeviz_share(on ? 1 : 0);
    for (let i = 0; i < 120; i++) {
      await api.nextFrame();
      const share = api.state().share;
      if (!on || share.modulePixels > 0 || share.error) return share;
    }
    throw new Error('the Share view did not draw its code');
  },
  // Adds a tokenizer from files the user brings — [{name, bytes: Uint8Array}]: a bpeviz model file,
  // a Hugging Face tokenizer.json (or the compact form the build writes of the bundled ones), a
  // vocab.json with its merges.txt, or a .tiktoken file (these two with `pretokenizer`) — and
  // picks it. `specials`: special tokens to add, as CS336's Tokenizer(vocab, merges, special_tokens)
  // takes them (one the vocabulary lacks gets the next free id). Resolves to the name it is listed
  // under; rejects (and the page says why) when the files are not a tokenizer. The files never leave
  // the browser.
  async loadTokenizer(files, pretokenizer = 'gpt2', specials = []) {
    let name;
    try {
      name = Module.bpevizCore.addUserTokenizer(files, pretokenizer, specials);
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
    return waitForFrame();
  },
};
// Whatever the API is asked, the next frames show it; but two reads that change nothing, which a test
// or a benchmark polls to watch the page, leave it as still as it was.
const stillReads = new Set(['frameTimes', 'tokenizing']);
for (const [name, method] of Object.entries(api)) {
  if (typeof method === 'function' && !stillReads.has(name)) api[name] = (...args) => { wake(); return method(...args); };
}
window.bpeviz = api;
