// The keyboard helpers the access suites share (access.test.mjs, access_views.test.mjs): what has the focus in
// the page's semantic mirror, waiting for the mirror, and pressing a key until the focus is on a control.
import { frames, waitFor } from './harness.mjs';

// What has the focus: the mirror's key of it (the text area: "text"), its role and name.
export const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { key: el.id === 'text-input' ? 'text' : el.dataset.key, role: el.getAttribute('role') || el.tagName.toLowerCase(),
           name: el.getAttribute('aria-label') || el.textContent };
});
export const mirrorReady = (page) => waitFor(page, () => document.querySelector('#access [role="tab"][aria-selected="true"]'), null, 'the mirror');

export async function press(page, key) {
  await page.keyboard.press(key);
  await frames(page, 2);
}

// Presses `key` until the focus is on the control `wanted` (at most `most` times); returns the keys passed on the way.
export async function tabTo(page, key, wanted, most = 40) {
  const passed = [];
  for (let i = 0; i < most; i++) {
    await press(page, key);
    passed.push((await focused(page)).key);
    if (passed.at(-1) === wanted) return passed;
  }
  throw new Error(`${key} never reached ${wanted}: ${passed.join(', ')}`);
}
