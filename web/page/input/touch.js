// The page under a finger. SDL2 turns touches on the canvas into finger events (and cancels the
// browser's default for them, so no mouse events follow); ui/touch plays them to ImGui as taps,
// drags, flicks and long presses. This keeps the browser's own touch gestures off the page, so that
// one touch is one gesture of the page's: no pinch or double-tap zoom, no panning, no pull to refresh.
// (The CSS does most of it: touch-action and overscroll-behavior in page.css.)

import { Module } from '../wasm.js';

// How long each touch event waited before the page got it, told to the wasm side just before SDL's own
// listener (on the canvas) takes the event: the gesture then times a finger's samples by when it moved,
// which a busy page (a frame in progress) would otherwise squeeze into one burst, and a flick into none.
for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
  window.addEventListener(type, (event) => {
    // (An engine whose timeStamp is on another clock, as old Safari's was, gives an age out of range: 0.)
    const age = performance.now() - event.timeStamp;
    if (Module.calledRun) Module._bpeviz_touch_event_age(age >= 0 && age < 60000 ? age : 0);
  }, { capture: true, passive: true });
}

// Safari sends its pinch as gesture events too, and zooms on them whatever touch-action says.
for (const type of ['gesturestart', 'gesturechange', 'gestureend']) {
  document.addEventListener(type, (event) => event.preventDefault(), { passive: false });
}
// Two fingers anywhere on the page (the loading line, the message) pinch nothing either. A listener on
// the document is passive unless it says otherwise.
document.addEventListener('touchmove', (event) => {
  if (event.touches.length > 1) event.preventDefault();
}, { passive: false });
