// The session kept for the next visit (localStorage): the text, the encoding and the Chat tab's
// conversation, saved after a pause in typing and given to wasm when the page starts.
import { Module, fromWasm, currentText, currentEncoding, showNotice, PROBLEM } from './wasm.js';
import { startTheme } from './theme.js';
import { parseLink, ignoredLink, applyView } from './share_links.js';

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

// The change that stopped the page is not saved (it could stop the next visit too): called on abort.
export function cancelSave() {
  clearTimeout(saveTimer);
  saveTimer = 0;
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
