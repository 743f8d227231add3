// On-screen keyboards (phones, tablets): a tap on a text box focuses the hidden text area within the tap,
// the caret's line is mirrored into it, every edit the keyboard makes there goes to the text box, and the
// canvas follows the visual viewport, so the line being typed stays above the keyboard.
import { Module, wake, withUtf8, fromWasm } from '../wasm.js';
import { waitForFrame } from '../frames.js';
import { enterText } from '../text_to_wasm.js';

const canvas = document.getElementById('canvas');
const textInput = document.getElementById('text-input');
const viewport = window.visualViewport;

// Whether the last pointer was a finger or a pen: then a tap elsewhere does not focus the text area (a
// phone would open its keyboard over the page at every tap), and a mouse's press turns mirroring off.
let touching = false;
export const lastPointerTouch = () => touching;
window.addEventListener('pointerdown', (event) => {
  touching = event.pointerType !== 'mouse';
  if (!touching) stopMirroring();
}, true);

// The mirror: the text box's caret line as the text area holds it. `start` is the box's character (code
// point) where the text area's text begins; `value` and the selection are the text area's as last synced.
// Mirrored, a keyboard sees the words around the caret: it can correct and suggest for the word being
// typed, capitalize after a full stop, and a Backspace is an edit of the text area (deleteContentBackward)
// rather than a key an empty field hands on or drops. Every edit is then read back as the difference
// between the text area before and after it, so each inputType does exactly what it does in a text area.
// Only after a tap by touch: on the desktop the text area stays empty, and an IME shows its composition in
// it as before (web/page/input/text_input.js).
let mirroring = false;
let mirror = null;  // { start, value, selectionStart, selectionEnd } (UTF-16 offsets into value)
let composing = false;
export const keyboardMirrored = () => mirroring && mirror !== null;

function stopMirroring() {
  if (!mirroring) return;
  mirroring = false;
  mirror = null;
  textInput.classList.remove('mirroring');
  textInput.value = '';
}

// Code points in s[from, to): the box counts characters so (a pair of surrogates is one).
function codePoints(s, from, to) {
  let n = 0;
  for (let i = from; i < to; i++) if ((s.charCodeAt(i) & 0xFC00) !== 0xDC00 || i === from) n++;
  return n;
}
// The UTF-16 offset of code point `n` of s.
function unitsOf(s, n) {
  let i = 0;
  for (; i < s.length && n > 0; n--) i += (s.charCodeAt(i) & 0xFC00) === 0xD800 && i + 1 < s.length ? 2 : 1;
  return i;
}
const isLow = (unit) => (unit & 0xFC00) === 0xDC00;

// Puts the box's caret line into the text area, unless it holds it already (a keyboard is told of every
// change to its field: writing the same text again would restart its word).
function syncMirror() {
  if (!mirroring || composing || document.activeElement !== textInput || !Module.calledRun) return;
  // First what the keyboard did since, whose selectionchange may still be on its way: a caret the keyboard
  // moved must not be put back.
  takeEdit();
  const context = JSON.parse(fromWasm(Module._bpeviz_keyboard_context()));
  if (context.start < 0) {
    // No box of ours has the focus (another field, the decode box say): text_input.js's way, field empty.
    if (mirror) textInput.value = '';
    mirror = null;
    return;
  }
  const value = context.text;
  const selectionStart = unitsOf(value, context.selection[0] - context.start);
  const selectionEnd = unitsOf(value, context.selection[1] - context.start);
  if (textInput.value !== value) textInput.value = value;
  if (textInput.selectionStart !== selectionStart || textInput.selectionEnd !== selectionEnd) {
    textInput.setSelectionRange(selectionStart, selectionEnd);
  }
  mirror = { start: context.start, value, selectionStart, selectionEnd };
}
// After every frame: the box may have moved its caret (a tap, a key) or changed its text (the API).
(async () => {
  for (;;) {
    await waitForFrame();
    syncMirror();
  }
})();

