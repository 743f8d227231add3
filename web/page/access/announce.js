// What the mirror says without being asked (web/page/access/mirror.js): the text of a live record (the step a
// player shows, the page's news) in a polite live region, throttled: stepping by a held key or playing at 60
// steps a second is said at most once a THROTTLE_MS, and the last change is always said.
const region = document.createElement('div');
region.setAttribute('aria-live', 'polite');
region.className = 'mirrored unplaced';
region.id = 'access-announce';
export const THROTTLE_MS = 1000;

let last = -Infinity;  // when something was last said
let pending = null;    // the text waiting for its turn
let timer = 0;

function say(text) {
  last = performance.now();
  region.textContent = text;
}

// Puts the live region after `anchor` (once, as the mirror is made).
export function placeAnnouncer(anchor) { anchor.after(region); }

// Says `text`: now, if nothing was said in the last THROTTLE_MS, else when that time is up (the newest text then).
export function announce(text) {
  const wait = last + THROTTLE_MS - performance.now();
  if (wait <= 0 && !timer) return say(text);
  pending = text;
  if (!timer) {
    timer = setTimeout(() => {
      timer = 0;
      if (pending !== null) say(pending);
      pending = null;
    }, Math.max(0, wait));
  }
}
