// Touch on a phone and a tablet (Chromium's emulation, touches sent as the browser's own touch
// events): a drag scrolls a 3,000-token view and clicks nothing, a flick coasts on after the finger
// lifts, a drag scrolls Merge steps and Compare, a long press shows a token's details (tiktoken's id)
// and a merge-tree box's, a tap is one click (a tile opens its tree, Dark/Light toggles once, a tab
// opens), the Present button (the page's text size) works by tap; and the desktop mouse is unchanged.
// Screenshots of the long press's tooltip (touch-long-press-*.png) land in --out.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DEVICES, assert, assertEqual, frames, setText, settleTouch, tap, waitFor, withReadyPage } from './harness.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');

const SENTENCE = 'Byte pair encoding merges the most frequent pair of adjacent tokens, again and again. ';
// About 3,000 o200k_base tokens (16 a sentence).
const LONG_TEXT = SENTENCE.repeat(190);
const TOUCH_DEVICES = DEVICES.filter((d) => d.name === 'phone' || d.name === 'tablet');
// The same screens at one device pixel per CSS pixel, for the drags and flicks: a flick's speed is the
// finger's between frames, and software WebGL fills a 3× phone's 1170×2532 canvas in about 600 ms a
// frame on a loaded 2-core machine (a phone's GPU does it in 16 ms).
const QUICK_DEVICES = TOUCH_DEVICES.map((d) => ({ ...d, deviceScaleFactor: 1 }));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const state = (page) => page.evaluate(() => window.bpeviz.state());

// Fingers through Chromium's DevTools protocol: real touchstart/touchmove/touchend events on the page.
// A drag's samples carry the times the finger made them, as a touch screen stamps them: `stepMs` apart
// whatever the page is doing (CDP's default is when the browser took each one, and it takes the next only
// once a busy page has handled the last).
async function fingers(page) {
  const cdp = await page.context().newCDPSession(page);
  const send = (type, points, seconds) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points, ...(seconds ? { timestamp: seconds } : {}) });
  return {
    down: (x, y) => send('touchStart', [{ x, y }]),
    move: (x, y) => send('touchMove', [{ x, y }]),
    up: () => send('touchEnd', []),
    // From (x, y) by (dx, dy) in `steps` moves `stepMs` apart; `holdMs` still before lifting (no flick).
    // The first move goes with the start, unawaited: on a loaded machine a frame can take half a second,
    // and a finger that has not moved by the next frame after 500 ms is a long press.
    async drag(x, y, dx, dy, { steps = 12, stepMs = 20, holdMs = 250 } = {}) {
      const start = Date.now() / 1000;
      const after = (ms) => start + ms / 1000;
      const at = (i) => [{ x: x + (dx * i) / steps, y: y + (dy * i) / steps }];
      await Promise.all([send('touchStart', [{ x, y }], after(0)), send('touchMove', at(1), after(stepMs))]);
      for (let i = 2; i <= steps; i++) {
        await sleep(stepMs);
        await send('touchMove', at(i), after(i * stepMs));
      }
      await sleep(holdMs);
      await send('touchEnd', [], after(steps * stepMs + holdMs));
    },
  };
}

const centre = (r) => [r.x + r.width / 2, r.y + r.height / 2];
const onScreen = (r, page) => r.width > 0 && r.x >= 0 && r.y >= 0 && r.x + r.width <= page.viewportSize().width &&
                             r.y + r.height <= page.viewportSize().height;

// The page on `device` with the long text under o200k_base, tokenized.
async function withLongText(browser, baseUrl, device, fn) {
  await withReadyPage(browser, baseUrl, device, async (page, session) => {
    await page.evaluate(() => window.bpeviz.setEncoding('o200k_base'));
    await setText(page, LONG_TEXT);
    await waitFor(page, () => window.bpeviz.state().counts.tokens >= 3000, null, '3,000 tokens');
    await fn(page, session);
  });
}