// Hands the text area's edit since the last sync to the box: the text between the common start and end of
// before and after, and the selection after it.
function takeEdit() {
  if (!mirror) return;
  const old = mirror.value, now = textInput.value;
  const selectionStart = textInput.selectionStart, selectionEnd = textInput.selectionEnd;
  if (now === old && selectionStart === mirror.selectionStart && selectionEnd === mirror.selectionEnd) return;
  // The common start reaches the caret at most: a letter typed after "l" in "hel|lo" is the third "l".
  const limit = Math.min(mirror.selectionStart, selectionStart, old.length, now.length);
  let prefix = 0;
  while (prefix < limit && old.charCodeAt(prefix) === now.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && (isLow(old.charCodeAt(prefix)) || isLow(now.charCodeAt(prefix)))) prefix--;  // not within a pair
  let suffix = 0;
  const most = Math.min(old.length, now.length) - prefix;
  while (suffix < most && old.charCodeAt(old.length - 1 - suffix) === now.charCodeAt(now.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLow(old.charCodeAt(old.length - suffix))) suffix--;
  const begin = mirror.start + codePoints(old, 0, prefix);
  const end = begin + codePoints(old, prefix, old.length - suffix);
  const text = now.slice(prefix, now.length - suffix);
  const selection = [mirror.start + codePoints(now, 0, selectionStart), mirror.start + codePoints(now, 0, selectionEnd)];
  mirror = { start: mirror.start, value: now, selectionStart, selectionEnd };
  enterText(() => {
    wake();
    const done = withUtf8(text, (ptr, len) => Module._bpeviz_keyboard_edit(begin, end, ptr, len, selection[0], selection[1]));
    // The box lost the focus meanwhile: typed text goes in as text from an IME does.
    if (done !== 0 && text) withUtf8(text, (ptr, len) => Module._bpeviz_insert_text(ptr, len));
  });
}

// Every edit: insertText, insertReplacementText (the keyboard selects the word it replaces first, or names
// it by getTargetRanges, which a text area leaves empty: the difference finds it either way),
// insertCompositionText (shown in the box as it is composed), the deletions, insertLineBreak.
textInput.addEventListener('input', () => { if (keyboardMirrored()) takeEdit(); });
textInput.addEventListener('compositionstart', () => { composing = true; });
textInput.addEventListener('compositionend', () => {
  composing = false;
  if (keyboardMirrored()) takeEdit();  // a keyboard may commit other text than it composed
});
// The keyboard moved the caret (Gboard's space bar slides it, iOS's keyboard trackpad too).
document.addEventListener('selectionchange', () => {
  if (keyboardMirrored() && !composing && document.activeElement === textInput) takeEdit();
});

// The canvas point of a client point (CSS pixels).
function canvasPoint(clientX, clientY) {
  const rect = canvas.getBoundingClientRect();
  return [clientX - rect.left, clientY - rect.top];
}
const onTextBox = (clientX, clientY) => Module.calledRun && Module._bpeviz_text_entry_at(...canvasPoint(clientX, clientY)) === 1;
// Whether the keyboard looks open: the visual viewport is shorter than the layout viewport.
const keyboardShown = () => viewport && viewport.height * viewport.scale < window.innerHeight - 80;

// Focuses the text area in the tap's own event: iOS opens its keyboard only for a focus made in a touchend or
// click handler, not from a timer. A text area focused before (the page focuses it at load, and a keyboard
// may have been put away since) is blurred first, or focus() would do nothing and no keyboard would open.
function focusForKeyboard() {
  mirroring = true;
  textInput.classList.add('mirroring');
  if (document.activeElement === textInput && keyboardShown()) return;
  if (document.activeElement === textInput) textInput.blur();
  textInput.focus({ preventScroll: true });
}

let tapStart = null;  // { x, y, time } of a one-finger touch
canvas.addEventListener('touchstart', (event) => {
  const t = event.touches[0];
  tapStart = event.touches.length === 1 ? { x: t.clientX, y: t.clientY, time: event.timeStamp } : null;
}, { passive: true });
canvas.addEventListener('touchend', (event) => {
  const t = event.changedTouches[0];
  const start = tapStart;
  tapStart = null;
  if (!start || event.touches.length > 0 || Math.hypot(t.clientX - start.x, t.clientY - start.y) > 10) return;  // a drag
  if (onTextBox(t.clientX, t.clientY)) {
    focusForKeyboard();
  } else if (event.timeStamp - start.time < 500 && document.activeElement === textInput && mirroring) {
    textInput.blur();  // a tap elsewhere puts the keyboard away, as on any page
  }
}, { passive: true });
// A click by touch (when the touch events were not cancelled) lands here too, still within the gesture.
canvas.addEventListener('click', (event) => {
  if (touching && onTextBox(event.clientX, event.clientY) && document.activeElement !== textInput) focusForKeyboard();
});

// The canvas covers the visual viewport: when a keyboard opens over the page (the visual viewport shrinks,
// the layout viewport stays), the page is laid out in what is left, and the text box scrolls its caret into
// view. A pinch zoom shrinks the visual viewport too, in CSS pixels: scaled back, it is the whole height.
let followedHeight = 0, followedTop = 0;
const coarsePointer = window.matchMedia('(pointer: coarse)');
function followViewport() {
  const zoomed = Math.abs(viewport.scale - 1) > 0.01;
  const height = Math.min(window.innerHeight, Math.round(zoomed ? viewport.height * viewport.scale : viewport.height));
  const top = zoomed ? 0 : Math.round(viewport.offsetTop);
  if (height === followedHeight && top === followedTop) return;
  const shrank = followedHeight > 0 && height < followedHeight;
  followedHeight = height;
  followedTop = top;
  // The whole layout viewport with a mouse: the style sheet's size, as before. A phone's 100vh is the height
  // with its address bar hidden, taller than the page while the bar shows: there the canvas takes the height.
  const whole = height >= window.innerHeight - 1 && top === 0 && !coarsePointer.matches;
  const [styleHeight, styleTop] = whole ? ['', ''] : [`${height}px`, `${top}px`];
  if (canvas.style.height === styleHeight && canvas.style.top === styleTop) return;
  canvas.style.height = styleHeight;
  canvas.style.top = styleTop;
  // SDL2 sizes its window from the canvas on the window's resize event, which a visual viewport never sends.
  window.dispatchEvent(new Event('resize'));
  if (shrank && touching && Module.calledRun) {
    Module._bpeviz_follow_caret();
    wake();
  }
}
export const canvasTop = () => followedTop;
if (viewport) {
  viewport.addEventListener('resize', followViewport);
  viewport.addEventListener('scroll', followViewport);
  followViewport();
}
