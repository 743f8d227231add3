// Texts handed to the text box from JavaScript, in the order they came: a whole text (bpeviz.setText,
// a link), a paste a part per task, and composed text; one beyond what the page holds is refused.
import { Module, wake, encoder, allocate, nextTask } from './wasm.js';

// Gives the wasm side a text for the text box: one far beyond what the page holds (a 100 MB
// paste) is refused before it is copied into wasm memory at all. Returns 0, or -1 if refused.
export function textToWasm(text, fn) {
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
// Runs fn now, or after the texts still on their way.
export const enterText = (fn) => (textQueued === 0 ? fn() : queueText(fn));
// Whether a paste, or a text queued behind one, is still on its way into wasm memory.
export const pasteUnderWay = () => textQueued > 0;
const PASTE_CHUNK = 1 << 18;
export function pasteText(text) {
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