export const tests = {
  async 'a drag scrolls the 3,000-token view with the finger, clicks no tile, and a flick coasts on'({ browser, baseUrl }) {
    for (const device of QUICK_DEVICES) {
      await withLongText(browser, baseUrl, device, async (page) => {
        const finger = await fingers(page);
        const s = await state(page);
        const view = s.layout.tokens;
        assert(view.height > 150, `${device.name}: the tokens view is ${view.height} px high`);
        assertEqual(s.scroll.tokens, 0, `${device.name}: the view starts at the top`);
        const [x] = centre(view);
        const distance = Math.round(view.height * 0.5);
        await finger.drag(x, view.y + view.height * 0.8, 0, -distance);
        await settleTouch(page);
        let after = await state(page);
        assert(Math.abs(after.scroll.tokens - distance) <= 1,
               `${device.name}: the view scrolled with the finger (${after.scroll.tokens} px for a ${distance} px drag)`);
        assert(after.touch.target.includes('tokens'), `${device.name}: the drag scrolled the tokens view (${after.touch.target})`);
        assertEqual(after.panel, 'tokens', `${device.name}: no tile was clicked (a click opens its merge tree)`);
        assertEqual(after.hover, null, `${device.name}: no tooltip after a drag`);

        // A flick: 240 px in 80 ms, lifted while moving. The view goes on after the finger is gone.
        const before = after.scroll.tokens;
        // The gesture times the finger's samples by the touch events' own times, so a busy page (frames far
        // slower than a phone's) still reads the flick's speed.
        await finger.drag(x, view.y + view.height * 0.8, 0, -Math.min(240, view.height * 0.6), { steps: 5, stepMs: 16, holdMs: 0 });
        // (Whether it still coasts a frame or two later depends on how long those frames take: the coast goes
        // by time. What it adds past the finger's own distance is what it moved after the lift.)
        await settleTouch(page);
        after = await state(page);
        const dragged = Math.min(240, view.height * 0.6);
        assert(after.scroll.tokens - before > dragged + 40,
               `${device.name}: the flick carried the view on past the finger's ${dragged} px (${after.scroll.tokens - before} px)`);
        assert(after.scroll.tokens - before < dragged + 6 * 325, `${device.name}: and only a little (${after.scroll.tokens - before} px)`);
        assertEqual(after.panel, 'tokens', `${device.name}: the flick clicked nothing`);
      });
    }
  },

  async 'a drag scrolls Merge steps and the Compare bands'({ browser, baseUrl }) {
    for (const device of QUICK_DEVICES) {
      await withLongText(browser, baseUrl, device, async (page) => {
        const finger = await fingers(page);
        await page.evaluate(() => window.bpeviz.showPanel('merges'));
        await frames(page, 3);
        let panel = (await state(page)).layout.panel;
        await finger.drag(centre(panel)[0], panel.y + panel.height * 0.85, 0, -panel.height * 0.3);
        await settleTouch(page);
        let s = await state(page);
        assert(s.touch.target.includes('player tokens'), `${device.name}: the drag scrolled Merge steps' tiles (${s.touch.target})`);
        assert(s.touch.scroll[1] > panel.height * 0.25, `${device.name}: Merge steps scrolled ${s.touch.scroll[1]} px`);
        assertEqual(s.panel, 'merges', `${device.name}: nothing was clicked`);

        await page.evaluate(() => window.bpeviz.setCompare(['cl100k_base', 'o200k_base']));
        await waitFor(page, () => window.bpeviz.state().compare.columns.every((c) => c.ready), null, 'both bands');
        await frames(page, 3);
        const band = (await state(page)).compare.columns[1].rect;  // [x, y, width, height]
        await finger.drag(band[0] + band[2] / 2, band[1] + band[3] * 0.85, 0, -band[3] * 0.5);
        await settleTouch(page);
        s = await state(page);
        assert(s.touch.target.includes('tiles'), `${device.name}: the drag scrolled a Compare band (${s.touch.target})`);
        assert(s.touch.scroll[1] > band[3] * 0.4, `${device.name}: the band scrolled ${s.touch.scroll[1]} px`);
        // The bands scroll together: the other one is at the same place in the text.
        const [a, b] = s.compare.columns.map((c) => c.topRow[0]);
        assert(Math.abs(a - b) < SENTENCE.length, `${device.name}: the bands show the same text (${a}, ${b})`);
      });
    }
  },

  async 'a long press shows a token\'s details (tiktoken\'s id) and a merge-tree box\'s; a tap is one click'({ browser, baseUrl, out }) {
    for (const device of TOUCH_DEVICES) {
      await withLongText(browser, baseUrl, device, async (page) => {
        const finger = await fingers(page);
        const enc = tiktoken.get_encoding('o200k_base');
        const ids = [...enc.encode(LONG_TEXT)];
        enc.free();
        const index = 5;
        const tile = await page.evaluate((i) => window.bpeviz.tokenRect(i), index);
        const [x, y] = centre(tile);
        const pressed = Date.now();
        await finger.down(x, y);
        await frames(page, 1);
        const early = await state(page);
        if (Date.now() - pressed < 400) assertEqual(early.hover, null, `${device.name}: no tooltip before the long press's 500 ms`);
        await sleep(Math.max(0, pressed + 650 - Date.now()));
        await frames(page, 2);
        const held = await state(page);
        assert(held.hover, `${device.name}: a long press shows the tile's tooltip`);
        assertEqual(held.hover.ids, String(ids[index]), `${device.name}: the tooltip's id is tiktoken's`);
        await finger.up();
        await settleTouch(page);
        const lifted = await state(page);
        assertEqual(lifted.hover && lifted.hover.ids, String(ids[index]), `${device.name}: the tooltip stays once the finger lifts`);
        assertEqual(lifted.panel, 'tokens', `${device.name}: a long press clicks nothing`);
        await page.screenshot({ path: path.join(out, `touch-long-press-${device.name}.png`) });

        // A tap on a tile: the hover goes, and one click opens the tile's merge tree.
        const other = await page.evaluate(() => window.bpeviz.tokenRect(8));
        await tap(page, ...centre(other));
        let s = await state(page);
        assertEqual(s.panel, 'tree', `${device.name}: a tap on a tile opens its merge tree`);
        assertEqual(s.tree.id, ids[8], `${device.name}: the tree is of tiktoken's token`);

        // A long press on a box of the tree shows its details: the root's, which a tree wider than the
        // view starts centred on (a leaf may lie out of sight).
        const root = s.tree.rects.length - 1;
        const box = s.tree.rects[root];
        await finger.down(box[0] + box[2] / 2, box[1] + box[3] / 2);
        await sleep(650);
        await frames(page, 2);
        s = await state(page);
        assertEqual(s.tree.hover, root, `${device.name}: a long press on a box shows its details`);
        await finger.up();
        await page.screenshot({ path: path.join(out, `touch-long-press-tree-${device.name}.png`) });
        await settleTouch(page);

        // One touch is one click: the theme button toggles once.
        const theme = s.layout.theme;
        if (onScreen(theme, page)) {
          const was = s.theme;
          await tap(page, ...centre(theme));
          assert((await state(page)).theme !== was, `${device.name}: one tap toggled the theme once`);
        }
      });
    }
  },

  async 'a tap on a tab opens it (in the tab bar, or in the View picker), and Present (the page\'s text size) works by tap'({ browser, baseUrl }) {
    // A phone on its side has room for the tab bar; upright, and on a tablet, the tabs are a picker.
    const landscape = { ...DEVICES.find((d) => d.name === 'phone-landscape'), deviceScaleFactor: 1 };
    const devices = [...QUICK_DEVICES, landscape];
    const kinds = new Set();
    for (const device of devices) {
      await withReadyPage(browser, baseUrl, device, async (page) => {
        await page.evaluate(() => window.bpeviz.showPanel('ids'));
        await frames(page, 2);
        const s = await state(page);
        // Where the tabs are names side by side, a tap on one; where they are a picker, a tap opens its list
        // and a tap on an entry picks it.
        let tab = s.layout.tabs.tokens;
        if (tab.width === 0) {
          assert(onScreen(s.layout.tabPicker, page), `${device.name}: the tabs are a tab bar or the View picker`);
          await tap(page, ...centre(s.layout.tabPicker));
          await frames(page, 2);
          tab = (await state(page)).layout.tabs.tokens;
          kinds.add('picker');
        } else {
          kinds.add('tab bar');
        }
        assert(onScreen(tab, page), `${device.name}: the Tokens tab is on screen (${JSON.stringify(tab)})`);
        await tap(page, ...centre(tab));
        assertEqual((await state(page)).panel, 'tokens', `${device.name}: a tap on the Tokens tab opens it`);
        const present = s.layout.present;
        if (onScreen(present, page)) {
          const size = s.fontSize;
          await tap(page, ...centre(present));
          await frames(page, 3);
          const after = await state(page);
          assert(after.presenting, `${device.name}: a tap on Present turns presentation mode on`);
          assert(after.fontSize > size, `${device.name}: the type grew (${size} → ${after.fontSize})`);
        }
      });
    }
    assertEqual([...kinds].sort().join(', '), 'picker, tab bar', 'both forms of the tabs were tapped');
  },

  async 'the desktop mouse is unchanged: the wheel scrolls, a click opens a tree, hover shows a tooltip, a drag scrolls nothing'({ browser, baseUrl }) {
    await withLongText(browser, baseUrl, {}, async (page) => {
      const view = (await state(page)).layout.tokens;
      const tile = await page.evaluate(() => window.bpeviz.tokenRect(5));
      await page.mouse.move(...centre(tile));
      await frames(page, 2);
      assert((await state(page)).hover, 'hovering a tile shows its tooltip');
      // A mouse drag is not a finger's: it scrolls nothing.
      await page.mouse.move(view.x + view.width / 2, view.y + view.height * 0.8);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(view.x + view.width / 2, view.y + view.height * 0.8 - 20 * i);
      await page.mouse.up();
      await frames(page, 3);
      let s = await state(page);
      assertEqual(s.scroll.tokens, 0, 'a mouse drag does not scroll the view');
      assertEqual(s.touch.target, '', 'nothing was scrolled by touch');
      const other = await page.evaluate(() => window.bpeviz.tokenRect(20));
      await page.mouse.click(...centre(other));
      await frames(page, 3);
      s = await state(page);
      assertEqual(s.panel, 'tree', 'a click on a tile opens its merge tree');
      await page.evaluate(() => window.bpeviz.showPanel('tokens'));
      await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2);
      await page.mouse.wheel(0, 300);
      await waitFor(page, () => window.bpeviz.state().scroll.tokens > 0, null, 'the wheel to scroll the view');
    });
  },
};
