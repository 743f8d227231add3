// The hidden text area (index.html's #text-input): typing SDL2 does not see, IME composition, pastes
// by key or by the context menu, and where the text area sits and when it takes the focus.
import { Module, wake, withUtf8 } from '../wasm.js';
import { enterText, pasteText } from '../text_to_wasm.js';
import { keyboardMirrored, lastPointerTouch, canvasTop } from './screen_keyboard.js';
import { mirrorFocused } from '../access/keys.js';

const canvas = document.getElementById('canvas');
const textInput = document.getElementById('text-input');

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
  textInput.style.top = `${imeTop + canvasTop()}px`;  // the canvas follows the visual viewport
};
Module.placeIme = (x, y, lineHeight) => {
  imeLeft = Math.max(0, x);
  imeTop = Math.max(0, y);
  textInput.style.height = `${Math.max(12, Math.round(lineHeight))}px`;
  // At least 16 px: iOS zooms into a focused text area whose type is smaller (index.html lets the reader zoom).
  textInput.style.fontSize = `${Math.max(16, Math.round(lineHeight * 0.8))}px`;
  if (textInput.style.pointerEvents !== 'auto') placeTextInput();  // not while its context menu is open
};
// (An on-screen keyboard's edits, with the box's line mirrored in the text area: web/page/input/screen_keyboard.js.)
textInput.addEventListener('input', (event) => {
  if (keyboardMirrored()) return;
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
  if (keyboardMirrored()) return;  // composed in the box itself
  textInput.classList.add('composing');
  placeTextInput();
});
textInput.addEventListener('compositionend', (event) => {
  if (keyboardMirrored()) return;
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
// A field of the page's semantic copy (web/page/access/: the Decode ids input, the Merge tree's id) takes its own paste.
const mirrorField = (el) => Boolean(el?.dataset?.key) && (el.tagName === 'TEXTAREA' || el.tagName === 'INPUT');
document.addEventListener('paste', (event) => {
  if (mirrorField(event.target)) return;
  event.preventDefault();
  const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
  if (!keyboardMirrored()) textInput.value = '';
  if (text && Module.calledRun) pasteText(text);
});
// SDL2 cancels the default action of every Ctrl+key, which would cancel the browser's paste: hide
// Ctrl/Cmd+V from it (this listener runs first, in the capture phase) and let the paste event do it.
window.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'v') {
    if (mirrorField(event.target)) return void event.stopImmediatePropagation();
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
  // Not after a touch: a phone would open its keyboard at every tap (a tap on a text box focuses it itself).
  if (!lastPointerTouch()) setTimeout(focusTextInput, 0);
});
textInput.addEventListener('contextmenu', () => setTimeout(() => {
  placeTextInput();
  textInput.style.pointerEvents = 'none';
}, 0));
canvas.addEventListener('contextmenu', (event) => event.preventDefault());
// (Back to the page with a control of the mirror focused, web/page/access/: it keeps the focus.)
window.addEventListener('focus', () => { if (!lastPointerTouch() && !mirrorFocused()) focusTextInput(); });
focusTextInput();
