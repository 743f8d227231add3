// The classroom: light and dark themes (the canvas's background and tiles checked in screenshots, the
// choice kept across reloads, the default from prefers-color-scheme), presentation mode by its key (F5)
// with larger type, the shortcuts overlay (F1 and ?), and the six lessons — each one's text, its ids
// against npm tiktoken and its caption on screen. Screenshots (classroom-*.png) at 1280×720 and
// 1920×1080, DPR 1 and 2, light and dark land in --out.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { assert, assertEqual, frames, pixel, setText, waitFor, withReadyPage } from './harness.mjs';

const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'));
const tiktoken = require('tiktoken');
const cl100k = (text) => {
  const enc = tiktoken.get_encoding('cl100k_base');
  try { return [...enc.encode(text)]; } finally { enc.free(); }
};

const state = (page) => page.evaluate(() => window.bpeviz.state());

// WCAG relative luminance of an [r, g, b] pixel.
const luminance = (rgb) => {
  const [r, g, b] = rgb.map((c) => { const v = c / 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const near = (a, b, tolerance = 3) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

// The window's background, as ui/theme.cpp sets it: light (0.98, 0.98, 0.97), dark (0.105, 0.115, 0.135).
const LIGHT_BG = [250, 250, 247];
const DARK_BG = [27, 29, 34];
// A pixel of the window's own background: in the padding at its bottom-left corner.
const background = async (page) => pixel(page, 4, (await page.evaluate(() => window.innerHeight)) - 4);

// Clicks an empty spot of the tokens panel, so that the text box no longer has the keyboard and the
// single-key shortcuts reach the page.
async function leaveTextBox(page) {
  const r = (await state(page)).layout.tokens;
  await page.mouse.click(r.x + r.width - 12, r.y + r.height - 12);
  await frames(page, 2);
  await page.mouse.move(2, 2);
}

async function press(page, key) {
  await page.keyboard.press(key);
  await frames(page, 3);
}

async function shot(page, out, name) {
  await page.mouse.move(1, 1);
  await frames(page, 3);
  await page.screenshot({ path: path.join(out, `classroom-${name}.png`) });
}

export const tests = {
  async 'themes: the button, T and the API switch the canvas; the choice survives a reload; the system picks at first'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'hello hello hello');
      let s = await state(page);
      assertEqual(s.theme, 'light', 'the theme of a first visit with a light system');
      assert(near(await background(page), LIGHT_BG), `light background: ${await background(page)}`);
      const tile = async (i) => {
        const r = await page.evaluate((k) => window.bpeviz.tokenRect(k), i);
        return pixel(page, r.x + 2.5, r.y + r.height / 2);
      };
      const lightTiles = [await tile(0), await tile(1), await tile(2)];
      assert(luminance(lightTiles[0]) > 0.35, `light tiles are pastel: ${lightTiles[0]}`);

      // The button in the header.
      const b = s.layout.theme;
      assert(b.width > 0, 'the theme button is drawn');
      await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
      await frames(page, 3);
      s = await state(page);
      assertEqual(s.theme, 'dark', 'the theme after clicking its button');
      assert(near(await background(page), DARK_BG), `dark background: ${await background(page)}`);
      const darkTiles = [await tile(0), await tile(1), await tile(2)];
      // Tiles are deep tones under light text; the same id keeps one colour, another id differs.
      assert(luminance(darkTiles[0]) < 0.16 && luminance(darkTiles[1]) < 0.16, `dark tiles: ${JSON.stringify(darkTiles)}`);
      assertEqual(darkTiles[1], darkTiles[2], 'the same id, the same colour');
      assert(!near(darkTiles[0], darkTiles[1], 0), 'different ids, different colours');
      await shot(page, out, 'dark-1280x720');

      // Kept for the next visit, as a preference apart from the text.
      assertEqual(await page.evaluate(() => localStorage.getItem('bpeviz.theme')), 'dark', 'the stored theme');
      await page.reload();
      await page.evaluate(() => window.bpeviz.ready);
      await frames(page, 3);
      s = await state(page);
      assertEqual(s.theme, 'dark', 'the theme after a reload');
      assertEqual(s.text, 'hello hello hello', 'the text after a reload');
      assert(near(await background(page), DARK_BG), `dark background after a reload: ${await background(page)}`);
      assertEqual(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the page around the canvas');

      // The API, and T when the text box does not have the keyboard.
      await page.evaluate(() => window.bpeviz.setTheme('light'));
      assertEqual((await state(page)).theme, 'light', 'setTheme');
      assert(near(await background(page), LIGHT_BG), 'light again');
      await leaveTextBox(page);
      await press(page, 't');
      assertEqual((await state(page)).theme, 'dark', 'T switches the theme');
      assertEqual((await state(page)).text, 'hello hello hello', 'T was not typed');
      await press(page, 't');
      assertEqual((await state(page)).theme, 'light', 'T switches back');
      let refused = '';
      await page.evaluate(() => window.bpeviz.setTheme('sepia')).catch((e) => { refused = e.message; });
      assert(refused.includes('unknown theme'), `an unknown theme is refused: ${refused}`);
    });

    // A first visit on a system set to dark starts dark (nothing stored yet).
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.reload();
      await page.evaluate(() => window.bpeviz.ready);
      await frames(page, 3);
      assertEqual((await state(page)).theme, 'dark', 'the system is dark');
      assert(near(await background(page), DARK_BG), `dark background: ${await background(page)}`);
      assertEqual(await page.evaluate(() => localStorage.getItem('bpeviz.theme')), null, 'nothing stored until the user picks');
    });
  },

  async 'presentation mode: F5 turns it on and off, the type grows for the window, the secondary controls go'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.lesson('emoji'));
      await page.evaluate(() => { window.notReloaded = true; });
      let s = await state(page);
      assertEqual([s.presenting, s.fontScale, s.fontSize], [false, 1, 18], 'before');
      const tileBefore = await page.evaluate(() => window.bpeviz.tokenRect(0));
      assert(s.layout.copyLink.width > 0 && s.layout.model.width > 0, 'Copy link and the model picker are drawn');

      await press(page, 'F5');  // the text box has the keyboard: function keys work anyway
      s = await state(page);
      assertEqual(await page.evaluate(() => window.notReloaded), true, 'F5 did not reload the page');
      assert(s.presenting, 'F5 turned presentation mode on');
      assertEqual([s.fontScale, s.fontSize], [1.5, 27], 'the type at 1280×720');
      const tileAfter = await page.evaluate(() => window.bpeviz.tokenRect(0));
      assert(tileAfter.height > tileBefore.height * 1.3, `the tiles grow with the type: ${tileBefore.height} → ${tileAfter.height}`);
      assertEqual([s.layout.copyLink.width, s.layout.model.width], [0, 0], 'Copy link and the model picker are hidden');
      assert(s.layout.encoding.width > 0, 'the encoding picker stays');
      // High contrast: a pure white window.
      assert(near(await background(page), [255, 255, 255], 1), `presenting background: ${await background(page)}`);
      assert(s.lesson.caption.length > 0 && s.layout.caption.height > 0, 'the caption is shown');
      await shot(page, out, 'present-light-1280x720');

      await press(page, 'F5');
      s = await state(page);
      assertEqual([s.presenting, s.fontScale, s.fontSize], [false, 1, 18], 'F5 again');

      // The button and the API do the same.
      const b = s.layout.present;
      await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
      await frames(page, 3);
      assert((await state(page)).presenting, 'the Present button');
      await page.evaluate(() => window.bpeviz.present(false));
      assertEqual((await state(page)).presenting, false, 'present(false)');
    });

    // A projector's window: larger still.
    await withReadyPage(browser, baseUrl, { viewport: { width: 1920, height: 1080 } }, async (page) => {
      await page.evaluate(() => window.bpeviz.lesson('languages'));
      await press(page, 'F5');
      const s = await state(page);
      assertEqual([s.presenting, s.fontScale, s.fontSize], [true, 2, 36], 'the type at 1920×1080');
      await shot(page, out, 'present-light-1920x1080');
    });
  },

  async 'the shortcuts overlay: F1 and ? open and close it; ? in the text box is typed'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await setText(page, 'abc');
      const before = await background(page);
      await press(page, 'F1');
      assert((await state(page)).shortcutsHelp, 'F1 opens the overlay');
      await frames(page, 4);  // the page behind dims in
      const dimmed = await background(page);
      assert(luminance(dimmed) < luminance(before) - 0.1, `the page behind is dimmed: ${before} → ${dimmed}`);
      await shot(page, out, 'help-light-1280x720');
      await press(page, 'Escape');
      assert(!(await state(page)).shortcutsHelp, 'Esc closes it');

      await press(page, 'F1');
      await press(page, 'F1');
      assert(!(await state(page)).shortcutsHelp, 'F1 closes it too');

      await leaveTextBox(page);
      await press(page, '?');
      assert((await state(page)).shortcutsHelp, '? opens it');
      await press(page, '?');
      assert(!(await state(page)).shortcutsHelp, '? closes it');
      assertEqual((await state(page)).text, 'abc', 'the text is untouched');

      // In the text box ? is a character.
      const e = (await state(page)).layout.editor;
      await page.mouse.click(e.x + e.width - 20, e.y + e.height - 20);
      await frames(page, 2);
      await press(page, '?');
      const s = await state(page);
      assert(!s.shortcutsHelp, '? typed in the text box does not open the overlay');
      assertEqual(s.text, 'abc?', 'it is typed');

      // The overlay in the dark theme, presenting.
      await page.evaluate(() => window.bpeviz.setTheme('dark'));
      await page.evaluate(() => window.bpeviz.present(true));
      await page.evaluate(() => window.bpeviz.shortcutsHelp(true));
      await frames(page, 4);
      await shot(page, out, 'help-present-dark-1280x720');
    });
  },

  async 'lessons: each sets its text and encoding, its ids are tiktoken\'s, its caption shows; keys step through them'({ browser, baseUrl, out }) {
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      const lessons = await page.evaluate(() => window.bpeviz.lessons());
      assertEqual(lessons.map((l) => l.name), ['emoji', 'leading-space', 'same-word', 'numbers', 'code', 'languages'], 'the lessons');
      for (const [i, lesson] of lessons.entries()) {
        await page.evaluate((name) => window.bpeviz.lesson(name), lesson.name);
        const s = await state(page);
        assertEqual(s.text, lesson.text, `${lesson.name}: the text`);
        assertEqual(s.encoding, 'cl100k_base', `${lesson.name}: the encoding`);
        assertEqual(s.tokens.map((t) => t.id), cl100k(lesson.text), `${lesson.name}: the ids are tiktoken's`);
        assertEqual([s.lesson.name, s.lesson.encoding, s.lesson.caption], [lesson.name, 'cl100k_base', lesson.caption], `${lesson.name}: state().lesson`);
        // The caption's band is drawn above the tabs, in the theme's tint.
        const c = s.layout.caption;
        assert(c.height > 0 && c.y < s.layout.panel.y, `${lesson.name}: the caption above the tabs`);
        assert(near(await pixel(page, c.x + 3, c.y + 2), [226, 237, 251]), `${lesson.name}: the caption band`);
        await shot(page, out, `lesson-${i + 1}-${lesson.name}`);
      }
      // The captions say what tiktoken says: spot checks of their numbers.
      assertEqual(cl100k('hello hello'), [15339, 24748], 'hello hello');
      assertEqual(cl100k(' 🌍').length, 3, 'the globe with its space');

      // Keys: a number picks a lesson, Page Down / Page Up step; editing the text ends the lesson.
      await leaveTextBox(page);
      await press(page, '2');
      assertEqual((await state(page)).lesson.name, 'leading-space', 'key 2');
      await press(page, 'PageDown');
      assertEqual((await state(page)).lesson.name, 'same-word', 'Page Down');
      await press(page, 'PageUp');
      await press(page, 'PageUp');
      assertEqual((await state(page)).lesson.name, 'emoji', 'Page Up twice');
      await setText(page, 'hello hello!');
      let s = await state(page);
      assertEqual([s.lesson, s.layout.caption.height], [null, 0], 'an edited text is no lesson');
      // Another encoding: the lesson's text stays, its caption (about cl100k_base) goes.
      await page.evaluate(() => window.bpeviz.lesson('numbers'));
      await page.evaluate(() => window.bpeviz.setEncoding('o200k_base'));
      s = await state(page);
      assertEqual([s.lesson.name, s.lesson.caption, s.layout.caption.height], ['numbers', '', 0], 'under o200k_base');
      let refused = '';
      await page.evaluate(() => window.bpeviz.lesson('nope')).catch((e) => { refused = e.message; });
      assert(refused.includes('unknown lesson'), `an unknown lesson is refused: ${refused}`);
    });
  },

  async 'screenshots: 1280×720 and 1920×1080, DPR 1 and 2, light and dark, presenting or not, every tab in dark'({ browser, baseUrl, out }) {
    const runs = [
      { width: 1280, height: 720, dpr: 1, shots: [['light', false], ['dark', false], ['dark', true]] },
      { width: 1280, height: 720, dpr: 2, shots: [['dark', true], ['light', false]] },
      { width: 1920, height: 1080, dpr: 1, shots: [['dark', false], ['dark', true]] },
      { width: 1920, height: 1080, dpr: 2, shots: [['light', true], ['dark', false]] },
    ];
    for (const { width, height, dpr, shots } of runs) {
      await withReadyPage(browser, baseUrl, { viewport: { width, height }, deviceScaleFactor: dpr }, async (page) => {
        await page.evaluate(() => window.bpeviz.lesson('languages'));
        for (const [theme, presenting] of shots) {
          await page.evaluate((t) => window.bpeviz.setTheme(t), theme);
          await page.evaluate((p) => window.bpeviz.present(p), presenting);
          const s = await state(page);
          assertEqual([s.theme, s.presenting], [theme, presenting], 'the shot\'s settings');
          // Sharp at this density: the glyphs are rasterized at DPR × the CSS size.
          assertEqual(s.fontSize, 18 * s.fontScale, 'the font size in CSS pixels');
          // The tiles fit the window across; on a projector (1080 lines) the whole lesson fits.
          const last = await page.evaluate((n) => window.bpeviz.tokenRect(n), s.tokens.length - 1);
          assert(last && last.x + last.width <= width, `the last tile's row fits across (${JSON.stringify(last)})`);
          if (height >= 1080) {
            assert(last.y + last.height <= height, `${theme} ${width}×${height}: the last tile is on screen (${JSON.stringify(last)})`);
          }
          await shot(page, out, `${theme}${presenting ? '-present' : ''}-${width}x${height}-dpr${dpr}`);
        }
      });
    }
    // Every other tab in the dark theme, for a look at its colours.
    await withReadyPage(browser, baseUrl, {}, async (page) => {
      await page.evaluate(() => window.bpeviz.lesson('code'));
      await page.evaluate(() => window.bpeviz.setTheme('dark'));
      await page.evaluate(() => window.bpeviz.showPanel('merges'));
      await page.evaluate(() => window.bpeviz.player('step', 12));
      await shot(page, out, 'dark-merges');
      await page.evaluate(() => window.bpeviz.mergeTree(24748));
      await page.evaluate(() => window.bpeviz.showPanel('tree'));
      await shot(page, out, 'dark-tree');
      await page.evaluate(() => window.bpeviz.studio({ source: 'text', merges: 20, train: true, step: 6 }));
      await page.evaluate(() => window.bpeviz.showPanel('studio'));
      await shot(page, out, 'dark-studio');
      await page.evaluate(() => window.bpeviz.showPanel('schemes'));
      await waitFor(page, () => window.bpeviz.state().schemes !== null, null, 'the schemes');
      await shot(page, out, 'dark-schemes');
      await page.evaluate(() => window.bpeviz.showPanel('decode'));
      await page.evaluate(() => window.bpeviz.setDecodeInput('[15339, 24748, 99999999]'));
      await shot(page, out, 'dark-decode');
    });
  },
};
