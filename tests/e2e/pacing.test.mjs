// Frame pacing (ui/frame_pacing.h): a still page draws a few frames a second instead of 60, input brings
// frames at once, and what moves by itself (a playing player) goes on at full rate with no input at all.
import path from 'node:path';
import { withReadyPage, setText, assert } from './harness.mjs';

// The frames the page draws in `ms` of wall time, and the animation frames the browser offered in the
// same time (headless Chromium with a software WebGL offers about 30 a second, not 60).
// bpeviz.frameTimes does not wake the page.
async function framesDrawnIn(page, ms) {
  return page.evaluate((ms) => new Promise((resolve) => {
    window.bpeviz.frameTimes();
    let offered = 0;
    const started = performance.now();
    const count = () => {
      if (performance.now() - started >= ms) {
        resolve({ drawn: window.bpeviz.frameTimes().length, offered });
        return;
      }
      offered++;
      requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
  }), ms);
}

const SETTLE_MS = 1500;  // the page's full rate lasts 1 s after the last input

export const tests = {
  async 'a still page draws a few frames a second, and every frame after input or while the merge steps play'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'hello hello 123456789 Hello, 🌍!');
      const tile = await page.evaluate(() => window.bpeviz.tokenRect(2));
      await page.waitForTimeout(SETTLE_MS);
      const still = await framesDrawnIn(page, 2000);
      // Four a second (the caret blinks, anything timed moves on); every frame offered without pacing.
      assert(still.drawn >= 4 && still.drawn <= 12 && still.offered >= 30,
        `a still page drew ${still.drawn} of ${still.offered} frames in 2 s (about 8 expected)`);
      await page.screenshot({ path: path.join(out, 'pacing-still.png') });

      // The mouse over a tile: frames at once (the tooltip), with no call from JavaScript.
      await page.mouse.move(tile.x + tile.width / 2, tile.y + tile.height / 2);
      const afterMove = await framesDrawnIn(page, 500);
      assert(afterMove.drawn >= 0.8 * afterMove.offered,
        `after the mouse moved the page drew ${afterMove.drawn} of the ${afterMove.offered} frames offered in 0.5 s`);
      await page.screenshot({ path: path.join(out, 'pacing-hover.png') });
      await page.mouse.move(2, 2);

      // Playing the merge steps slowly: every frame, though nothing else happens.
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      await page.evaluate(() => window.bpeviz.player('speed', 0.5));
      await page.evaluate(() => window.bpeviz.player('play'));
      await page.waitForTimeout(SETTLE_MS);
      const playing = await framesDrawnIn(page, 2000);
      assert(playing.drawn >= 0.8 * playing.offered && playing.offered >= 30,
        `while the merge steps played the page drew ${playing.drawn} of the ${playing.offered} frames offered in 2 s`);
      const p = await page.evaluate(() => window.bpeviz.state().player);
      assert(p.playing && p.step >= 1, `still playing, and stepped: ${JSON.stringify({ playing: p.playing, step: p.step })}`);

      await page.evaluate(() => window.bpeviz.player('pause'));
      await page.waitForTimeout(SETTLE_MS);
      const paused = await framesDrawnIn(page, 2000);
      assert(paused.drawn <= 12 && paused.offered >= 30,
        `paused, the page drew ${paused.drawn} of ${paused.offered} frames in 2 s (about 8 expected)`);
    });
  },
};
